import { pino, type Logger } from "pino";

export type { Logger };

/** Structured JSON logs; each module takes a child with its own `module` field. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "nicepiano-signaling" } });
}
