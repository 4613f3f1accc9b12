/**
 * A note as the original design's clients sent it to its server: one Socket.IO event of
 * plain numbers, `[type, note, velocity, t]` (JSON: one WebSocket frame each way; a binary
 * payload would take Socket.IO two). The load test's relay design carries notes so, its
 * server broadcasting each to the rest of the room.
 */
export type OriginalNote = [type: number, note: number, velocity: number, t: number];

/** The original design's note event, which NicePiano's contract does not have. */
export interface OriginalNoteEvents {
  note: (note: OriginalNote) => void;
}

export function isOriginalNote(value: unknown): value is OriginalNote {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((item) => typeof item === "number" && Number.isFinite(item))
  );
}
