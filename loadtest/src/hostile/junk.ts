import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** Strings that have broken servers and pages before. */
const NASTY_STRINGS = [
  "",
  " ",
  "../../../../etc/passwd",
  "<img src=x onerror=alert(1)>",
  "'; DROP TABLE recordings; --",
  "__proto__",
  "constructor",
  "\u0000\u0001\u0002",
  "\u202eevil",
  "🎹".repeat(40),
  "NaN",
  "-1",
];

/**
 * A seeded source of junk: values of every JSON and binary shape, nested deep or made
 * huge, so a fuzz run can be repeated value for value.
 */
export class Junk {
  readonly #rng;

  constructor(seed: number) {
    this.#rng = xoroshiro128plus(seed);
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return uniformInt(this.#rng, 0, max - 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  string(maxLength: number): string {
    if (this.int(3) === 0) return this.pick(NASTY_STRINGS);
    const length = this.int(maxLength + 1);
    let text = "";
    for (let i = 0; i < length; i++) text += String.fromCharCode(this.int(0x3000));
    return text;
  }

  bytes(maxLength: number): Uint8Array {
    const bytes = new Uint8Array(this.int(maxLength + 1));
    for (let i = 0; i < bytes.length; i++) bytes[i] = this.int(256);
    return bytes;
  }

  /** Arrays and objects nested `depth` deep. */
  deep(depth: number): unknown {
    let value: unknown = this.int(10);
    for (let i = 0; i < depth; i++) value = this.int(2) === 0 ? [value] : { a: value };
    return value;
  }

  /** Any value at all, now and then a huge one (over the server's 32 KB message limit). */
  value(): unknown {
    switch (this.int(14)) {
      case 0:
        return null;
      case 1:
        return this.int(2) === 0;
      case 2:
        return this.pick([0, -1, 1e308, -0, 2 ** 53 + 1, 3.5]);
      case 3:
        return this.string(64);
      case 4:
        return this.bytes(256);
      case 5:
        return this.deep(this.int(2000));
      case 6:
        return Array.from({ length: this.int(500) }, () => this.int(1000));
      case 7:
        return { room: this.string(80), name: this.string(80), key: this.string(80) };
      case 8:
        return JSON.parse('{"__proto__": {"polluted": true}, "room": "x"}') as unknown;
      case 9:
        return "x".repeat(40_000);
      case 10:
        return { type: this.pick(["offer", "answer", "candidate", "renegotiate"]) };
      case 11:
        return [this.string(16), this.bytes(64), { nested: this.deep(5) }];
      case 12:
        return this.string(4000);
      default:
        return undefined;
    }
  }
}
