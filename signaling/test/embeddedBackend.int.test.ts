import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { LocalAccounts } from "../src/auth/localAccounts";
import { createEmbeddedBackend } from "../src/backend";
import { SqliteRecordingStore } from "../src/recordings/sqliteRecordingStore";
import { openDatabase, type SqliteDatabase } from "../src/store/openDatabase";
import { describeRecordingStoreContract } from "./contracts/recordingStoreContract";
import { describeTokenVerifierContract } from "./contracts/tokenVerifierContract";

function tempDatabase(): {
  path: string;
  databases: SqliteDatabase[];
  cleanup: () => Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), "np-sqlite-"));
  const databases: SqliteDatabase[] = [];
  return {
    path: join(dir, "nicepiano.db"),
    databases,
    cleanup: () => {
      for (const db of databases) db.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

describeRecordingStoreContract("SQLite", () => {
  const temp = tempDatabase();
  const open = () => {
    const db = openDatabase(temp.path);
    temp.databases.push(db);
    return new SqliteRecordingStore(db);
  };
  return Promise.resolve({
    store: open(),
    reopen: () => Promise.resolve(open()),
    cleanup: temp.cleanup,
  });
});

describeTokenVerifierContract("local accounts (SQLite, HS256 session tokens)", () => {
  const temp = tempDatabase();
  const db = openDatabase(temp.path);
  temp.databases.push(db);
  const accounts = new LocalAccounts({ db, secret: randomBytes(32) });
  return Promise.resolve({
    verifier: accounts,
    createAccount: (username) => accounts.signUp({ username, password: "correct horse" }),
    expiredToken: (account) => accounts.issueExpiredTokenFor(account),
    revoke: (account) => accounts.revoke(account.id),
    cleanup: temp.cleanup,
  });
});

describe("local accounts", () => {
  const open = (tokenLifetimeSeconds?: number) => {
    const temp = tempDatabase();
    const db = openDatabase(temp.path);
    temp.databases.push(db);
    const options = tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds };
    return { accounts: new LocalAccounts({ db, secret: randomBytes(32), ...options }), temp };
  };

  it("refuses a token that expired after it was accepted", async () => {
    const { accounts, temp } = open(1);
    const { account, token } = await accounts.signUp({
      username: "ada",
      password: "correct horse",
    });
    await expect(accounts.verify(token)).resolves.toEqual(account);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(accounts.verify(token)).rejects.toMatchObject({ code: "expired-token" });
    await temp.cleanup();
  });

  it("refuses a token whose signature is not its own, however like a good one it looks", async () => {
    const { accounts, temp } = open();
    const { token } = await accounts.signUp({ username: "ada", password: "correct horse" });
    await expect(accounts.verify(token)).resolves.toBeTruthy();
    const [head, body, signature] = token.split(".");
    const forged = `${head}.${body}.${signature!.slice(0, -2)}${signature!.endsWith("A") ? "BB" : "AA"}`;
    await expect(accounts.verify(forged)).rejects.toMatchObject({ code: "invalid-token" });
    await temp.cleanup();
  });

  it("signs in with the right password only, and refuses a taken username", async () => {
    const { accounts, temp } = open();
    const { account } = await accounts.signUp({ username: "Ada", password: "correct horse" });
    const signedIn = await accounts.signIn({ username: "ada", password: "correct horse" });
    expect(signedIn.account).toEqual(account);
    await expect(
      accounts.signIn({ username: "ada", password: "wrong horse" }),
    ).rejects.toMatchObject({ code: "invalid-credentials" });
    await expect(
      accounts.signIn({ username: "nobody", password: "correct horse" }),
    ).rejects.toMatchObject({ code: "invalid-credentials" });
    await expect(
      accounts.signUp({ username: "ADA", password: "another one" }),
    ).rejects.toMatchObject({
      code: "username-taken",
    });
    await temp.cleanup();
  });

  it("refuses a token signed with another server's secret", async () => {
    const first = open();
    const second = open();
    const { token } = await first.accounts.signUp({ username: "ada", password: "correct horse" });
    await expect(second.accounts.verify(token)).rejects.toMatchObject({ code: "invalid-token" });
    await first.temp.cleanup();
    await second.temp.cleanup();
  });

  it("reads a signed-in account's row once, not with every request, and still sees a revoke at once", async () => {
    const temp = tempDatabase();
    openDatabase(temp.path).close();
    const reads: string[] = [];
    const db = new Database(temp.path, {
      verbose: (sql) => {
        if (String(sql).includes("FROM users WHERE id")) reads.push(String(sql));
      },
    });
    temp.databases.push(db);
    const accounts = new LocalAccounts({ db, secret: randomBytes(32) });
    const { account, token } = await accounts.signUp({
      username: "ada",
      password: "correct horse",
    });
    for (let i = 0; i < 5; i++) await expect(accounts.verify(token)).resolves.toEqual(account);
    expect(reads).toHaveLength(1);
    await accounts.revoke(account.id);
    await expect(accounts.verify(token)).rejects.toMatchObject({ code: "revoked-token" });
    expect(reads).toHaveLength(2);
    await temp.cleanup();
  });

  it("stores no password, only a salted hash", async () => {
    const { accounts, temp } = open();
    await accounts.signUp({ username: "ada", password: "correct horse" });
    const row = temp.databases[0]!.prepare("SELECT * FROM users").get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain("correct horse");
    expect((row.password_hash as Buffer).length).toBe(64);
    await temp.cleanup();
  });
});

describe("the embedded store's schema", () => {
  it("keeps the schema version of a newer server's file (a rollback must not lower it)", async () => {
    const temp = tempDatabase();
    const first = openDatabase(temp.path);
    const current = first.pragma("user_version", { simple: true }) as number;
    first.pragma(`user_version = ${current + 1}`); // as the next release leaves it
    first.close();
    const db = openDatabase(temp.path);
    temp.databases.push(db);
    expect(db.pragma("user_version", { simple: true })).toBe(current + 1);
    await temp.cleanup();
  });

  it("makes a new session secret when the kept one is damaged, rather than fail to start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "np-secret-"));
    writeFileSync(join(dir, "session-secret"), "3f9a"); // cut short by a crash mid-write
    const backend = createEmbeddedBackend({ dataDir: dir });
    const { token } = await backend.localAccounts!.signUp({
      username: "ada",
      password: "correct horse",
    });
    expect((await backend.verifier.verify(token)).username).toBe("ada");
    expect(readFileSync(join(dir, "session-secret"), "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("brings a file of the first schema up to date, keeping its recordings", async () => {
    const temp = tempDatabase();
    // The first schema, as a server of that time left it.
    const old = new Database(temp.path);
    old.exec(`CREATE TABLE recordings (
      id TEXT PRIMARY KEY, owner TEXT NOT NULL, name TEXT NOT NULL, start_time REAL NOT NULL,
      end_time REAL NOT NULL, event_count INTEGER NOT NULL, events TEXT NOT NULL,
      created_at INTEGER NOT NULL)`);
    old.prepare("INSERT INTO recordings VALUES ('r1', 'ada', 'Old take', 1000, 2000, 2, ?, 1)").run(
      JSON.stringify([
        [0, 1, 60, 90],
        [500, 2, 60, 0],
      ]),
    );
    old.pragma("user_version = 1");
    old.close();

    const db = openDatabase(temp.path);
    temp.databases.push(db);
    expect(db.pragma("user_version", { simple: true })).toBe(3);
    const store = new SqliteRecordingStore(db);
    expect(await store.get("ada", "r1")).toEqual({
      id: "r1",
      owner: "ada",
      name: "Old take",
      startTime: 1000,
      endTime: 2000,
      eventCount: 2,
      events: [
        [0, 1, 60, 90],
        [500, 2, 60, 0],
      ],
    });
    await temp.cleanup();
  });
});
