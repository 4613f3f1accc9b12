import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startFirebaseEmulators,
  type FirebaseEmulators,
} from "../signaling/test/support/firebaseEmulators";
import { testHostAddress } from "./support/browser";
import { midi, pause, recordTake, shows, signUp, text, useE2eHarness } from "./support/e2eHarness";

describe("signing in with Firebase Auth, recordings in Firestore (emulators)", () => {
  let emulators: FirebaseEmulators;
  beforeAll(async () => {
    emulators = await startFirebaseEmulators({ authHost: testHostAddress() });
  });
  afterAll(() => emulators.stop());
  const harness = useE2eHarness(() => ({ backend: { kind: "firebase", ...emulators.settings } }));

  it("signs up by email, saves a take, stays signed in across a reload, signs out", async () => {
    const page = await harness.openRoom("firebase-studio", { samples: false });
    await signUp(page, "ada@example.com", "correct horse");
    await recordTake(page, async () => {
      await midi(page, [0x90, 60, 100]);
      await pause(120);
      await midi(page, [0x80, 60, 0]);
    });
    await page.getByLabel("Recording name").fill("Cloud take");
    await page.getByRole("button", { name: "Save" }).click();
    await shows(page, ".record [role=status]", 'Saved "Cloud take"');

    // The Firebase SDK keeps the session in IndexedDB; the server checks a fresh ID token.
    await page.reload();
    await shows(page, ".account", "Signed in as ada@example.com");
    await shows(page, ".recordings", "Cloud take");

    await page.getByRole("button", { name: "Sign out" }).click();
    await shows(page, ".record", "Sign in to record");
    expect(await text(page, ".account")).not.toContain("ada@example.com");
    await page.context().close();
  });

  it("says why a sign-in is refused", async () => {
    harness.expectRefusals(/\/identitytoolkit\.googleapis\.com\/v1\/accounts:sign(In|Up)/);
    await emulators.signUp("bob@example.com", "battery staple");
    const page = await harness.openRoom("firebase-studio", { samples: false });
    await page.getByLabel("Email").fill("bob@example.com");
    await page.getByLabel("Password").fill("wrong staple");
    await page.getByRole("button", { name: "Sign in" }).click();
    await shows(page, ".account [role=alert]", "Wrong email or password.");
    await page.getByRole("button", { name: "Create account" }).click();
    await shows(page, ".account [role=alert]", "An account with this email exists");
    await page.context().close();
  });
});
