import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const KEY_BYTES = 64;
/** scrypt cost: N = 2^15 takes ~50 ms and 32 MB here, a fair price per sign-in. */
const OPTIONS: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_BYTES, OPTIONS, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<{ hash: Buffer; salt: Buffer }> {
  const salt = randomBytes(16);
  return { hash: await derive(password, salt), salt };
}

export async function passwordMatches(
  password: string,
  hash: Buffer,
  salt: Buffer,
): Promise<boolean> {
  const candidate = await derive(password, salt);
  return candidate.length === hash.length && timingSafeEqual(candidate, hash);
}
