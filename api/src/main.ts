import { startApi } from './app.js';
import { loadConfigOrExit } from './kernel/config/config.js';
import { createLogger } from './kernel/logging/logger.js';

const config = loadConfigOrExit();
const logger = createLogger('api', config.LOG_LEVEL);
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
