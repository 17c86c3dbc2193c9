import type { Logger } from 'pino';
import { backoffDelay, sleep, type BackoffOptions } from '../sdk/backoff.js';

export interface SupervisorOptions {
  logger: Logger;
  backoff?: BackoffOptions;
  /** A run that lasted this long resets the backoff. Default 60 s. */
  healthyAfterMs?: number;
  /** Errors that restarting cannot fix (bad config, refused token): the bot stays stopped. */
  isPermanent: (error: Error) => boolean;
}

/**
 * Runs `run` and, when it fails, runs it again after a growing delay, until `signal` aborts or the
 * failure is permanent. `run` resolves when the bot stopped on purpose.
 */
export async function supervise(
  run: (signal: AbortSignal) => Promise<void>,
  signal: AbortSignal,
  options: SupervisorOptions,
): Promise<void> {
  const { logger, healthyAfterMs = 60_000 } = options;
  for (let failures = 0; !signal.aborted;) {
    const started = Date.now();
    try {
      await run(signal);
      return;
    } catch (error) {
      if (signal.aborted) return;
      const err = error instanceof Error ? error : new Error(String(error));
      if (options.isPermanent(err)) {
        logger.error({ reason: err.message }, `bot stopped: ${err.message}`);
        return;
      }
      if (Date.now() - started >= healthyAfterMs) failures = 0;
      const delay = backoffDelay(failures++, options.backoff ?? { initialMs: 1000, maxMs: 60_000 });
      logger.warn({ reason: err.message, restartInMs: delay }, `bot crashed: ${err.message}; restarting`);
      await sleep(delay, signal).catch(() => undefined);
    }
  }
}
