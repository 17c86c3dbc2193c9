import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { createServer, GqlClient, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { auditLog, eventually, expectBadInput, expectForbidden, joinServer, sql } from '../../../test/fixtures.js';
import { subscribe, wsClient } from '../../../test/ws-client.js';

const CREATE = 'mutation($n: String!) { createBot(name: $n) { token bot { id username displayName isBot } } }';
const REGENERATE = 'mutation($b: ID!) { regenerateBotToken(botId: $b) { token bot { id } } }';
const DELETE = 'mutation($b: ID!) { deleteBot(botId: $b) }';
const ADD = 'mutation($b: ID!, $s: ID!) { addBotToServer(botId: $b, serverId: $s) { user { id isBot } } }';
const ME = '{ me { id isBot } }';
const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const MEMBER_COUNT = 'query($id: ID!) { server(id: $id) { memberCount } }';

interface Bot {
  id: string;
  token: string;
  client: GqlClient;
}

/** The close code of a graphql-ws connection whose session was revoked (see api/src/graphql/websocket.ts). */
const SESSION_ENDED = 4401;

describe('bot accounts', () => {
  let api: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'botowner');
  });
  afterAll(async () => {
    await api?.close();
  });

  async function createBot(by: TestUser = owner, name = 'Helper'): Promise<Bot> {
    const { bot, token } = (await by.client.ok(CREATE, { n: name })).createBot;
    return { id: bot.id, token, client: new GqlClient(api.url, `Bot ${token}`) };
  }

  /** An open graphql-ws connection as the bot, with a live subscription, and how it closes. */
  async function openConnection(bot: Bot, serverId: string) {
    let closeCode: number | undefined;
    const client = wsClient(api.url, bot.token, 'Bot');
    client.on('closed', (event) => (closeCode ??= (event as { code: number }).code));
    const sub = subscribe(client, 'subscription($s: ID!) { serverEvents(serverId: $s) { __typename } }', { s: serverId });
    // A request on the same socket proves the connection is up and authenticated.
    const me = await new Promise<unknown>((resolve, reject) =>
      client.subscribe({ query: ME }, { next: (v) => resolve(v.data), error: reject, complete: () => undefined }),
    );
    expect(me).toEqual({ me: { id: bot.id, isBot: true } });
    return { client, sub, closeCode: () => closeCode };
  }

  it('createBot returns the token once and stores only its hash; the token works only with the Bot scheme', async () => {
    const { bot, token } = (await owner.client.ok(CREATE, { n: 'Greeter Bot' })).createBot;
    expect(bot).toMatchObject({ displayName: 'Greeter Bot', isBot: true });
    expect(bot.username).toMatch(/^greeter_bot_[0-9a-f]{8}$/);
    const rows = await sql<{ token_hash: string }>(api, 'select token_hash from sessions where user_id = ?', [bot.id]);
    expect(rows.map((r) => r.token_hash)).toEqual([createHash('sha256').update(token).digest('hex')]);
    expect(JSON.stringify(await sql(api, 'select * from sessions where user_id = ?', [bot.id]))).not.toContain(token);

    expect((await new GqlClient(api.url, `Bot ${token}`).ok(ME)).me).toEqual({ id: bot.id, isBot: true });
    expect((await new GqlClient(api.url, `Bearer ${token}`).ok(ME)).me).toBeNull();
    // The token is never shown again: myBots lists the bot without it.
    const listed = (await owner.client.ok('{ myBots { id isBot } }')).myBots;
    expect(listed).toContainEqual({ id: bot.id, isBot: true });
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it('createBot refuses a bad name, anonymous callers and bots', async () => {
    expectBadInput(await owner.client.errorOf(CREATE, { n: 'x' }), 'name');
    expect((await new GqlClient(api.url).errorOf(CREATE, { n: 'Anon bot' })).code).toBe('UNAUTHENTICATED');
    const bot = await createBot();
    expect(await bot.client.errorOf(CREATE, { n: 'Spawned bot' })).toMatchObject({
      code: 'FORBIDDEN',
      extensions: { permission: 'PERSON' },
    });
    expect((await bot.client.ok('{ myBots { id } }')).myBots).toEqual([]);
  });

  it(`regenerating cuts the old token at once, over HTTP and on open graphql-ws connections (close ${SESSION_ENDED})`, async () => {
    const bot = await createBot();
    const server = await createServer(owner);
    await owner.client.ok(ADD, { b: bot.id, s: server.id });
    const connection = await openConnection(bot, server.id);
    try {
      const { token } = (await owner.client.ok(REGENERATE, { b: bot.id })).regenerateBotToken;
      expect(token).not.toBe(bot.token);
      expect((await bot.client.ok(ME)).me).toBeNull();
      expect((await bot.client.errorOf('{ myServers { id } }')).code).toBe('UNAUTHENTICATED');
      await eventually(async () => expect(connection.closeCode()).toBe(SESSION_ENDED), 5000);
      expect((await new GqlClient(api.url, `Bot ${token}`).ok(ME)).me).toEqual({ id: bot.id, isBot: true });
    } finally {
      connection.sub.stop();
      await connection.client.dispose();
    }
  });

  it('only the owner regenerates or deletes a bot: others get NOT_FOUND, as for an unknown id', async () => {
    const bot = await createBot();
    const stranger = await signUp(api, 'stranger');
    for (const mutation of [REGENERATE, DELETE]) {
      expect((await stranger.client.errorOf(mutation, { b: bot.id })).code).toBe('NOT_FOUND');
      expect((await owner.client.errorOf(mutation, { b: '999999999' })).code).toBe('NOT_FOUND');
      // A human user is not a bot, even to themselves.
      expect((await stranger.client.errorOf(mutation, { b: stranger.id })).code).toBe('NOT_FOUND');
    }
    expect((await bot.client.ok(ME)).me.id).toBe(bot.id);
  });

  it('addBotToServer needs MANAGE_SERVER there and the bot must be the caller’s; it is audited', async () => {
    const server = await createServer(owner);
    const bot = await createBot();
    const member = await signUp(api, 'plainmember');
    await joinServer(member, server.id);
    const membersBot = await createBot(member, 'Members Bot');

    expectForbidden(await member.client.errorOf(ADD, { b: membersBot.id, s: server.id }), 'MANAGE_SERVER');
    expect((await owner.client.errorOf(ADD, { b: membersBot.id, s: server.id })).code).toBe('NOT_FOUND');
    expect((await owner.client.errorOf(ADD, { b: '999999999', s: server.id })).code).toBe('NOT_FOUND');
    expect((await owner.client.errorOf(ADD, { b: bot.id, s: '999999999' })).code).toBe('NOT_FOUND');
    expect((await owner.client.ok(MEMBER_COUNT, { id: server.id })).server.memberCount).toBe(2);

    expect((await owner.client.ok(ADD, { b: bot.id, s: server.id })).addBotToServer).toEqual({ user: { id: bot.id, isBot: true } });
    // Adding twice changes nothing.
    await owner.client.ok(ADD, { b: bot.id, s: server.id });
    expect((await owner.client.ok(MEMBER_COUNT, { id: server.id })).server.memberCount).toBe(3);
    const entries = (await auditLog(owner, server.id)).filter((e) => e.action === 'BOT_ADD');
    expect(entries).toEqual([expect.objectContaining({ actor: { id: owner.id }, targetId: bot.id })]);
    expect((await bot.client.ok('{ myServers { id } }')).myServers).toEqual([{ id: server.id }]);
  });

  it('deleting a bot removes it everywhere: its servers, its token and its open connections', async () => {
    const servers = [await createServer(owner), await createServer(owner)];
    const bot = await createBot();
    for (const server of servers) await owner.client.ok(ADD, { b: bot.id, s: server.id });
    const connection = await openConnection(bot, servers[0]!.id);
    try {
      expect(await owner.client.ok(DELETE, { b: bot.id })).toEqual({ deleteBot: true });
      expect((await bot.client.ok(ME)).me).toBeNull();
      await eventually(async () => expect(connection.closeCode()).toBe(SESSION_ENDED), 5000);
      for (const server of servers) expect((await owner.client.ok(MEMBER_COUNT, { id: server.id })).server.memberCount).toBe(1);
      expect((await owner.client.ok('{ myBots { id } }')).myBots).not.toContainEqual({ id: bot.id });
      expect(await sql(api, 'select 1 from users where id = ?', [bot.id])).toHaveLength(0);
      expect((await owner.client.errorOf(DELETE, { b: bot.id })).code).toBe('NOT_FOUND');
    } finally {
      connection.sub.stop();
      await connection.client.dispose();
    }
  });

  describe('a bot is a member like any other', () => {
    let server: Awaited<ReturnType<typeof createServer>>;
    let channelId: string;
    let bot: Bot;
    beforeAll(async () => {
      server = await createServer(owner);
      channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
      bot = await createBot();
      await owner.client.ok(ADD, { b: bot.id, s: server.id });
    });

    it('channel overwrites apply to it', async () => {
      const overwrite = 'mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { id } }';
      await owner.client.ok(overwrite, { c: channelId, i: { targetType: 'MEMBER', targetId: bot.id, allow: [], deny: ['SEND_MESSAGES'] } });
      try {
        expectForbidden(await bot.client.errorOf(SEND, { c: channelId, t: 'hello' }), 'SEND_MESSAGES');
      } finally {
        await owner.client.ok(
          'mutation($c: ID!, $t: ID!) { removeChannelOverwrite(channelId: $c, targetId: $t, targetType: MEMBER) { id } }',
          {
            c: channelId,
            t: bot.id,
          },
        );
      }
      await bot.client.ok(SEND, { c: channelId, t: 'hello' });
    });

    it('a timeout applies to it (TIMED_OUT)', async () => {
      const timeout = 'mutation($s: ID!, $u: ID!, $n: Int!) { timeoutMember(serverId: $s, userId: $u, seconds: $n) { timedOutUntil } }';
      await owner.client.ok(timeout, { s: server.id, u: bot.id, n: 60 });
      try {
        expect((await bot.client.errorOf(SEND, { c: channelId, t: 'timed out' })).code).toBe('TIMED_OUT');
      } finally {
        await owner.client.ok(timeout, { s: server.id, u: bot.id, n: 0 });
      }
    });

    it('rate limits apply to it, slowmode does not (as in Discord)', async () => {
      const limits =
        'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit } }';
      const slow = await owner.client.ok('mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }', {
        i: { serverId: server.id, name: 'slow', type: 'TEXT', slowmodeSeconds: 3600 },
      });
      const slowId = slow.createChannel.id as string;
      // A human member is held by slowmode after one message; the bot is not.
      const human = await signUp(api, 'slowhuman');
      await joinServer(human, server.id);
      await human.client.ok(SEND, { c: slowId, t: 'one' });
      expect((await human.client.errorOf(SEND, { c: slowId, t: 'two' })).extensions).toMatchObject({
        code: 'RATE_LIMITED',
        scope: 'slowmode',
      });
      for (const t of ['one', 'two', 'three']) await bot.client.ok(SEND, { c: slowId, t });

      await owner.client.ok(limits, { s: server.id, i: { channelMessageLimit: 4, channelMessageWindowSeconds: 60 } });
      await bot.client.ok(SEND, { c: slowId, t: 'four' });
      const refused = await bot.client.errorOf(SEND, { c: slowId, t: 'five' });
      expect(refused.extensions).toMatchObject({ code: 'RATE_LIMITED', scope: 'channel' });
      expect(refused.extensions.retryAfterMs).toBeGreaterThan(0);
    });
  });
});
