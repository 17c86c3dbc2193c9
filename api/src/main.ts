import { startApi } from './app.js';
import { loadConfigOrExit } from './kernel/config/config.js';
import { createLogger } from './kernel/logging/logger.js';
import { lowerBackgroundThreadPriority } from './kernel/runtime/background-thread-priority.js';

const config = loadConfigOrExit();
const logger = createLogger('api', config.LOG_LEVEL);
// Before anything starts libuv's thread pool, whose threads should keep the main thread's priority.
lowerBackgroundThreadPriority(config.BACKGROUND_THREAD_NICE);
const api = await startApi(config, logger);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'api shutting down');
    api.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
