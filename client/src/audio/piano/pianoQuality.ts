/**
 * How much of the piano a listener loads: Light (2 velocity layers, for slow links, saved
 * data and phones), Standard (8 layers, the default on a desktop), Concert (all 16, the
 * key-release noises, the pedal and string harmonics).
 */
export type PianoQuality = "light" | "standard" | "concert";

export const PIANO_QUALITIES: readonly PianoQuality[] = ["light", "standard", "concert"];

/**
 * The velocity layers of each quality, in the order they load: a middle one first (it
 * plays every touch passably), then the loud and soft ends, then the ones between. Each
 * quality's layers start with the smaller one's, so moving up loads only what is missing.
 */
export const LAYER_ORDER: Readonly<Record<PianoQuality, readonly number[]>> = {
  light: [8, 14],
  standard: [8, 14, 4, 12, 16, 2, 10, 6],
  concert: [8, 14, 4, 12, 16, 2, 10, 6, 11, 5, 15, 1, 9, 3, 13, 7],
};

export function isPianoQuality(value: unknown): value is PianoQuality {
  return PIANO_QUALITIES.includes(value as PianoQuality);
}

/** What the browser says about this device and link, for the default quality. */
export interface DeviceHints {
  saveData?: boolean;
  /** A phone or tablet (`navigator.userAgentData.mobile`, or a coarse pointer). */
  mobile?: boolean;
}

/** Light when the user asked to save data or on a phone; otherwise Standard. */
export function defaultQuality(hints: DeviceHints): PianoQuality {
  return hints.saveData || hints.mobile ? "light" : "standard";
}
