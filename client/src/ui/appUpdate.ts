import { createSignal } from "solid-js";
import { registerSW } from "virtual:pwa-register";

/**
 * The service worker, registered once per page. When a new version of the app has been
 * fetched whole, `updateReady` turns true and the page offers it; `update` moves to it and
 * reloads, so the page never mixes the files of two versions.
 */
const [updateReady, setUpdateReady] = createSignal(false);
let update: ReturnType<typeof registerSW> | undefined;

export function registerAppWorker(): void {
  if (!("serviceWorker" in navigator) || update) return;
  update = registerSW({ onNeedRefresh: () => setUpdateReady(true) });
}

export { updateReady };

/**
 * Moves to the waiting version: it takes over, then the page reloads under it. The reload
 * is ours: Workbox reloads only when the page was controlled from its start, and a page
 * whose first visit installed the worker was not.
 */
export function takeUpdate(): void {
  navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), {
    once: true,
  });
  void update?.(false);
}
