import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, expect } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { joinServer, sql, until } from './fixtures.js';
import { createServer, GqlClient, signUp, type GqlResult, type TestUser } from './harness.js';
import { ROOMY_LIMITS, startTwoInstances, synchronise } from './instances.js';
import { subscribe, wsClient, type Subscription } from './ws-client.js';
import { liveSubscriptions } from '../src/realtime/channel-rooms.js';

const MESSAGE_FIELDS = 'id content createdAt editedAt author { id username } channel { id } replyTo { id content }';
export const SEND = `mutation($c: ID!, $t: String!, $r: ID) { sendMessage(channelId: $c, content: $t, replyToId: $r) { ${MESSAGE_FIELDS} } }`;
export const EDIT = `mutation($m: ID!, $t: String!) { editMessage(messageId: $m, content: $t) { ${MESSAGE_FIELDS} } }`;
export const DELETE = 'mutation($m: ID!) { deleteMessage(messageId: $m) }';
export const TYPING = 'mutation($c: ID!) { startTyping(channelId: $c) }';
export const HISTORY =
  'query($c: ID!, $b: ID, $a: ID, $r: ID, $l: Int) { messages(channelId: $c, before: $b, after: $a, around: $r, limit: $l) { messages { id content } hasMoreBefore hasMoreAfter } }';
const LIMITS = `mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) {
  channelMessageLimit channelMessageWindowSeconds serverMessageLimit serverMessageWindowSeconds escalationEnabled } }`;
export const READ_LIMITS =
  'query($s: ID!) { server(id: $s) { rateLimits { channelMessageLimit channelMessageWindowSeconds serverMessageLimit serverMessageWindowSeconds escalationEnabled } } }';
const CREATE_CHANNEL = 'mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }';
export const UPDATE_CHANNEL = 'mutation($id: ID!, $i: UpdateChannelInput!) { updateChannel(id: $id, input: $i) { id slowmodeSeconds } }';
export const READ_CHANNEL = 'query($id: ID!) { channel(id: $id) { id slowmodeSeconds } }';
export const SET_OVERWRITE = 'mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { id } }';
export const TIMEOUT = 'mutation($s: ID!, $u: ID!, $n: Int!) { timeoutMember(serverId: $s, userId: $u, seconds: $n) { timedOutUntil } }';
export const BAN = 'mutation($s: ID!, $u: ID!, $d: Int) { banMember(serverId: $s, userId: $u, deleteMessageSeconds: $d) }';
const EVENTS = `subscription($c: ID!, $s: ID) { channelEvents(channelId: $c, since: $s) { __typename
  ... on MessageCreated { message { id content } }
  ... on MessageUpdated { message { id content editedAt } }
  ... on MessageDeleted { messageId channelId }
  ... on TypingStarted { channelId user { id } } } }`;

const ROOMY = ROOMY_LIMITS;

interface World {
  owner: TestUser;
  serverId: string;
  channelId: string;
  everyoneRoleId: string;
  members: TestUser[];
}

/** Two API instances on one Redis prefix and the helpers every messages test file shares; registers its own hooks. */
export function messagesWorld() {
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
      // Another instance learns of the change through Redis, a moment later.
      const seen = await until(() => on(api, w.owner).ok(READ_LIMITS, { s: w.serverId }), 'the new limits', {
        done: (d) => JSON.stringify(d.server.rateLimits) === JSON.stringify(applied),
        timeoutMs: 3000,
      });
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

  /** Subscribes to channelEvents (our selection, or `query` with variables $c and $s) and resolves once the server listens on the channel's topic (confirmed by Redis). */
  async function listen(api: RunningApi, user: TestUser, channelId: string, since?: string, query = EVENTS): Promise<Subscription<any>> {
    const client = wsClient(api.url, user.token);
    sockets.push(client);
    const base = liveSubscriptions(api.services);
    const sub = subscribe(client, query, { c: channelId, s: since ?? null });
    const registered = await until(async () => liveSubscriptions(api.services) > base || sub.completed, 'the subscription to register');
    expect(sub.errors).toEqual([]);
    expect(registered && !sub.completed).toBe(true);
    await synced();
    return sub;
  }

  /** Sends a marker on each instance and waits for both: every event published before them has arrived. */
  async function fence(sub: Subscription<any>, user: TestUser, channelId: string): Promise<any[]> {
    const ids = [(await send(on(a, user), channelId, 'fence a')).id, (await send(on(b, user), channelId, 'fence b')).id];
    await until(() => sub.events, 'both fences', {
      done: (events) => ids.every((id) => events.some((e) => e.channelEvents.message?.id === id)),
      timeoutMs: 3000,
    });
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

  return { apis: () => ({ a, b }), on, synced, world, setLimits, addChannel, send, history, storedCount, listen, fence, expectRateLimited };
}
