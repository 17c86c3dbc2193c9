import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLAY_MARGIN_MS } from '../../../api/src/realtime/recent-messages.js';
import { eventually } from '../../../api/test/fixtures.js';
import { signUp, type TestUser } from '../../../api/test/harness.js';
import { apisSharingABus, botWorld, SEND, startBot } from '../../test/bot-world.js';

const EDIT = 'mutation($m: ID!, $t: String!) { editMessage(messageId: $m, content: $t) { id } }';
const CREATE_CHANNEL = 'mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }';

describe('SDK client when the API it talks to lost its event bus for a while', () => {
  let apis: Awaited<ReturnType<typeof apisSharingABus>>;
  let owner: TestUser;
  beforeAll(async () => {
    apis = await apisSharingABus();
    owner = await signUp(apis.direct, 'gapowner');
  });
  afterAll(async () => {
    await apis?.close();
  });

  it('says which channel may have missed edits and since when, re-reads its servers, and follows what changed unheard', async () => {
    const world = await botWorld(apis.direct, owner);
    const doomed = (await owner.client.ok(CREATE_CHANNEL, { i: { serverId: world.serverId, name: 'doomed', type: 'TEXT' } })).createChannel
      .id as string;
    const bot = await startBot(apis.quiet.url, world.token);
    try {
      const created: string[] = [];
      const updated: string[] = [];
      const missed: { channelId: string; serverId: string; since: string }[] = [];
      const serverMissed: { serverId: string; since: string }[] = [];
      bot.on('messageCreate', (m) => void created.push(m.content));
      bot.on('messageUpdate', (m) => void updated.push(m.content));
      bot.on('eventsMissed', (e) => void missed.push(e));
      bot.on('serverEventsMissed', (e) => void serverMissed.push(e));
      const first = (await owner.client.ok(SEND, { c: world.channelId, t: 'before the gap' })).sendMessage.id as string;
      await eventually(async () => expect(created).toEqual(['before the gap']));
      expect(bot.channels.has(doomed)).toBe(true);

      const cutAt = Date.now();
      let news = '';
      await apis.busAway(async () => {
        await owner.client.ok(EDIT, { m: first, t: 'edited unheard' });
        news = (await owner.client.ok(CREATE_CHANNEL, { i: { serverId: world.serverId, name: 'news', type: 'TEXT' } })).createChannel.id;
        await owner.client.ok('mutation($c: ID!) { deleteChannel(id: $c) }', { c: doomed });
        await owner.client.ok(SEND, { c: world.channelId, t: 'sent unheard' });
      });

      // New messages are replayed; the edit is not, and the bot is told so, once per gap.
      await eventually(async () => expect(missed.map((e) => e.channelId)).toContain(world.channelId), 15_000);
      expect(created).toEqual(['before the gap', 'sent unheard']);
      expect(updated).toEqual([]);
      const notice = missed.find((e) => e.channelId === world.channelId)!;
      expect(notice.serverId).toBe(world.serverId);
      expect(Date.parse(notice.since)).toBeGreaterThanOrEqual(cutAt - REPLAY_MARGIN_MS - 1000);
      expect(Date.parse(notice.since)).toBeLessThanOrEqual(cutAt + 2000);
      const { messages } = await bot.recentMessages(world.channelId, { limit: 5 });
      expect(messages.map((m) => m.content)).toEqual(['edited unheard', 'sent unheard']);
      expect(messages[0]!.serverId).toBe(world.serverId);

      // The server's stream said so too, after the client had read its servers again: the channel
      // created unheard is followed and the one deleted unheard forgotten.
      await eventually(async () => expect(serverMissed.map((e) => e.serverId)).toEqual([world.serverId]), 15_000);
      expect(Date.parse(serverMissed[0]!.since)).toBeGreaterThanOrEqual(cutAt - 1000);
      expect(bot.channels.has(news)).toBe(true);
      expect(bot.channels.has(doomed)).toBe(false);
      await owner.client.ok(SEND, { c: news, t: 'in a channel made unheard' });
      await eventually(async () => expect(created).toContain('in a channel made unheard'));
    } finally {
      await bot.destroy();
    }
  }, 60_000);
});
