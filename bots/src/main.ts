import { existsSync } from 'node:fs';
import { pino } from 'pino';
import { loadConfigOrExit } from './config/config.js';
import { loadRunnerConfig } from './runner/runner-config.js';
import { isPermanent, runBot } from './runner/run-bot.js';
import { supervise } from './runner/supervisor.js';

// `npm run bots`: starts every bot in BOTS_CONFIG, each supervised on its own.
const config = loadConfigOrExit();
const logger = pino({ name: 'bots', level: config.LOG_LEVEL });
const stopping = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'bots shutting down');
    stopping.abort();
  });
}

if (config.BOTS_ENV_FILE && existsSync(config.BOTS_ENV_FILE)) process.loadEnvFile(config.BOTS_ENV_FILE);
if (!config.BOTS_CONFIG) {
  logger.info('no bots to run: set BOTS_CONFIG to a bots file (README, "Bots")');
} else {
  const loaded = loadRunnerConfig(config.BOTS_CONFIG);
  for (const error of loaded.errors) logger.error(`${config.BOTS_CONFIG}: ${error}`);
  const apiUrl = loaded.apiUrl ?? config.API_URL;
  logger.info({ bots: loaded.bots.map((b) => b.entry.name), apiUrl }, `starting ${loaded.bots.length} bot(s)`);
  await Promise.all(
    loaded.bots.map((bot) => {
      const botLogger = logger.child({ bot: bot.entry.name });
      return supervise((signal) => runBot(bot, apiUrl, botLogger, signal), stopping.signal, { logger: botLogger, isPermanent });
    }),
  );
  if (!stopping.signal.aborted) logger.warn('no bot is running (see the errors above)');
}
// Stay alive until a signal, so process managers (and npm start) do not report a crash.
if (!stopping.signal.aborted) {
  const idle = setInterval(() => undefined, 1 << 30); // a pending promise alone does not keep Node running
  await new Promise((resolve) => stopping.signal.addEventListener('abort', resolve, { once: true }));
  clearInterval(idle);
}
process.exit(0);
