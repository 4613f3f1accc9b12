import { z } from "./zod";

/** A signed-in player, as the server knows them. */
export interface Account {
  /** Stable id: the local user id or the Firebase uid. */
  id: string;
  /** What the player signs in with and is shown as. */
  username: string;
}

export interface SignInAnswer {
  account: Account;
  /** Send as `Authorization: Bearer <token>` and in the Socket.IO handshake `auth.token`. */
  token: string;
}

export const ACCOUNT_LIMITS = {
  usernameLength: 32,
  passwordMin: 8,
  passwordMax: 128,
} as const;

export const credentialsSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3, "A username has at least 3 characters.")
    .max(
      ACCOUNT_LIMITS.usernameLength,
      `A username has at most ${ACCOUNT_LIMITS.usernameLength} characters.`,
    )
    .regex(/^[\p{L}\p{N}_.-]+$/u, "A username may hold letters, digits, '.', '-' and '_'."),
  password: z
    .string()
    .min(
      ACCOUNT_LIMITS.passwordMin,
      `A password has at least ${ACCOUNT_LIMITS.passwordMin} characters.`,
    )
    .max(
      ACCOUNT_LIMITS.passwordMax,
      `A password has at most ${ACCOUNT_LIMITS.passwordMax} characters.`,
    ),
});

export type Credentials = z.infer<typeof credentialsSchema>;

/** What the browser needs to sign in here: `GET /api/config`. */
export type AccountsConfig =
  { backend: "embedded" } | { backend: "firebase"; firebase: FirebaseWebConfig };

/** The Firebase JS SDK's settings for this server's project. */
export interface FirebaseWebConfig {
  apiKey: string;
  authDomain: string;
  projectId: string;
  /** `http://host:port` of the Auth emulator, when the server uses one. */
  authEmulatorUrl?: string;
}
