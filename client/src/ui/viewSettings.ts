import { z } from "@nicepiano/protocol";

/**
 * How this page shows the piano, kept in this browser: the keys' size, their labels,
 * whether the others' playing shows (hidden: ear training), and the falling notes.
 */
export const viewSettingsSchema = z.object({
  /** "fit": all 88 keys in the window; a number: each white key that many pixels wide. */
  keySize: z
    .union([z.literal("fit"), z.literal(28), z.literal(44), z.literal(60)])
    .optional()
    .catch(undefined),
  labels: z.enum(["off", "letters", "solfege"]).catch("off"),
  hideOthers: z.boolean().catch(false),
  fallingNotes: z.boolean().catch(true),
});

export type ViewSettings = z.infer<typeof viewSettingsSchema>;
export type KeySize = NonNullable<ViewSettings["keySize"]>;
export type KeyLabels = ViewSettings["labels"];

const VIEW_KEY = "nicepiano.view";
/** Where the first design kept the falling notes' switch. */
const OLD_FALLING_KEY = "nicepiano.fallingNotes";

export function storedViewSettings(storage: Storage = localStorage): ViewSettings {
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(storage.getItem(VIEW_KEY) ?? "{}") as Record<string, unknown>;
  } catch {
    // unreadable: the defaults
  }
  if (stored.fallingNotes === undefined && storage.getItem(OLD_FALLING_KEY) === "hidden") {
    stored.fallingNotes = false;
  }
  const parsed = viewSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : viewSettingsSchema.parse({});
}

export function storeViewSettings(settings: ViewSettings, storage: Storage = localStorage): void {
  storage.setItem(VIEW_KEY, JSON.stringify(settings));
}

/** White keys this wide, or more, are easy to hit with a finger. */
export const TOUCH_KEY_PX = 44;

/**
 * The key size the page uses: the one chosen, or else all 88 keys where they fit a
 * mouse (and on a wide touch screen, where they are wide enough), else keys for fingers.
 */
export function keySizeFor(chosen: KeySize | undefined, touch: boolean, width: number): KeySize {
  if (chosen !== undefined) return chosen;
  if (!touch) return "fit";
  return width / 52 >= TOUCH_KEY_PX ? "fit" : TOUCH_KEY_PX;
}

const LETTERS = ["C", "C♯", "D", "D♯", "E", "F", "F♯", "G", "G♯", "A", "A♯", "B"];
const SOLFEGE = ["Do", "Do♯", "Re", "Re♯", "Mi", "Fa", "Fa♯", "Sol", "Sol♯", "La", "La♯", "Si"];

/**
 * What a key shows: with labels off, only each C with its octave (C4 is middle C); with
 * letters or solfège, every white key's name, and the octave on each C.
 */
export function keyLabel(note: number, labels: KeyLabels): string | undefined {
  const pitch = note % 12;
  const octave = Math.floor(note / 12) - 1;
  if (labels === "off") return pitch === 0 ? `C${octave}` : undefined;
  const names = labels === "letters" ? LETTERS : SOLFEGE;
  const name = names[pitch]!;
  if (name.endsWith("♯")) return undefined;
  return pitch === 0 ? `${name}${octave}` : name;
}
