import { createSignal } from "solid-js";
import { storedViewSettings, storeViewSettings, type ViewSettings } from "./viewSettings";

/** This browser's view settings as Solid state, kept as they change. */
export function createView() {
  const [settings, setSettings] = createSignal(storedViewSettings());
  return {
    settings,
    change: (change: Partial<ViewSettings>) => {
      const next = { ...settings(), ...change };
      storeViewSettings(next);
      setSettings(next);
    },
  };
}

export type RoomView = ReturnType<typeof createView>;
