import type { Account } from "@nicepiano/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TokenVerifier } from "../../src/auth/tokenVerifier";

export interface AuthHarness {
  verifier: TokenVerifier;
  /** Creates an account and signs it in the way this back end's clients do. */
  createAccount(username: string): Promise<{ account: Account; token: string }>;
  /** A token of `account` that expired. */
  expiredToken(account: Account): Promise<string>;
  /** Revokes every token of `account` (sign out everywhere, or the user deleted). */
  revoke(account: Account): Promise<void>;
  cleanup(): Promise<void>;
}

/** What every sign-in back end must do when the server checks a token. */
export function describeTokenVerifierContract(name: string, open: () => Promise<AuthHarness>) {
  describe(`token verifier contract: ${name}`, () => {
    let harness: AuthHarness;
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(() => harness.cleanup());

    it("accepts a fresh token and names its account", async () => {
      const { account, token } = await harness.createAccount("ada");
      expect(await harness.verifier.verify(token)).toEqual(account);
    });

    it("tells two accounts apart", async () => {
      const ada = await harness.createAccount("ada");
      const bob = await harness.createAccount("bob");
      expect((await harness.verifier.verify(bob.token)).id).toBe(bob.account.id);
      expect(ada.account.id).not.toBe(bob.account.id);
    });

    it.each([
      ["empty", () => ""],
      ["garbage", () => "not.a.token"],
      ["unsigned", () => unsignedToken()],
    ])("refuses a %s token as invalid", async (_label, make) => {
      await expect(harness.verifier.verify(make())).rejects.toMatchObject({
        code: "invalid-token",
      });
    });

    it("refuses a token whose signature was tampered with", async () => {
      const { token } = await harness.createAccount("ada");
      const [header, payload, signature] = token.split(".");
      const flipped = signature!.startsWith("A")
        ? `B${signature!.slice(1)}`
        : `A${signature!.slice(1)}`;
      await expect(
        harness.verifier.verify(`${header}.${payload}.${flipped}`),
      ).rejects.toMatchObject({
        code: "invalid-token",
      });
    });

    it("refuses an expired token", async () => {
      const { account } = await harness.createAccount("ada");
      await expect(
        harness.verifier.verify(await harness.expiredToken(account)),
      ).rejects.toMatchObject({
        code: "expired-token",
      });
    });

    it("refuses a revoked token", async () => {
      const { account, token } = await harness.createAccount("ada");
      await harness.revoke(account);
      await expect(harness.verifier.verify(token)).rejects.toMatchObject({ code: "revoked-token" });
    });

    it("refuses a token revoked after it was accepted (no answer kept)", async () => {
      const { account, token } = await harness.createAccount("ada");
      await expect(harness.verifier.verify(token)).resolves.toEqual(account);
      await expect(harness.verifier.verify(token)).resolves.toEqual(account);
      await harness.revoke(account);
      await expect(harness.verifier.verify(token)).rejects.toMatchObject({ code: "revoked-token" });
    });
  });
}

/** A JWT with `alg: none`: claims anyone could write. */
function unsignedToken(): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: "none", typ: "JWT" })}.${encode({ sub: "ada", iat: now, exp: now + 3600 })}.`;
}
