import { z } from "@nicepiano/protocol";
import { defaultQuality, PIANO_QUALITIES, type PianoQuality } from "./piano/pianoQuality";

/**
 * How this listener hears the room, kept in this browser only: nothing here changes what
 * the others hear. The velocity curve, transpose and octave apply to this player's MIDI
 * keyboard, before its notes are sent.
 */
export const soundSettingsSchema = z.object({
  /** Unset: the device's default (Light on a phone or with saved data, else Standard). */
  quality: z
    .enum(PIANO_QUALITIES as [PianoQuality, ...PianoQuality[]])
    .optional()
    .catch(undefined),
  /** Master volume, 0–1. */
  volume: z.number().min(0).max(1).catch(0.8),
  reverb: z.enum(["off", "room", "hall"]).catch("room"),
  velocityCurve: z.enum(["soft", "normal", "hard", "fixed"]).catch("normal"),
  transpose: z.number().int().min(-12).max(12).catch(0),
  octave: z.number().int().min(-3).max(3).catch(0),
});

export type SoundSettings = z.infer<typeof soundSettingsSchema>;
export type Reverb = SoundSettings["reverb"];
export type VelocityCurve = SoundSettings["velocityCurve"];

const SETTINGS_KEY = "nicepiano.sound";

/** The settings kept in `storage`; anything unreadable falls back to its default. */
export function storedSoundSettings(storage: Storage = localStorage): SoundSettings {
  let stored: unknown = {};
  try {
    stored = JSON.parse(storage.getItem(SETTINGS_KEY) ?? "{}");
  } catch {
    // unreadable: the defaults
  }
  const parsed = soundSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : soundSettingsSchema.parse({});
}

export function storeSoundSettings(settings: SoundSettings, storage: Storage = localStorage): void {
  storage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

/** The quality chosen here, or this device's default (Light with saved data or on a phone). */
export function chosenQuality(settings: SoundSettings): PianoQuality {
  return settings.quality ?? defaultQuality(deviceHints());
}

/** Whether this browser asks to save data, and whether it is a phone or a tablet. */
function deviceHints() {
  const nav = navigator as Navigator & {
    connection?: { saveData?: boolean };
    userAgentData?: { mobile?: boolean };
  };
  return {
    saveData: nav.connection?.saveData === true,
    mobile: nav.userAgentData?.mobile ?? matchMedia("(pointer: coarse)").matches,
  };
}
