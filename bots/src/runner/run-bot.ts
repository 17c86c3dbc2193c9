import type { Logger } from 'pino';
import { ModeratorBot } from '../moderator/moderator-bot.js';
import { BotSetupError } from '../sdk/bot-setup-error.js';
import { createClient } from '../sdk/client.js';
import { ConnectionError } from '../sdk/errors.js';
import { VoiceBot } from '../voice-bot/voice-bot.js';
import type { ReadyBot } from './runner-config.js';

/** Restarting cannot fix a bad config or a refused token. */
export const isPermanent = (error: Error) => error instanceof BotSetupError || (error instanceof ConnectionError && error.fatal);

/**
 * One bot from the config, connected until `signal` aborts (resolves) or its connection is closed
 * for good (rejects with the reason). Its setup errors reject with the config field named.
 */
export async function runBot({ entry, index, token }: ReadyBot, apiUrl: string, logger: Logger, signal: AbortSignal): Promise<void> {
  const client = createClient({ url: apiUrl, token, prefix: entry.prefix, logger });
  let stopBot: () => Promise<void> = async () => undefined;
  try {
    const closed = new Promise<never>((_resolve, reject) =>
      client.on('status', (status, reason) => status === 'closed' && !signal.aborted && reject(reason ?? new Error('connection closed'))),
    );
    closed.catch(() => undefined);
    await Promise.race([client.login(), closed]);
    if (entry.type === 'moderator') new ModeratorBot(client, entry.moderator, `bots[${index}].moderator`).start();
    else {
      const voice = new VoiceBot(client, entry.voice, `bots[${index}].voice`);
      stopBot = () => voice.stop();
      await voice.start();
    }
    logger.info({ type: entry.type }, `${entry.name} is running`);
    await Promise.race([closed, new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))]);
  } finally {
    await stopBot().catch(() => undefined);
    await client.destroy();
  }
}
