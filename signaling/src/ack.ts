import { ackError, type Ack } from "@nicepiano/protocol";
import type { Logger } from "./logger";

/**
 * A client may leave out the acknowledgement callback (or send something else in its
 * place); answer through this so a missing callback is never called.
 */
export function replyTo<T>(ack: unknown): (answer: Ack<T>) => void {
  if (typeof ack !== "function") return () => {};
  return (answer) => {
    (ack as (answer: Ack<T>) => void)(answer);
  };
}

/**
 * Wraps an async event handler: a failure is logged and answered with `internal` (when the
 * client sent a callback, always the last argument) instead of becoming an unhandled
 * rejection that could stop the process.
 */
export function guarded(
  logger: Logger,
  event: string,
  handler: (...args: unknown[]) => Promise<void>,
): (...args: unknown[]) => void {
  return (...args) => void caught(logger, event, handler, args);
}

/**
 * `guarded`, for a handler whose calls on one socket must not overlap: each waits for
 * the one before it to finish (make one per socket).
 */
export function oneAtATime(
  logger: Logger,
  event: string,
  handler: (...args: unknown[]) => Promise<void>,
): (...args: unknown[]) => void {
  let queue = Promise.resolve();
  return (...args) => {
    queue = queue.then(() => caught(logger, event, handler, args));
  };
}

/** Runs `handler`; a failure is logged and answered `internal`, never thrown. */
function caught(
  logger: Logger,
  event: string,
  handler: (...args: unknown[]) => Promise<void>,
  args: unknown[],
): Promise<void> {
  return handler(...args).catch((error: unknown) => {
    logger.error({ err: error, event }, "handler failed");
    replyTo(args.at(-1))(ackError("internal"));
  });
}
