import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../../api/src/app.js';
import { eventually, PNG, sql, until } from '../../../api/test/fixtures.js';
import { GqlClient, signUp, startTestApi, uniquePrefix, type TestUser } from '../../../api/test/harness.js';
import { TcpProxy } from '../../../api/test/tcp-proxy.js';
import { botWorld, channelContents, LIMITS, SEND, startBot } from '../../test/bot-world.js';
import { createClient, type Message } from '../index.js';
import { MEMBER_PAGE } from './member-pages.js';

describe('SDK client against the real API', () => {
  let api: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'sdkowner');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('delivers typed messageCreate events to listeners and async iterators alike', async () => {
    const world = await botWorld(api, owner);
    const bot = await startBot(api.url, world.token);
    try {
      const viaListener: Message[] = [];
      bot.on('messageCreate', (m) => void viaListener.push(m));
      const iterated = (async () => {
        const seen: string[] = [];
        for await (const m of bot.stream('messageCreate')) {
          seen.push(m.content);
          if (seen.length === 2) return seen;
        }
        return seen;
      })();
      await owner.client.ok(SEND, { c: world.channelId, t: 'first' });
      await owner.client.ok(SEND, { c: world.channelId, t: 'second' });
      expect(await iterated).toEqual(['first', 'second']);
      await eventually(async () => expect(viaListener.map((m) => m.content)).toEqual(['first', 'second']));
      expect(viaListener[0]).toMatchObject({
        serverId: world.serverId,
        channel: { id: world.channelId },
        author: { id: owner.id, isBot: false },
      });
    } finally {
      await bot.destroy();
    }
  });

  it('names itself and sets, serves and removes its own avatar', async () => {
    const world = await botWorld(api, owner);
    const bot = await startBot(api.url, world.token);
    const seenByOwner = (query: string) =>
      owner.client.ok(`query($s: ID!, $u: ID!) { server(id: $s) { member(userId: $u) { user { ${query} } } } }`, {
        s: world.serverId,
        u: bot.user.id,
      });
    try {
      expect((await bot.setDisplayName('  Helper Bot ')).displayName).toBe('Helper Bot');
      expect((await seenByOwner('displayName')).server.member.user.displayName).toBe('Helper Bot');
      const { avatarUrl } = await bot.setAvatar({ bytes: PNG, type: 'image/png' });
      expect(bot.user.avatarUrl).toBe(avatarUrl);
      expect((await seenByOwner('avatarUrl')).server.member.user.avatarUrl).toBe(avatarUrl);
      const served = await fetch(new URL(avatarUrl!, api.url));
      expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
      expect((await bot.setAvatar(null)).avatarUrl).toBeNull();
      await expect(bot.setDisplayName('')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(bot.user.displayName).toBe('Helper Bot');
    } finally {
      await bot.destroy();
    }
  });

  it('reacts, takes reactions back and hears every reaction change', async () => {
    const world = await botWorld(api, owner);
    const bot = await startBot(api.url, world.token);
    try {
      const changes: unknown[] = [];
      bot.on('reactionChange', (change) => void changes.push(change));
      const messageId = (await owner.client.ok(SEND, { c: world.channelId, t: 'react here' })).sendMessage.id as string;
      await owner.client.ok('mutation($m: ID!) { addReaction(messageId: $m, emoji: "👋") { id } }', { m: messageId });
      await bot.react(messageId, '👋');
      await bot.react(messageId, '🤖');
      await bot.removeReaction(messageId, '👋');
      const change = (userId: string, emoji: string, reacted: boolean, count: number) => ({
        channelId: world.channelId,
        messageId,
        emoji,
        userId,
        reacted,
        count,
      });
      await eventually(async () =>
        expect(changes).toEqual([
          change(owner.id, '👋', true, 1),
          change(world.botId, '👋', true, 2),
          change(world.botId, '🤖', true, 1),
          change(world.botId, '👋', false, 1),
        ]),
      );
      const page = await owner.client.ok('query($c: ID!) { messages(channelId: $c) { messages { id reactions { emoji count me } } } }', {
        c: world.channelId,
      });
      expect(page.messages.messages.find((m: { id: string }) => m.id === messageId).reactions).toEqual([
        { emoji: '👋', count: 1, me: true },
        { emoji: '🤖', count: 1, me: false },
      ]);
      await expect(bot.react(messageId, 'not an emoji')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    } finally {
      await bot.destroy();
    }
  });

  it('pins and unpins messages, lists the pins, hears each change as an update, finds messages by their words, and hears @everyone', async () => {
    const world = await botWorld(api, owner, ['MANAGE_MESSAGES']);
    const bot = await startBot(api.url, world.token);
    try {
      const updates: [string, boolean][] = [];
      bot.on('messageUpdate', (m) => void updates.push([m.content, m.pinnedAt !== null]));
      const messageId = (await owner.client.ok(SEND, { c: world.channelId, t: 'the rules' })).sendMessage.id as string;
      await bot.pin(messageId);
      const pins = await bot.pinnedMessages(world.channelId);
      expect(pins.map((m) => [m.id, m.serverId, m.content])).toEqual([[messageId, world.serverId, 'the rules']]);
      expect(pins[0]!.pinnedAt).not.toBeNull();
      await bot.unpin(messageId);
      expect(await bot.pinnedMessages(world.channelId)).toEqual([]);
      const found = await bot.searchMessages(world.serverId, 'RULES', { limit: 1 });
      expect(found).toMatchObject({ hasMore: false, messages: [{ id: messageId, serverId: world.serverId, content: 'the rules' }] });
      // The owner may mention everyone (and @here); the bot's role may not, so its @everyone stays words.
      const everyone: [string, boolean, boolean][] = [];
      bot.on(
        'messageCreate',
        (m) => void (/@(everyone|here)/.test(m.content) && everyone.push([m.content, m.mentionsEveryone, m.mentionsHere])),
      );
      await owner.client.ok(SEND, { c: world.channelId, t: '@everyone read the rules' });
      await owner.client.ok(SEND, { c: world.channelId, t: '@here quick one' });
      await bot.send(world.channelId, '@everyone me too');
      await eventually(async () =>
        expect(everyone).toEqual([
          ['@everyone read the rules', true, false],
          ['@here quick one', false, true],
          ['@everyone me too', false, false],
        ]),
      );
      await eventually(async () =>
        expect(updates).toEqual([
          ['the rules', true],
          ['the rules', false],
        ]),
      );
    } finally {
      await bot.destroy();
    }
  });

  it('follows a channel created after login, and forgets a deleted one', async () => {
    const world = await botWorld(api, owner);
    const bot = await startBot(api.url, world.token);
    try {
      const seen: string[] = [];
      bot.on('messageCreate', (m) => void seen.push(`${m.channel.id}:${m.content}`));
      const created = await owner.client.ok('mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }', {
        i: { serverId: world.serverId, name: 'later', type: 'TEXT' },
      });
      const laterId = created.createChannel.id as string;
      await eventually(async () => expect(bot.channels.get(laterId)?.name).toBe('later'), 5000);
      await owner.client.ok(SEND, { c: laterId, t: 'in the new channel' });
      await eventually(async () => expect(seen).toEqual([`${laterId}:in the new channel`]), 5000);
      await owner.client.ok('mutation($id: ID!) { deleteChannel(id: $id) }', { id: laterId });
      await eventually(async () => expect(bot.channels.has(laterId)).toBe(false), 5000);
    } finally {
      await bot.destroy();
    }
  });

  it('commands: prefix and mention (<@id> or @name), parsed arguments (a member by @username), usage on bad input, permission checks, a crashing handler is contained', async () => {
    const world = await botWorld(api, owner);
    const member = await signUp(api, 'cmdmember');
    await member.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: world.serverId });
    const bot = await startBot(api.url, world.token);
    const errors: Error[] = [];
    bot.on('error', (e) => void errors.push(e));
    bot.command('add', ({ args, reply }) => reply(`sum ${Number(args.a) + Number(args.b)}`), {
      args: [
        { name: 'a', type: 'number' },
        { name: 'b', type: 'number' },
      ],
    });
    bot.command('whois', ({ args, reply }) => reply(`user ${args.user}`), { args: [{ name: 'user', type: 'user' }] });
    bot.command('purge', ({ reply }) => reply('purged'), { permission: 'MANAGE_MESSAGES' });
    bot.command('crash', () => {
      throw new Error('handler bug');
    });
    const answers: string[] = [];
    bot.on('messageCreate', (m) => void (m.author.id === world.botId && answers.push(m.content)));
    try {
      // As the dashboard's composer writes mentions: @username, the bot's own included.
      const typed = [`@${bot.user.username} add 3 4`, `!whois @${member.username.toUpperCase()}`, '!whois @nobody_here'];
      for (const text of ['!add 2 3', `<@${world.botId}> add 4 5`, '!add two 3', '!crash', '!add 1 1', ...typed]) {
        await member.client.ok(SEND, { c: world.channelId, t: text });
      }
      await member.client.ok(SEND, { c: world.channelId, t: '!purge' });
      await owner.client.ok(SEND, { c: world.channelId, t: '!purge' });
      await eventually(async () => expect(answers).toHaveLength(9), 10_000);
      // Handlers run concurrently (the permission check awaits the API), so compare without order.
      expect([...answers].sort()).toEqual(
        [
          'sum 5',
          'sum 9',
          '<a> must be a number. Usage: !add <a> <b>',
          'sum 2',
          'sum 7',
          `user ${member.id}`,
          '<user> must mention a member. Usage: !whois <user>',
          'You need the MANAGE_MESSAGES permission to use !purge.',
          'purged',
        ].sort(),
      );
      expect(errors.map((e) => e.message)).toEqual(['handler bug']);
    } finally {
      await bot.destroy();
    }
  });

  it('finds a member by @username past the first page of the members whose names hold it', async () => {
    const world = await botWorld(api, owner);
    const member = await signUp(api, 'pagedname');
    await member.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: world.serverId });
    // More members than one page whose display names hold the username, all ahead of it in id order
    // (ids far below any snowflake, from a random base so a rerun on the same database adds others).
    const base = 1_000_000 + Math.floor(Math.random() * 1e9);
    const fans = [base, base + MEMBER_PAGE + 4]; // the first id and the last
    await sql(
      api,
      `insert into users (id, username, display_name, created_at) select id, 'fan' || id, 'Fan of ' || ?, now() from generate_series(?::bigint, ?::bigint) id`,
      [member.username, ...fans],
    );
    await sql(
      api,
      `insert into members (id, server_id, user_id, joined_at) select id, ?, id, now() from generate_series(?::bigint, ?::bigint) id`,
      [world.serverId, ...fans],
    );
    const bot = await startBot(api.url, world.token);
    try {
      expect(await bot.memberIdByUsername(world.serverId, member.username.toUpperCase())).toBe(member.id);
      expect(await bot.memberIdByUsername(world.serverId, `${member.username}x`)).toBeNull();
    } finally {
      await bot.destroy();
    }
  });

  it('a burst of 50 sends into a rate-limited channel all arrive, in order', async () => {
    const world = await botWorld(api, owner);
    await owner.client.ok(LIMITS, { s: world.serverId, i: { channelMessageLimit: 10, channelMessageWindowSeconds: 1 } });
    const bot = await startBot(api.url, world.token);
    try {
      const texts = Array.from({ length: 50 }, (_, i) => `burst ${i}`);
      const sent = await Promise.all(texts.map((t) => bot.send(world.channelId, t)));
      expect(sent.map((m) => m.content)).toEqual(texts);
      expect(await channelContents(owner, world.channelId)).toEqual(texts);
    } finally {
      await bot.destroy();
    }
  });

  it('destroy is a clean shutdown: sends already queued are delivered first, then streams end', async () => {
    const world = await botWorld(api, owner);
    const bot = await startBot(api.url, world.token);
    const texts = Array.from({ length: 5 }, (_, i) => `last words ${i}`);
    const sent = texts.map((t) => bot.send(world.channelId, t));
    const ended = (async () => {
      for await (const _ of bot.stream('messageCreate')) {
        // drained until destroy ends the iterator
      }
      return 'ended';
    })();
    await bot.destroy();
    expect((await Promise.all(sent)).map((m) => m.content)).toEqual(texts);
    expect(await ended).toBe('ended');
    expect(await channelContents(owner, world.channelId)).toEqual(texts);
    expect(bot.connection.status).toBe('closed');
  });

  it('a regenerated token cuts the bot’s open connection (status closed, code 4401)', async () => {
    const world = await botWorld(api, owner);
    const bot = await startBot(api.url, world.token);
    try {
      const closed = new Promise<Error | undefined>((resolve) => bot.on('status', (s, reason) => s === 'closed' && resolve(reason)));
      await owner.client.ok('mutation($b: ID!) { regenerateBotToken(botId: $b) { token } }', { b: world.botId });
      expect((await closed)?.message).toMatch(/^connection closed: 4401/);
      expect(bot.connection.status).toBe('closed');
    } finally {
      await bot.destroy();
    }
  });
});

describe('SDK resume across an API restart', () => {
  it('reconnects with since and misses no message, handling none twice', async () => {
    const prefix = uniquePrefix();
    let api = await startTestApi({}, prefix);
    const port = api.port;
    const owner = await signUp(api, 'resumeowner');
    const world = await botWorld(api, owner);
    const bot = await startBot(api.url, world.token);
    const seen: string[] = [];
    bot.on('messageCreate', (m) => void seen.push(m.content));
    try {
      await owner.client.ok(SEND, { c: world.channelId, t: 'before 1' });
      await eventually(async () => expect(seen).toEqual(['before 1']), 5000);

      // While the bot's API is down, messages go through another instance: the bot can only get them through `since`.
      const other = await startTestApi({}, prefix);
      try {
        await api.close();
        for (let i = 1; i <= 5; i += 1)
          await new GqlClient(other.url, owner.client.authorization).ok(SEND, { c: world.channelId, t: `after ${i}` });
      } finally {
        await other.close();
      }
      api = await startTestApi({ PORT: String(port) }, prefix);
      await eventually(async () => expect(seen).toHaveLength(6), 15_000);
      await new GqlClient(api.url, owner.client.authorization).ok(SEND, { c: world.channelId, t: 'live' });
      await eventually(async () => expect(seen).toHaveLength(7), 5000);
      expect(seen).toEqual(['before 1', 'after 1', 'after 2', 'after 3', 'after 4', 'after 5', 'live']);
    } finally {
      await bot.destroy();
      await api.close();
    }
  });
});

// The way to the API goes silent (a network dropping packets, a NAT that forgot the connection): the
// bot's socket stays open and nothing arrives, while the API goes on delivering to a void.
describe('SDK when the way to the API goes silent', () => {
  it('drops the connection whose ping goes unanswered, opens another once the API answers, and misses no message', async () => {
    const api = await startTestApi();
    const proxy = await TcpProxy.start('127.0.0.1', api.port);
    const owner = await signUp(api, 'silentowner');
    const world = await botWorld(api, owner);
    const bot = createClient({
      url: `http://127.0.0.1:${proxy.port}/graphql`,
      token: world.token,
      logger: pino({ level: 'silent' }),
      backoff: { initialMs: 100, maxMs: 500 },
      answerTimeoutMs: 300,
    });
    const seen: string[] = [];
    const statuses: string[] = [];
    bot.on('messageCreate', (m) => void seen.push(m.content));
    bot.on('status', (status) => void statuses.push(status));
    try {
      await bot.login();
      await owner.client.ok(SEND, { c: world.channelId, t: 'before' });
      await eventually(async () => expect(seen).toEqual(['before']), 5000);

      proxy.silence();
      for (let i = 1; i <= 3; i += 1) await owner.client.ok(SEND, { c: world.channelId, t: `during ${i}` });
      await until(() => statuses.includes('reconnecting'), 'the bot to notice the silence');
      // An attempt to open a connection into the silence: its handshake must give up too.
      const opened = proxy.accepted;
      await until(() => proxy.accepted > opened, 'an attempt to reconnect while still silent');
      proxy.restore();
      await eventually(async () => expect(seen).toEqual(['before', 'during 1', 'during 2', 'during 3']), 15_000);
      await owner.client.ok(SEND, { c: world.channelId, t: 'live' });
      await eventually(async () => expect(seen).toEqual(['before', 'during 1', 'during 2', 'during 3', 'live']), 5000);
    } finally {
      await bot.destroy();
      await proxy.close();
      await api.close();
    }
  });
});
