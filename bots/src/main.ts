import { CloseCode, createClient, type Client } from 'graphql-ws';
import { pino } from 'pino';
import WebSocket from 'ws';
import { loadConfigOrExit, toWebSocketUrl } from './config/config.js';

// Bot runner shell: authenticates over graphql-ws and stays connected. The built-in bots come later.
const config = loadConfigOrExit();
const logger = pino({ name: 'bots', level: config.LOG_LEVEL, redact: ['*.authorization', '*.token'] });

let client: Client | undefined;
let idleTimer: NodeJS.Timeout | undefined;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'bots shutting down');
    clearInterval(idleTimer);
    Promise.resolve(client?.dispose()).then(
      () => process.exit(0),
      () => process.exit(0),
    );
  });
}

if (!config.BOT_TOKEN) {
  logger.info('no BOT_TOKEN set; create a bot with the createBot mutation (see README) and set BOT_TOKEN to run it');
  // Stay alive (idle) until a signal, so process managers do not report a crash.
  idleTimer = setInterval(() => undefined, 1 << 30);
} else {
  const url = toWebSocketUrl(config.API_URL);
  client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bot ${config.BOT_TOKEN}` },
    lazy: false, // hold the connection open even between operations
    keepAlive: 15_000,
    // Keep trying while the API is down or restarting; a refused token (4403) is final.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => closeCode(event) !== CloseCode.Forbidden,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** retries) + Math.random() * 1000)),
    onNonLazyError: (err) => logger.error({ reason: describe(err) }, 'connection failed'),
    on: {
      connected: () => logger.debug({ url }, 'connected'),
      closed: (event) => logger.warn({ url, code: closeCode(event) }, 'connection closed'),
      error: (err) => logger.warn({ url, reason: describe(err) }, 'connection error; retrying'),
    },
  });

  try {
    const me = await whoAmI(client);
    if (!me) throw new Error('the API did not accept BOT_TOKEN');
    logger.info({ botId: me.id, username: me.username, url }, `bots connected as ${me.username}`);
  } catch (err) {
    logger.fatal({ reason: describe(err) }, 'could not authenticate with BOT_TOKEN');
    await client.dispose();
    process.exit(1);
  }
}

interface Me {
  id: string;
  username: string;
}

async function whoAmI(gql: Client): Promise<Me | null> {
  for await (const result of gql.iterate<{ me: Me | null }>({ query: '{ me { id username } }' })) {
    if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
    return result.data?.me ?? null;
  }
  return null;
}

function closeCode(event: unknown): number | undefined {
  return event && typeof event === 'object' && 'code' in event && typeof event.code === 'number' ? event.code : undefined;
}

/** graphql-ws reports CloseEvents and ws ErrorEvents rather than Errors: one readable line for each. */
function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'error' in err && err.error instanceof Error) return err.error.message;
  const code = closeCode(err);
  if (code !== undefined) return `connection closed: ${code} ${(err as { reason?: string }).reason ?? ''}`.trim();
  return String(err);
}
