import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { snowflakeAt } from '../../kernel/ids/snowflake.js';
import { createServer, GqlClient, signUp, type GqlResult, type TestUser } from '../../../test/harness.js';
import { assignRole, auditLog, changesOf, createRole, expectBadInput, expectForbidden, joinServer, sql } from '../../../test/fixtures.js';
import { ROOMY_LIMITS, startTwoInstances, synchronise } from '../../../test/instances.js';
import { subscribe, wsClient, type Subscription } from '../../../test/ws-client.js';

const MESSAGE_FIELDS = 'id content createdAt editedAt author { id username } channel { id } replyTo { id content }';
const SEND = `mutation($c: ID!, $t: String!, $r: ID) { sendMessage(channelId: $c, content: $t, replyToId: $r) { ${MESSAGE_FIELDS} } }`;
const EDIT = `mutation($m: ID!, $t: String!) { editMessage(messageId: $m, content: $t) { ${MESSAGE_FIELDS} } }`;
const DELETE = 'mutation($m: ID!) { deleteMessage(messageId: $m) }';
const TYPING = 'mutation($c: ID!) { startTyping(channelId: $c) }';
const HISTORY =
  'query($c: ID!, $b: ID, $a: ID, $r: ID, $l: Int) { messages(channelId: $c, before: $b, after: $a, around: $r, limit: $l) { messages { id content } hasMoreBefore hasMoreAfter } }';
const LIMITS = `mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) {
  channelMessageLimit channelMessageWindowSeconds serverMessageLimit serverMessageWindowSeconds escalationEnabled } }`;
const READ_LIMITS =
  'query($s: ID!) { server(id: $s) { rateLimits { channelMessageLimit channelMessageWindowSeconds serverMessageLimit serverMessageWindowSeconds escalationEnabled } } }';
const CREATE_CHANNEL = 'mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }';
const UPDATE_CHANNEL = 'mutation($id: ID!, $i: UpdateChannelInput!) { updateChannel(id: $id, input: $i) { id slowmodeSeconds } }';
const READ_CHANNEL = 'query($id: ID!) { channel(id: $id) { id slowmodeSeconds } }';
const SET_OVERWRITE = 'mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { id } }';
const TIMEOUT = 'mutation($s: ID!, $u: ID!, $n: Int!) { timeoutMember(serverId: $s, userId: $u, seconds: $n) { timedOutUntil } }';
const BAN = 'mutation($s: ID!, $u: ID!, $d: Int) { banMember(serverId: $s, userId: $u, deleteMessageSeconds: $d) }';
const EVENTS = `subscription($c: ID!, $s: ID) { channelEvents(channelId: $c, since: $s) { __typename
  ... on MessageCreated { message { id content } }
  ... on MessageUpdated { message { id content editedAt } }
  ... on MessageDeleted { messageId channelId }
  ... on TypingStarted { channelId user { id } } } }`;

const ROOMY = ROOMY_LIMITS;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface World {
  owner: TestUser;
  serverId: string;
  channelId: string;
  everyoneRoleId: string;
  members: TestUser[];
}

describe('messages', () => {
  let a: RunningApi;
  let b: RunningApi;
  const sockets: Client[] = [];

  beforeAll(async () => {
    [a, b] = await startTwoInstances();
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await a?.close();
    await b?.close();
  });

  /** The same user speaking to another API instance. */
  const on = (api: RunningApi, user: TestUser) => new GqlClient(api.url, `Bearer ${user.token}`);

  const synced = () => synchronise(a, b);

  /** Polls until `ok` holds (another instance learns of a change through Redis, a moment later). */
  async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (ok(value) || Date.now() > deadline) return value;
      await sleep(20);
    }
  }

  async function world(memberCount = 0, limits: Record<string, unknown> | null = ROOMY): Promise<World> {
    const owner = await signUp(a, 'msgowner');
    const server = await createServer(owner);
    const members = await Promise.all(Array.from({ length: memberCount }, () => signUp(a, 'msgmember')));
    for (const member of members) await joinServer(member, server.id);
    const w = {
      owner,
      serverId: server.id,
      channelId: server.channels.find((c) => c.type === 'TEXT')!.id,
      everyoneRoleId: server.roles.find((r) => r.isDefault)!.id,
      members,
    };
    if (limits) await setLimits(w, limits);
    await synced();
    return w;
  }

  /** Updates the server's limits and waits until both instances apply them. */
  async function setLimits(w: World, input: Record<string, unknown>): Promise<void> {
    const applied = (await w.owner.client.ok(LIMITS, { s: w.serverId, i: input })).updateServerRateLimits;
    for (const api of [a, b]) {
      const seen = await eventually(
        () => on(api, w.owner).ok(READ_LIMITS, { s: w.serverId }),
        (d) => JSON.stringify(d.server.rateLimits) === JSON.stringify(applied),
      );
      expect(seen.server.rateLimits).toEqual(applied);
    }
  }

  async function addChannel(w: World, input: Record<string, unknown> = {}): Promise<string> {
    return (await w.owner.client.ok(CREATE_CHANNEL, { i: { serverId: w.serverId, type: 'TEXT', name: 'more', ...input } })).createChannel
      .id;
  }

  const send = async (client: GqlClient, channelId: string, content: string, replyToId?: string) =>
    (await client.ok(SEND, { c: channelId, t: content, r: replyToId ?? null })).sendMessage as {
      id: string;
      content: string;
      createdAt: string;
      editedAt: string | null;
      author: { id: string };
      replyTo: { id: string } | null;
    };

  const history = async (
    client: GqlClient,
    channelId: string,
    args: { before?: string; after?: string; around?: string; limit?: number } = {},
  ) =>
    (await client.ok(HISTORY, { c: channelId, b: args.before ?? null, a: args.after ?? null, r: args.around ?? null, l: args.limit }))
      .messages as {
      messages: { id: string; content: string }[];
      hasMoreBefore: boolean;
      hasMoreAfter: boolean;
    };

  const storedCount = async (channelId: string) =>
    (await sql<{ n: number }>(a, 'select count(*)::int as n from messages where channel_id = ?', [channelId]))[0]!.n;

  /** Subscribes to channelEvents and resolves once the server listens on the channel's topic (confirmed by Redis). */
  async function listen(api: RunningApi, user: TestUser, channelId: string, since?: string): Promise<Subscription<any>> {
    const client = wsClient(api.url, user.token);
    sockets.push(client);
    const base = api.services.bus.listenerCount();
    const sub = subscribe(client, EVENTS, { c: channelId, s: since ?? null });
    const registered = await eventually(
      async () => api.services.bus.listenerCount() > base || sub.completed,
      (done) => done,
      10_000,
    );
    expect(sub.errors).toEqual([]);
    expect(registered && !sub.completed).toBe(true);
    await synced();
    return sub;
  }

  /** Sends a marker on each instance and waits for both: every event published before them has arrived. */
  async function fence(sub: Subscription<any>, user: TestUser, channelId: string): Promise<any[]> {
    const ids = [(await send(on(a, user), channelId, 'fence a')).id, (await send(on(b, user), channelId, 'fence b')).id];
    await eventually(
      async () => sub.events,
      (events) => ids.every((id) => events.some((e) => e.channelEvents.message?.id === id)),
    );
    return sub.events.filter((e) => !ids.includes(e.channelEvents.message?.id));
  }

  function expectRateLimited(result: GqlResult, scope: 'channel' | 'server' | 'slowmode', windowMs: number): number {
    expect(result.data ?? null).toBeNull();
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('RATE_LIMITED');
    expect(error?.extensions?.scope).toBe(scope);
    const retryAfterMs = error?.extensions?.retryAfterMs as number;
    expect(Number.isInteger(retryAfterMs)).toBe(true);
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(windowMs);
    return retryAfterMs;
  }

  describe('sendMessage', () => {
    it('stores the message, trimmed, with its author and an optional reply in the same channel', async () => {
      const w = await world(1);
      const [member] = w.members;
      const before = Date.now();
      const first = await send(w.owner.client, w.channelId, '  hello world \n');
      expect(first).toMatchObject({
        content: 'hello world',
        editedAt: null,
        author: { id: w.owner.id },
        channel: { id: w.channelId },
        replyTo: null,
      });
      expect(Date.parse(first.createdAt)).toBeGreaterThanOrEqual(before - 1000);
      const reply = await send(on(b, member!), w.channelId, 'hi back', first.id);
      expect(reply).toMatchObject({ content: 'hi back', author: { id: member!.id }, replyTo: { id: first.id, content: 'hello world' } });
      expect(BigInt(reply.id)).toBeGreaterThan(BigInt(first.id));
      // 4000 characters after trimming is the most allowed.
      const longest = await send(w.owner.client, w.channelId, `  ${'x'.repeat(4000)}  `);
      expect(longest.content).toHaveLength(4000);
      // Characters, not UTF-16 units: 4000 emoji fit too.
      const emoji = await send(w.owner.client, w.channelId, '🎉'.repeat(4000));
      expect([...emoji.content]).toHaveLength(4000);
      const page = await history(member!.client, w.channelId);
      expect(page.messages.map((m) => m.id)).toEqual([first.id, reply.id, longest.id, emoji.id]);
    });

    it('refuses bad input with a clear error and stores nothing', async () => {
      const w = await world(0, null); // the default limits (5 per 5 s): bad input must not use any of them
      const other = await addChannel(w);
      const elsewhere = await send(w.owner.client, other, 'in the other channel');
      const cases: [Record<string, unknown>, string][] = [
        [{ c: w.channelId, t: '' }, 'content'],
        [{ c: w.channelId, t: ' \n\t  ' }, 'content'],
        [{ c: w.channelId, t: 'y'.repeat(4001) }, 'content'],
        [{ c: w.channelId, t: 'reply', r: elsewhere.id }, 'replyToId'],
        [{ c: w.channelId, t: 'reply', r: snowflakeAt(new Date()) }, 'replyToId'],
      ];
      for (const [variables, field] of cases) {
        const error = await w.owner.client.errorOf(SEND, { r: null, ...variables });
        expectBadInput(error, field);
        expect(error.message).not.toMatch(/sql|select|insert|stack/i);
      }
      const unknownChannel = await w.owner.client.errorOf(SEND, { c: snowflakeAt(new Date()), t: 'nobody home', r: null });
      expect(unknownChannel.code).toBe('NOT_FOUND');
      expect((await w.owner.client.errorOf(SEND, { c: 'nope', t: 'nobody home', r: null })).code).toBe('NOT_FOUND');
      expect(await storedCount(w.channelId)).toBe(0);
      // None of the refusals counted against the rate limit: five good messages still pass.
      for (let i = 0; i < 5; i += 1) await send(w.owner.client, w.channelId, `ok ${i}`);
      expect(await storedCount(w.channelId)).toBe(5);
      expect(await storedCount(other)).toBe(1);
    });

    it('answers TIMED_OUT with the time the timeout ends, stores nothing, and still lets the member read', async () => {
      const w = await world(1);
      const [member] = w.members;
      await send(member!.client, w.channelId, 'before the timeout');
      const { timedOutUntil } = (await w.owner.client.ok(TIMEOUT, { s: w.serverId, u: member!.id, n: 60 })).timeoutMember;
      expect(Date.parse(timedOutUntil)).toBeGreaterThan(Date.now() + 50_000);
      await synced();
      for (const client of [member!.client, on(b, member!)]) {
        const error = await client.errorOf(SEND, { c: w.channelId, t: 'muted?', r: null });
        expect(error.code).toBe('TIMED_OUT');
        expect(Date.parse(error.extensions.until as string)).toBe(Date.parse(timedOutUntil));
        expect((await client.errorOf(TYPING, { c: w.channelId })).code).toBe('TIMED_OUT');
      }
      expect((await history(member!.client, w.channelId)).messages.map((m) => m.content)).toEqual(['before the timeout']);
      expect(await storedCount(w.channelId)).toBe(1);
      await w.owner.client.ok(TIMEOUT, { s: w.serverId, u: member!.id, n: 0 });
      await send(member!.client, w.channelId, 'free again');
      expect(await storedCount(w.channelId)).toBe(2);
    });

    it('needs SEND_MESSAGES', async () => {
      const w = await world(1);
      const [member] = w.members;
      await w.owner.client.ok(SET_OVERWRITE, {
        c: w.channelId,
        i: { targetType: 'MEMBER', targetId: member!.id, allow: [], deny: ['SEND_MESSAGES'] },
      });
      expectForbidden(await member!.client.errorOf(SEND, { c: w.channelId, t: 'let me in', r: null }), 'SEND_MESSAGES');
      expect(await storedCount(w.channelId)).toBe(0);
    });
  });

  describe('editMessage', () => {
    it('lets only the author edit, sets editedAt and publishes MessageUpdated', async () => {
      const w = await world(1);
      const [member] = w.members;
      const message = await send(member!.client, w.channelId, 'frist');
      const sub = await listen(b, w.owner, w.channelId);

      // Not even the owner may edit someone else's message.
      expect((await w.owner.client.errorOf(EDIT, { m: message.id, t: 'hijacked' })).code).toBe('FORBIDDEN');
      expect((await member!.client.errorOf(EDIT, { m: message.id, t: '   ' })).code).toBe('BAD_USER_INPUT');
      expect((await member!.client.errorOf(EDIT, { m: message.id, t: 'z'.repeat(4001) })).code).toBe('BAD_USER_INPUT');
      expect((await member!.client.errorOf(EDIT, { m: snowflakeAt(new Date()), t: 'ghost' })).code).toBe('NOT_FOUND');

      const edited = (await member!.client.ok(EDIT, { m: message.id, t: ' first ' })).editMessage;
      expect(edited).toMatchObject({ id: message.id, content: 'first', createdAt: message.createdAt, author: { id: member!.id } });
      expect(edited.editedAt).not.toBeNull();
      expect(Date.parse(edited.editedAt)).toBeGreaterThanOrEqual(Date.parse(message.createdAt));

      const events = await fence(sub, w.owner, w.channelId);
      expect(events.map((e) => e.channelEvents)).toEqual([
        { __typename: 'MessageUpdated', message: { id: message.id, content: 'first', editedAt: edited.editedAt } },
      ]);
      expect((await history(w.owner.client, w.channelId)).messages.find((m) => m.id === message.id)?.content).toBe('first');
    });
  });

  describe('deleteMessage', () => {
    it('lets the author or a MANAGE_MESSAGES holder delete; a moderator deletion is audited; deleted messages never come back', async () => {
      const w = await world(3);
      const [author, bystander, moderator] = w.members;
      const modRole = await createRole(w.owner, w.serverId, { name: 'Mod', permissions: ['MANAGE_MESSAGES'], position: 1 });
      await assignRole(w.owner, w.serverId, moderator!.id, modRole.id);
      await synced();
      const first = await send(author!.client, w.channelId, 'keep me');
      const own = await send(author!.client, w.channelId, 'oops');
      const moderated = await send(author!.client, w.channelId, 'rude');
      const last = await send(author!.client, w.channelId, 'keep me too');
      const sub = await listen(b, w.owner, w.channelId);

      expectForbidden(await bystander!.client.errorOf(DELETE, { m: moderated.id }), 'MANAGE_MESSAGES');
      expect(await author!.client.ok(DELETE, { m: own.id })).toEqual({ deleteMessage: true });
      expect(await on(b, moderator!).ok(DELETE, { m: moderated.id })).toEqual({ deleteMessage: true });
      expect((await author!.client.errorOf(DELETE, { m: own.id })).code).toBe('NOT_FOUND');
      expect((await author!.client.errorOf(EDIT, { m: own.id, t: 'back from the dead' })).code).toBe('NOT_FOUND');

      const events = await fence(sub, w.owner, w.channelId);
      expect(events.map((e) => e.channelEvents)).toEqual([
        { __typename: 'MessageDeleted', messageId: own.id, channelId: w.channelId },
        { __typename: 'MessageDeleted', messageId: moderated.id, channelId: w.channelId },
      ]);

      const deletes = (await auditLog(w.owner, w.serverId)).filter((e) => e.action === 'MESSAGE_DELETE');
      expect(deletes).toHaveLength(1);
      expect(deletes[0]).toMatchObject({ actor: { id: moderator!.id }, targetId: author!.id });
      expect(changesOf(deletes[0]!).message).toEqual([moderated.id, null]);

      // Neither history (any cursor) nor replay brings them back.
      const gone = new Set([own.id, moderated.id]);
      const pages = [
        await history(w.owner.client, w.channelId),
        await history(w.owner.client, w.channelId, { around: own.id }),
        await history(w.owner.client, w.channelId, { after: first.id }),
        await history(w.owner.client, w.channelId, { before: last.id }),
      ];
      for (const page of pages) expect(page.messages.some((m) => gone.has(m.id))).toBe(false);
      expect(pages[0]!.messages.map((m) => m.id).filter((id) => id === first.id || id === last.id)).toEqual([first.id, last.id]);
      const stored = (await history(w.owner.client, w.channelId, { after: first.id })).messages.map((m) => m.id);
      expect(stored[0]).toBe(last.id); // then the earlier fences
      const replay = await listen(a, w.owner, w.channelId, first.id);
      const replayed = await fence(replay, w.owner, w.channelId);
      expect(replayed.map((e) => e.channelEvents.message?.id)).toEqual(stored);
    });

    it('racing deletions: exactly one succeeds, audits and announces; an edit racing a deletion is never announced after it', async () => {
      const w = await world(1);
      const [author] = w.members;
      const sub = await listen(b, w.owner, w.channelId);
      const target = await send(author!.client, w.channelId, 'delete me four times');
      const deletions = await Promise.all([a, b, a, b].map((api) => on(api, w.owner).request(DELETE, { m: target.id })));
      expect(deletions.filter((r) => r.data?.deleteMessage === true)).toHaveLength(1);
      expect(deletions.filter((r) => r.errors?.[0]?.extensions?.code === 'NOT_FOUND')).toHaveLength(3);
      expect((await auditLog(w.owner, w.serverId)).filter((e) => e.action === 'MESSAGE_DELETE')).toHaveLength(1);

      // Author edits on one instance while the owner deletes on the other, many times over.
      const raced: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        const { id } = await send(author!.client, w.channelId, `race ${i}`);
        raced.push(id);
        const [edit, deletion] = await Promise.all([
          on(a, author!).request(EDIT, { m: id, t: `edited ${i}` }),
          on(b, w.owner).request(DELETE, { m: id }),
        ]);
        expect(deletion.data?.deleteMessage).toBe(true);
        expect(edit.data?.editMessage?.id ?? edit.errors?.[0]?.extensions?.code).toMatch(new RegExp(`^(${id}|NOT_FOUND)$`));
      }
      const events = (await fence(sub, w.owner, w.channelId)).map((e) => e.channelEvents);
      expect(events.filter((e) => e.__typename === 'MessageDeleted' && e.messageId === target.id)).toHaveLength(1);
      for (const id of raced) {
        const about = events.filter((e) => e.message?.id === id || e.messageId === id).map((e) => e.__typename);
        expect(about.slice(about.indexOf('MessageDeleted'))).toEqual(['MessageDeleted']);
      }
      expect((await history(w.owner.client, w.channelId)).messages.some((m) => raced.includes(m.id) || m.id === target.id)).toBe(false);
    });

    it('banMember with deleteMessageSeconds removes the user’s recent messages in every channel and announces each', async () => {
      const w = await world(2);
      const [banned, other] = w.members;
      const second = await addChannel(w);
      // An old message (two hours ago) lies outside a one-hour window and stays.
      const oldAt = new Date(Date.now() - 2 * 3600_000);
      const oldId = (BigInt(snowflakeAt(oldAt)) + 1n).toString();
      await sql(a, 'insert into messages (id, channel_id, server_id, author_id, content, created_at) values (?, ?, ?, ?, ?, ?)', [
        oldId,
        w.channelId,
        w.serverId,
        banned!.id,
        'ancient',
        oldAt,
      ]);
      const recent = [
        await send(banned!.client, w.channelId, 'spam 1'),
        await send(banned!.client, second, 'spam 2'),
        await send(on(b, banned!), w.channelId, 'spam 3'),
      ];
      await send(other!.client, w.channelId, 'innocent');
      const subs = [await listen(b, w.owner, w.channelId), await listen(a, w.owner, second)];

      expect(await w.owner.client.ok(BAN, { s: w.serverId, u: banned!.id, d: 3600 })).toEqual({ banMember: true });

      const [first, other2] = await Promise.all([fence(subs[0]!, w.owner, w.channelId), fence(subs[1]!, w.owner, second)]);
      expect(first.map((e) => e.channelEvents)).toEqual(
        [recent[0]!, recent[2]!].map((m) => ({ __typename: 'MessageDeleted', messageId: m.id, channelId: w.channelId })),
      );
      expect(other2.map((e) => e.channelEvents)).toEqual([{ __typename: 'MessageDeleted', messageId: recent[1]!.id, channelId: second }]);
      expect((await history(w.owner.client, w.channelId)).messages.map((m) => m.content)).toEqual([
        'ancient',
        'innocent',
        'fence a',
        'fence b',
      ]);
      expect((await history(w.owner.client, second)).messages.map((m) => m.content)).toEqual(['fence a', 'fence b']);
    });

    it('banMember without deleteMessageSeconds keeps the messages', async () => {
      const w = await world(1);
      const [banned] = w.members;
      await send(banned!.client, w.channelId, 'still here');
      await w.owner.client.ok(BAN, { s: w.serverId, u: banned!.id, d: 0 });
      expect((await history(w.owner.client, w.channelId)).messages.map((m) => m.content)).toEqual(['still here']);
    });
  });

  describe('history', () => {
    it('pages forwards, backwards and around, across deletions, with correct hasMore flags', async () => {
      const w = await world(1);
      const [reader] = w.members;
      const all: string[] = [];
      for (let i = 0; i < 12; i += 1) all.push((await send(w.owner.client, w.channelId, `m${i}`)).id);
      const other = await addChannel(w);
      await send(w.owner.client, other, 'not in this channel');
      await w.owner.client.ok(DELETE, { m: all[3] });
      await w.owner.client.ok(DELETE, { m: all[8] });
      const m = (i: number) => all[i]!;
      const remaining = all.filter((_, i) => i !== 3 && i !== 8);
      const ids = (page: { messages: { id: string }[] }) => page.messages.map((x) => x.id);

      expect(await history(reader!.client, w.channelId)).toEqual({
        messages: remaining.map((id) => ({ id, content: `m${all.indexOf(id)}` })),
        hasMoreBefore: false,
        hasMoreAfter: false,
      });
      const latest = await history(reader!.client, w.channelId, { limit: 4 });
      expect(ids(latest)).toEqual([m(7), m(9), m(10), m(11)]);
      expect(latest).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });

      // Backwards from the newest with before.
      const backwards: string[] = [];
      let page = await history(reader!.client, w.channelId, { limit: 3 });
      const flags: [boolean, boolean][] = [[page.hasMoreBefore, page.hasMoreAfter]];
      backwards.unshift(...ids(page));
      while (page.hasMoreBefore) {
        page = await history(on(b, reader!), w.channelId, { before: ids(page)[0], limit: 3 });
        flags.push([page.hasMoreBefore, page.hasMoreAfter]);
        backwards.unshift(...ids(page));
      }
      expect(backwards).toEqual(remaining);
      expect(flags).toEqual([
        [true, false],
        [true, true],
        [true, true],
        [false, true],
      ]);

      // Forwards from the start with after.
      const forwards: string[] = [];
      page = await history(reader!.client, w.channelId, { after: '0', limit: 4 });
      const forwardFlags: [boolean, boolean][] = [[page.hasMoreBefore, page.hasMoreAfter]];
      forwards.push(...ids(page));
      while (page.hasMoreAfter) {
        page = await history(reader!.client, w.channelId, { after: ids(page).at(-1), limit: 4 });
        forwardFlags.push([page.hasMoreBefore, page.hasMoreAfter]);
        forwards.push(...ids(page));
      }
      expect(forwards).toEqual(remaining);
      expect(forwardFlags).toEqual([
        [false, true],
        [true, true],
        [true, false],
      ]);

      // Around: half before, the rest from the cursor on.
      expect(await history(reader!.client, w.channelId, { around: m(5), limit: 5 })).toMatchObject({
        hasMoreBefore: true,
        hasMoreAfter: true,
      });
      expect(ids(await history(reader!.client, w.channelId, { around: m(5), limit: 5 }))).toEqual([m(2), m(4), m(5), m(6), m(7)]);
      const aroundFirst = await history(reader!.client, w.channelId, { around: m(0), limit: 5 });
      expect(aroundFirst).toMatchObject({ hasMoreBefore: false, hasMoreAfter: true });
      expect(ids(aroundFirst)).toEqual([m(0), m(1), m(2)]);
      const aroundLast = await history(reader!.client, w.channelId, { around: m(11), limit: 4 });
      expect(aroundLast).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });
      expect(ids(aroundLast)).toEqual([m(9), m(10), m(11)]);

      // A deleted message still works as a cursor and never shows up.
      const aroundDeleted = await history(reader!.client, w.channelId, { around: m(8), limit: 4 });
      expect(ids(aroundDeleted)).toEqual([m(6), m(7), m(9), m(10)]);
      expect(aroundDeleted).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
      const afterDeleted = await history(reader!.client, w.channelId, { after: m(3), limit: 2 });
      expect(afterDeleted).toEqual({
        messages: [m(4), m(5)].map((id) => ({ id, content: `m${all.indexOf(id)}` })),
        hasMoreBefore: true,
        hasMoreAfter: true,
      });
      const beforeDeleted = await history(reader!.client, w.channelId, { before: m(3), limit: 5 });
      expect(ids(beforeDeleted)).toEqual([m(0), m(1), m(2)]);
      expect(beforeDeleted).toMatchObject({ hasMoreBefore: false, hasMoreAfter: true });

      // The ends.
      expect(await history(reader!.client, w.channelId, { before: m(0) })).toEqual({
        messages: [],
        hasMoreBefore: false,
        hasMoreAfter: true,
      });
      expect(await history(reader!.client, w.channelId, { after: m(11) })).toEqual({
        messages: [],
        hasMoreBefore: true,
        hasMoreAfter: false,
      });
      expect(ids(await history(reader!.client, w.channelId, { limit: 1 }))).toEqual([m(11)]);
      expect(ids(await history(reader!.client, w.channelId, { limit: 100 }))).toEqual(remaining);
    });

    it('defaults to 50 messages; refuses more than one cursor and a limit outside 1..100', async () => {
      const w = await world();
      const sent = await Promise.all(Array.from({ length: 51 }, (_, i) => send(on(i % 2 ? a : b, w.owner), w.channelId, `n${i}`)));
      const newest50 = sent
        .map((m) => m.id)
        .sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1))
        .slice(1);
      const page = await history(w.owner.client, w.channelId);
      expect(page.messages.map((m) => m.id)).toEqual(newest50);
      expect(page).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });
      const id = newest50[0]!;
      const client = w.owner.client;
      const q = (v: Record<string, unknown>) => client.errorOf(HISTORY, { c: w.channelId, b: null, a: null, r: null, ...v });
      for (const v of [
        { b: id, a: id },
        { a: id, r: id },
        { b: id, r: id },
        { b: id, a: id, r: id },
      ])
        expect((await q(v)).code).toBe('BAD_USER_INPUT');
      for (const l of [0, 101, -1]) expectBadInput(await q({ l }), 'limit');
      expect((await q({ c: snowflakeAt(new Date()) })).code).toBe('NOT_FOUND');
    });

    it('needs READ_MESSAGE_HISTORY', async () => {
      const w = await world(1);
      const [member] = w.members;
      await send(w.owner.client, w.channelId, 'secret past');
      await w.owner.client.ok(SET_OVERWRITE, {
        c: w.channelId,
        i: { targetType: 'ROLE', targetId: w.everyoneRoleId, allow: [], deny: ['READ_MESSAGE_HISTORY'] },
      });
      expectForbidden(await member!.client.errorOf(HISTORY, { c: w.channelId }), 'READ_MESSAGE_HISTORY');
      // Still a member who can talk, and the owner still reads.
      await send(member!.client, w.channelId, 'i can talk');
      expect((await history(w.owner.client, w.channelId)).messages.map((m) => m.content)).toEqual(['secret past', 'i can talk']);
      // A channel the member cannot see at all is NOT_FOUND.
      const hidden = await addChannel(w, { isPrivate: true });
      expect((await member!.client.errorOf(HISTORY, { c: hidden })).code).toBe('NOT_FOUND');
    });
  });

  describe('rate limits', () => {
    it('defaults to 5 messages per 5 s per channel', async () => {
      const w = await world(0, null);
      const limits = (await w.owner.client.ok(READ_LIMITS, { s: w.serverId })).server.rateLimits;
      expect(limits).toMatchObject({
        channelMessageLimit: 5,
        channelMessageWindowSeconds: 5,
        serverMessageLimit: 20,
        serverMessageWindowSeconds: 10,
      });
      for (let i = 1; i <= 5; i += 1) await send(w.owner.client, w.channelId, `n${i}`);
      expectRateLimited(await w.owner.client.request(SEND, { c: w.channelId, t: 'n6' }), 'channel', 5000);
      expect(await storedCount(w.channelId)).toBe(5);
    });

    it('per channel: the 5th passes, the 6th is refused with retryAfterMs, and passes after waiting that long', async () => {
      const w = await world(1, {
        channelMessageLimit: 5,
        channelMessageWindowSeconds: 2,
        serverMessageLimit: 100,
        serverMessageWindowSeconds: 60,
        escalationEnabled: false,
      });
      const [member] = w.members;
      const other = await addChannel(w);
      for (let i = 1; i <= 5; i += 1) await send(i % 2 ? member!.client : on(b, member!), w.channelId, `n${i}`);
      const refused = await member!.client.request(SEND, { c: w.channelId, t: 'n6' });
      const retryAfterMs = expectRateLimited(refused, 'channel', 2000);
      // A refusal is not recorded: retrying does not push the wait further out.
      expect(expectRateLimited(await on(b, member!).request(SEND, { c: w.channelId, t: 'n6 again' }), 'channel', 2000)).toBeLessThanOrEqual(
        retryAfterMs,
      );
      expect((await history(w.owner.client, w.channelId)).messages.map((m) => m.content)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
      // Per user and per channel: others, and the same user elsewhere, are unaffected.
      await send(w.owner.client, w.channelId, 'owner speaks');
      await send(member!.client, other, 'member elsewhere');
      await sleep(retryAfterMs);
      await send(on(b, member!), w.channelId, 'n6 later');
      expect((await history(w.owner.client, w.channelId)).messages.map((m) => m.content)).toEqual([
        'n1',
        'n2',
        'n3',
        'n4',
        'n5',
        'owner speaks',
        'n6 later',
      ]);
    });

    it('grants exactly the limit to concurrent sends from several connections on two instances', async () => {
      const w = await world(1, {
        channelMessageLimit: 5,
        channelMessageWindowSeconds: 10,
        serverMessageLimit: 100,
        serverMessageWindowSeconds: 60,
        escalationEnabled: false,
      });
      const [member] = w.members;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => on(i % 2 ? a : b, member!).request(SEND, { c: w.channelId, t: `burst ${i}` })),
      );
      const passed = results.filter((r) => r.data?.sendMessage);
      expect(passed).toHaveLength(5);
      for (const r of results.filter((x) => !x.data?.sendMessage)) expectRateLimited(r, 'channel', 10_000);
      const stored = await history(w.owner.client, w.channelId);
      expect(stored.messages.map((m) => m.id).sort()).toEqual(passed.map((r) => r.data!.sendMessage.id).sort());
    });

    it('per server: counts across channels, concurrently, with scope "server"', async () => {
      const w = await world(1, {
        channelMessageLimit: 100,
        channelMessageWindowSeconds: 60,
        serverMessageLimit: 7,
        serverMessageWindowSeconds: 2,
        escalationEnabled: false,
      });
      const [member] = w.members;
      const channels = [w.channelId, await addChannel(w)];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => on(i % 3 ? a : b, member!).request(SEND, { c: channels[i % 2], t: `s${i}` })),
      );
      expect(results.filter((r) => r.data?.sendMessage)).toHaveLength(7);
      for (const r of results.filter((x) => !x.data?.sendMessage)) expectRateLimited(r, 'server', 2000);
      expect((await storedCount(channels[0]!)) + (await storedCount(channels[1]!))).toBe(7);
      // Another member of the server has a budget of their own.
      await send(w.owner.client, channels[1]!, 'owner is fine');
      const retryAfterMs = expectRateLimited(await member!.client.request(SEND, { c: channels[1], t: 'one more' }), 'server', 2000);
      await sleep(retryAfterMs);
      await send(member!.client, channels[1]!, 'after the window');
      expect((await storedCount(channels[0]!)) + (await storedCount(channels[1]!))).toBe(9);
    });

    it('slowmode: one message per slowmodeSeconds, scope "slowmode"; MANAGE_MESSAGES and MANAGE_CHANNELS are exempt', async () => {
      const w = await world(4);
      const [member, racer, messageMod, channelMod] = w.members;
      const mm = await createRole(w.owner, w.serverId, { name: 'MsgMod', permissions: ['MANAGE_MESSAGES'], position: 1 });
      const cm = await createRole(w.owner, w.serverId, { name: 'ChanMod', permissions: ['MANAGE_CHANNELS'], position: 2 });
      await assignRole(w.owner, w.serverId, messageMod!.id, mm.id);
      await assignRole(w.owner, w.serverId, channelMod!.id, cm.id);
      expectBadInput(await w.owner.client.errorOf(UPDATE_CHANNEL, { id: w.channelId, i: { slowmodeSeconds: 21_601 } }), 'slowmodeSeconds');
      expect((await w.owner.client.ok(UPDATE_CHANNEL, { id: w.channelId, i: { slowmodeSeconds: 2 } })).updateChannel.slowmodeSeconds).toBe(
        2,
      );
      await synced();
      expect((await on(b, member!).ok(READ_CHANNEL, { id: w.channelId })).channel.slowmodeSeconds).toBe(2);

      await send(member!.client, w.channelId, 'first');
      const retryAfterMs = expectRateLimited(await on(b, member!).request(SEND, { c: w.channelId, t: 'second' }), 'slowmode', 2000);
      for (const exempt of [messageMod!, channelMod!, w.owner]) {
        for (let i = 0; i < 3; i += 1) await send(on(i % 2 ? a : b, exempt), w.channelId, `exempt ${i}`);
      }
      // Ten concurrent sends on two instances: exactly one passes.
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => on(i % 2 ? a : b, racer!).request(SEND, { c: w.channelId, t: `race ${i}` })),
      );
      expect(results.filter((r) => r.data?.sendMessage)).toHaveLength(1);
      for (const r of results.filter((x) => !x.data?.sendMessage)) expectRateLimited(r, 'slowmode', 2000);
      expect(await storedCount(w.channelId)).toBe(1 + 9 + 1);
      await sleep(retryAfterMs);
      await send(member!.client, w.channelId, 'second, later');
      expect(await storedCount(w.channelId)).toBe(12);
    });
  });

  describe('startTyping', () => {
    it('broadcasts TypingStarted at most once per 3 s per user and channel, across instances', async () => {
      const w = await world(2);
      const [typist, other] = w.members;
      const second = await addChannel(w);
      const sub = await listen(b, w.owner, w.channelId);
      expect(await typist!.client.ok(TYPING, { c: w.channelId })).toEqual({ startTyping: true });
      const started = Date.now(); // the throttle was set before the first call answered
      expect(await on(b, typist!).ok(TYPING, { c: w.channelId })).toEqual({ startTyping: true });
      await Promise.all(Array.from({ length: 6 }, (_, i) => on(i % 2 ? a : b, typist!).ok(TYPING, { c: w.channelId })));
      await other!.client.ok(TYPING, { c: w.channelId });
      await typist!.client.ok(TYPING, { c: second }); // another channel: its own throttle, not this channel's events
      const typing = (events: any[]) => events.map((e) => e.channelEvents).filter((e) => e.__typename === 'TypingStarted');
      expect(typing(await fence(sub, w.owner, w.channelId))).toEqual([
        { __typename: 'TypingStarted', channelId: w.channelId, user: { id: typist!.id } },
        { __typename: 'TypingStarted', channelId: w.channelId, user: { id: other!.id } },
      ]);
      await sleep(Math.max(0, 3000 - (Date.now() - started)) + 50);
      await on(b, typist!).ok(TYPING, { c: w.channelId });
      expect(typing(await fence(sub, w.owner, w.channelId))).toHaveLength(3);
    });

    it('needs SEND_MESSAGES and sends nothing without it', async () => {
      const w = await world(1);
      const [member] = w.members;
      await w.owner.client.ok(SET_OVERWRITE, {
        c: w.channelId,
        i: { targetType: 'MEMBER', targetId: member!.id, allow: [], deny: ['SEND_MESSAGES'] },
      });
      const sub = await listen(a, w.owner, w.channelId);
      expectForbidden(await member!.client.errorOf(TYPING, { c: w.channelId }), 'SEND_MESSAGES');
      expect((await fence(sub, w.owner, w.channelId)).filter((e) => e.channelEvents.__typename === 'TypingStarted')).toEqual([]);
    });
  });
});
