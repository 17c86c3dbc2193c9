import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { createServer, GqlClient, signUp, startTestApi, type TestUser } from '../../../test/harness.js';

const CREATE = 'mutation($n: String!) { createBot(name: $n) { token bot { id } } }';
const ADD = 'mutation($b: ID!, $s: ID!) { addBotToServer(botId: $b, serverId: $s) { user { id } } }';
const MINE = 'query { myBots { id botServers { id name } } }';
const DELETE = 'mutation($b: ID!) { deleteBot(botId: $b) }';

describe('bot management', () => {
  let api: RunningApi;
  let owner: TestUser;
  let stranger: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'botowner');
    stranger = await signUp(api, 'botstranger');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lists the servers each of my bots is in, and tells nobody else', async () => {
    const server = await createServer(owner, { name: 'Bot Yard' });
    const { createBot } = await owner.client.ok(CREATE, { n: 'Helper' });
    await owner.client.ok(ADD, { b: createBot.bot.id, s: server.id });
    expect((await owner.client.ok(MINE)).myBots).toEqual([{ id: createBot.bot.id, botServers: [{ id: server.id, name: 'Bot Yard' }] }]);
    await stranger.client.ok('mutation($id: ID!) { joinServer(serverId: $id) { id } }', { id: server.id });
    const seen = await stranger.client.ok('query($id: ID!) { server(id: $id) { members { user { id botServers { id } } } } }', {
      id: server.id,
    });
    const bot = seen.server.members.find((m: { user: { id: string } }) => m.user.id === createBot.bot.id);
    expect(bot.user.botServers).toEqual([]);
  });

  it('deletes a bot: its token stops working and it leaves its servers', async () => {
    const server = await createServer(owner, { name: 'Short Stay' });
    const { createBot } = await owner.client.ok(CREATE, { n: 'Temp' });
    await owner.client.ok(ADD, { b: createBot.bot.id, s: server.id });
    const asBot = new GqlClient(api.url, `Bot ${createBot.token}`);
    expect((await asBot.ok('query { me { id } }')).me.id).toBe(createBot.bot.id);

    expect((await stranger.client.errorOf(DELETE, { b: createBot.bot.id })).code).toBe('NOT_FOUND');
    expect((await owner.client.ok(DELETE, { b: createBot.bot.id })).deleteBot).toBe(true);
    expect((await asBot.ok('query { me { id } }')).me).toBeNull();
    const members = await owner.client.ok('query($id: ID!) { server(id: $id) { members { user { id } } } }', { id: server.id });
    expect(members.server.members.map((m: { user: { id: string } }) => m.user.id)).toEqual([owner.id]);
    expect((await owner.client.ok(MINE)).myBots.map((b: { id: string }) => b.id)).not.toContain(createBot.bot.id);
  });
});
