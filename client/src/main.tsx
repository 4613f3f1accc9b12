import { render } from "solid-js/web";
import { createAccountProvider } from "./accounts/accountProvider";
import { withAccountsConfig } from "./accounts/accountsConfigCache";
import { SAMPLES_URL } from "./audio/piano/salamander";
import { prefetchFirstSamples } from "./audio/piano/samplePrefetch";
import { chosenQuality, storedSoundSettings } from "./audio/soundSettings";
import { App } from "./ui/App";
import { registerAppWorker } from "./ui/appUpdate";
import { roomFromPath } from "./ui/roomPath";
import "./ui/styles.css";

// A room's first sounds and its code are fetched at once: the piano plays sooner.
if (roomFromPath(location.pathname).valid) {
  prefetchFirstSamples(SAMPLES_URL, chosenQuality(storedSoundSettings()));
  void import("./ui/RoomPage");
}

// The server says how players sign in here (its own accounts or Firebase) before the
// first render, so a room page signs its socket in the right way from the start.
void withAccountsConfig((config) => {
  const accounts = createAccountProvider(config);
  render(() => <App accounts={accounts} />, document.getElementById("app")!);
});

// The app shell, kept for the next visit (and offline).
registerAppWorker();
