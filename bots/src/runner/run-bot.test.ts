import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../../api/src/app.js';
import { eventually } from '../../../api/test/fixtures.js';
import { signUp, startTestApi } from '../../../api/test/harness.js';
import { botWorld } from '../../test/bot-world.js';
import { botEntrySchema, type ReadyBot } from './runner-config.js';
import { isPermanent, runBot } from './run-bot.js';

const logger = pino({ level: 'silent' });
const VOICE_STATES = 'query($c: ID!) { channel(id: $c) { voiceStates { user { id } } } }';

describe('runBot against the real API', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('a bot whose config names a channel it cannot see stops with that field; the other bot runs; a regenerated token stops it for good', async () => {
    const owner = await signUp(api, 'runowner');
    const world = await botWorld(api, owner);
    const elsewhere = await botWorld(api, owner);
    const moderator: ReadyBot = {
      index: 0,
      token: world.token,
      entry: botEntrySchema.parse({
        name: 'mod',
        type: 'moderator',
        tokenEnv: 'X',
        moderator: { servers: [{ serverId: world.serverId, modLogChannelId: elsewhere.channelId, rules: {} }] },
      }),
    };
    const voice: ReadyBot = {
      index: 1,
      token: elsewhere.token,
      entry: botEntrySchema.parse({ name: 'voice', type: 'voice', tokenEnv: 'Y', voice: { channelId: elsewhere.voiceChannelId } }),
    };
    const stop = new AbortController();
    const failed = runBot(moderator, api.url, logger, stop.signal).then(
      () => null,
      (e: Error) => e,
    );
    const running = runBot(voice, api.url, logger, stop.signal).then(
      () => null,
      (e: Error) => e,
    );
    try {
      const error = await failed;
      expect(error?.message).toMatch(/^bots\[0\]\.moderator\.servers\[0\]\.modLogChannelId: the bot cannot see channel/);
      expect(isPermanent(error!)).toBe(true);
      await eventually(
        async () =>
          expect((await owner.client.ok(VOICE_STATES, { c: elsewhere.voiceChannelId })).channel.voiceStates).toEqual([
            { user: { id: elsewhere.botId } },
          ]),
        5000,
      );

      await owner.client.ok('mutation($b: ID!) { regenerateBotToken(botId: $b) { token } }', { b: elsewhere.botId });
      const cut = await running;
      expect(cut?.message).toMatch(/^connection closed: 4401/);
      expect(isPermanent(cut!)).toBe(true);
    } finally {
      stop.abort();
      await running;
    }
  });
});
