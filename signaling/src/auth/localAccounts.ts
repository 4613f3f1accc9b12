import { randomUUID } from "node:crypto";
import type { Account, Credentials, SignInAnswer } from "@nicepiano/protocol";
import { errors, jwtVerify, SignJWT } from "jose";
import { LRUCache } from "lru-cache";
import { settle, type SqliteDatabase } from "../store/openDatabase";
import { AuthError } from "./authError";
import { hashPassword, passwordMatches } from "./passwords";
import type { TokenVerifier } from "./tokenVerifier";

interface UserRow {
  id: string;
  username: string;
  password_hash: Buffer;
  password_salt: Buffer;
  token_version: number;
}

/** What a signed-in request needs of its user: not the password's hash. */
type AccountRow = Pick<UserRow, "id" | "username" | "token_version">;

export interface LocalAccountsOptions {
  db: SqliteDatabase;
  /** Signs session tokens (HMAC-SHA256); at least 32 bytes. */
  secret: Uint8Array;
  tokenLifetimeSeconds?: number;
}

const ISSUER = "nicepiano";
const WEEK_SECONDS = 7 * 24 * 3600;
/** Tokens whose signature was checked, kept (each a few hundred bytes). */
const CHECKED_TOKENS = 10_000;
/** Signed-in users' rows, kept (each under a hundred bytes), each for at most 5 s. */
const KNOWN_ACCOUNTS = 10_000;
const KNOWN_ACCOUNT_MS = 5000;

/** What a token whose signature checked out says. */
interface Claims {
  subject: string | undefined;
  version: unknown;
  /** When it expires, ms since 1970. */
  expiresAt: number;
}

/**
 * Accounts of the embedded back end: usernames and scrypt-hashed passwords in SQLite,
 * signed session tokens (JWT, HS256) that carry the user's token version, so that
 * `revoke` signs a user out everywhere.
 */
export class LocalAccounts implements TokenVerifier {
  readonly #secret: Uint8Array;
  readonly #lifetime: number;
  /** Compiled once: `verify` runs on every signed-in request and handshake. */
  readonly #statements;
  /**
   * Tokens whose signature checked out, with their claims. A page sends the same token
   * with each request, and checking an HMAC through WebCrypto took a third of the server's
   * time at the load test's seed workload (BENCHMARKS.md, musicians per instance). Expiry
   * and the user's token version (a sign-out everywhere) are still checked every time.
   */
  readonly #checked = new LRUCache<string, Claims>({ max: CHECKED_TOKENS });
  /**
   * The rows of users signed in lately, by id: read once in a while, not with each request
   * and handshake (a busy instance read one for every recording fetch and reconnect).
   * `revoke` drops its user's row in the same step as it writes the new version, so a
   * token revoked here is refused at once; one revoked by another process sharing the
   * file (the load tester's instances) within `KNOWN_ACCOUNT_MS`.
   */
  readonly #accounts = new LRUCache<string, AccountRow>({
    max: KNOWN_ACCOUNTS,
    ttl: KNOWN_ACCOUNT_MS,
  });

  constructor({ db, secret, tokenLifetimeSeconds = WEEK_SECONDS }: LocalAccountsOptions) {
    if (secret.length < 32) throw new Error("The session secret must be at least 32 bytes.");
    this.#secret = secret;
    this.#lifetime = tokenLifetimeSeconds;
    this.#statements = {
      insert: db.prepare(
        `INSERT INTO users (id, username, password_hash, password_salt, created_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`,
      ),
      revoke: db.prepare("UPDATE users SET token_version = token_version + 1 WHERE id = ?"),
      byName: db.prepare<[string], UserRow>("SELECT * FROM users WHERE username = ?"),
      // Every signed-in request reads this: the columns it needs, not the password's.
      byId: db.prepare<[string], AccountRow>(
        "SELECT id, username, token_version FROM users WHERE id = ?",
      ),
    };
  }

  async signUp({ username, password }: Credentials): Promise<SignInAnswer> {
    const { hash, salt } = await hashPassword(password);
    const id = randomUUID();
    const inserted = await settle(
      () => this.#statements.insert.run(id, username, hash, salt, Date.now()).changes,
    );
    if (inserted === 0) throw new AuthError("username-taken");
    return this.#answer({ id, username, token_version: 0 });
  }

  async signIn({ username, password }: Credentials): Promise<SignInAnswer> {
    const user = await this.#byName(username);
    // Hash even for an unknown name, so timing does not tell which names exist.
    const matches = await passwordMatches(
      password,
      user?.password_hash ?? Buffer.alloc(64),
      user?.password_salt ?? Buffer.alloc(16),
    );
    if (!user || !matches) throw new AuthError("invalid-credentials");
    return this.#answer(user);
  }

  async verify(token: string): Promise<Account> {
    const { subject, version, expiresAt } = await this.#claimsOf(token);
    if (expiresAt <= Date.now()) throw new AuthError("expired-token");
    const user = subject ? await this.#byId(subject) : undefined;
    if (!user || user.token_version !== version) throw new AuthError("revoked-token");
    return { id: user.id, username: user.username };
  }

  /** The claims of a token whose signature is good, checked once. */
  async #claimsOf(token: string): Promise<Claims> {
    const checked = this.#checked.get(token);
    if (checked) return checked;
    try {
      const { payload } = await jwtVerify(token, this.#secret, {
        issuer: ISSUER,
        algorithms: ["HS256"],
      });
      const claims = {
        subject: payload.sub,
        version: payload.ver,
        expiresAt: (payload.exp ?? 0) * 1000,
      };
      this.#checked.set(token, claims);
      return claims;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AuthError("expired-token");
      throw new AuthError("invalid-token");
    }
  }

  /** Signs the user out everywhere: every token issued so far stops working. */
  async revoke(userId: string): Promise<void> {
    await settle(() => {
      this.#statements.revoke.run(userId);
      this.#accounts.delete(userId);
    });
  }

  /** A token for `userId` that expired a minute ago (for tests of expiry). */
  async issueExpiredTokenFor(account: Account): Promise<string> {
    const user = await this.#byId(account.id);
    const now = Math.floor(Date.now() / 1000);
    return this.#sign(account.id, user?.token_version ?? 0, now - 120, now - 60);
  }

  async #answer(user: AccountRow): Promise<SignInAnswer> {
    const now = Math.floor(Date.now() / 1000);
    return {
      account: { id: user.id, username: user.username },
      token: await this.#sign(user.id, user.token_version, now, now + this.#lifetime),
    };
  }

  #sign(subject: string, version: number, issuedAt: number, expiresAt: number): Promise<string> {
    return new SignJWT({ ver: version })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.#secret);
  }

  #byName(username: string): Promise<UserRow | undefined> {
    return settle(() => this.#statements.byName.get(username));
  }

  /** The user's row: kept, or read (and kept) in one synchronous step, as `revoke` writes. */
  #byId(id: string): Promise<AccountRow | undefined> {
    return settle(() => {
      const known = this.#accounts.get(id);
      if (known) return known;
      const row = this.#statements.byId.get(id);
      if (row) this.#accounts.set(id, row);
      return row;
    });
  }
}
