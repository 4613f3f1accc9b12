import { z } from "./zod";
import { peerKeySchema } from "./peerKeys";
import type { JoinRequest, OutgoingSignal } from "./events";
import { LIMITS } from "./limits";
import type { SignalData } from "./signals";

/** Letters, digits, `-` and `_`, starting with a letter or digit: safe in a URL path. */
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export const roomNameSchema = z
  .string()
  .min(1, "Room name is empty.")
  .max(LIMITS.roomNameLength, `Room name is longer than ${LIMITS.roomNameLength} characters.`)
  .regex(ROOM_NAME_PATTERN, "Room name may hold only letters, digits, '-' and '_'.");

/** A zero-width joiner inside an emoji sequence (👩‍🎤): part of the picture, not a trick. */
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\p{M}*)\u200D(?=\p{Extended_Pictographic})/gu;

/**
 * Text as others will see it, at most `maxLength` characters: folded to its compatibility
 * form (NFKC: "Ａda" is "Ada"), without control characters or invisible format ones (bidi
 * overrides that reverse what follows, zero-width spaces), so one player cannot pass for
 * another or hide what they wrote. `what` names it in the sentences ("Name is empty.").
 */
export function visibleTextSchema(what: string, maxLength: number) {
  return z
    .string()
    .normalize("NFKC")
    .trim()
    .min(1, `${what} is empty.`)
    .max(maxLength, `${what} is longer than ${maxLength} characters.`)
    .refine((text) => !/\p{Cc}/u.test(text), `${what} contains control characters.`)
    .refine(
      (text) => !/\p{Cf}/u.test(text.replace(EMOJI_JOINER, "")),
      `${what} contains invisible formatting characters.`,
    );
}

export const displayNameSchema = visibleTextSchema("Name", LIMITS.displayNameLength);

export const playerColorSchema = z.string().regex(/^#[0-9a-f]{6}$/, "A colour is #rrggbb.");

export const joinRequestSchema = z.strictObject({
  room: roomNameSchema,
  name: displayNameSchema,
  key: peerKeySchema.optional(),
  color: playerColorSchema.optional(),
  listen: z.boolean().optional(),
  clockInPings: z.boolean().optional(),
}) satisfies z.ZodType<JoinRequest>;

const candidateSchema = z.object({
  candidate: z.string().max(1024),
  sdpMid: z.string().max(64).nullish(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullish(),
  usernameFragment: z.string().max(256).nullish(),
});

export const signalDataSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.enum(["offer", "answer"]), sdp: z.string().max(LIMITS.signalBytes) }),
  z.strictObject({ type: z.literal("candidate"), candidate: candidateSchema }),
  z.strictObject({ type: z.literal("renegotiate"), renegotiate: z.literal(true) }),
]) satisfies z.ZodType<SignalData>;

export const outgoingSignalSchema = z.strictObject({
  to: z.string().min(1).max(64),
  data: signalDataSchema,
}) satisfies z.ZodType<OutgoingSignal>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses untrusted input; on failure gives the first problem as a sentence. */
export function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return { ok: false, message: `${where}${issue?.message ?? "invalid"}` };
}
