import type { Client } from 'graphql-ws';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../app.js';
import { snowflakeAt } from '../kernel/ids/snowflake.js';
import { createServer, GqlClient, signUp, type TestUser } from '../../test/harness.js';
import { ROOMY_LIMITS, startTwoInstances, synchronise } from '../../test/instances.js';
import { assignRole, createRole, joinServer, sleep, until } from '../../test/fixtures.js';
import { settle, subscribe, wsClient, type Subscription } from '../../test/ws-client.js';
import { liveSubscriptions } from './channel-rooms.js';

const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const EDIT = 'mutation($m: ID!, $t: String!) { editMessage(messageId: $m, content: $t) { id } }';
const DELETE = 'mutation($m: ID!) { deleteMessage(messageId: $m) }';
const LIMITS = 'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit } }';
const CREATE_CHANNEL = 'mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }';
const UPDATE_CHANNEL = 'mutation($id: ID!, $i: UpdateChannelInput!) { updateChannel(id: $id, input: $i) { id } }';
const SET_OVERWRITE = 'mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { id } }';
const REMOVE_ROLE = 'mutation($s: ID!, $u: ID!, $r: ID!) { removeRole(serverId: $s, userId: $u, roleId: $r) { user { id } } }';
const KICK = 'mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }';
const LEAVE = 'mutation($s: ID!) { leaveServer(serverId: $s) }';
const EVENTS = `subscription($c: ID!, $s: ID) { channelEvents(channelId: $c, since: $s) { __typename
  ... on MessageCreated { message { id content author { id username } } }
  ... on MessageUpdated { message { id content } }
  ... on MessageDeleted { messageId channelId }
  ... on TypingStarted { channelId user { id } } } }`;
const SERVER_EVENTS = `subscription($s: ID!) { serverEvents(serverId: $s) { __typename
  ... on MemberJoined { member { user { id } } }
  ... on MemberLeft { userId reason }
  ... on ChannelUpdated { channel { id name isPrivate } }
  ... on ChannelDeleted { channelId } } }`;

const ROOMY = ROOMY_LIMITS;

interface World {
  owner: TestUser;
  serverId: string;
  channelId: string;
  members: TestUser[];
}

/** The first error's extensions.code of a subscription the server refused or ended with an error. */
function errorCodeOf(sub: Subscription<unknown>): unknown {
  const error = sub.errors[0];
  const first = (Array.isArray(error) ? error[0] : error) as { extensions?: { code?: unknown } } | undefined;
  return first?.extensions?.code;
}

describe('subscriptions', () => {
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

  const on = (api: RunningApi, user: TestUser) => new GqlClient(api.url, `Bearer ${user.token}`);

  const synced = () => synchronise(a, b);

  async function world(memberCount = 0): Promise<World> {
    const owner = await signUp(a, 'subowner');
    const server = await createServer(owner);
    const members = await Promise.all(Array.from({ length: memberCount }, () => signUp(a, 'submember')));
    for (const member of members) await joinServer(member, server.id);
    await owner.client.ok(LIMITS, { s: server.id, i: ROOMY });
    await synced();
    return { owner, serverId: server.id, channelId: server.channels.find((c) => c.type === 'TEXT')!.id, members };
  }

  const send = async (client: GqlClient, channelId: string, content: string): Promise<string> =>
    (await client.ok(SEND, { c: channelId, t: content })).sendMessage.id;

  function open(api: RunningApi, user: TestUser): Client {
    const client = wsClient(api.url, user.token);
    sockets.push(client);
    return client;
  }

  /** Starts subscriptions on one instance and resolves once it listens for each of them (Redis confirmed). */
  async function registered(api: RunningApi, start: () => Subscription<any>[]): Promise<Subscription<any>[]> {
    const base = liveSubscriptions(api.services);
    const subs = start();
    await until(
      () => liveSubscriptions(api.services) >= base + subs.length || subs.some((sub) => sub.completed || sub.errors.length > 0),
      'the subscriptions to register',
    );
    for (const sub of subs) expect({ errors: sub.errors, completed: sub.completed }).toEqual({ errors: [], completed: false });
    await synced();
    return subs;
  }

  /** A subscription the server may refuse (not awaited). */
  const tryListen = (api: RunningApi, user: TestUser, channelId: string, since?: string): Subscription<any> =>
    subscribe(open(api, user), EVENTS, { c: channelId, s: since ?? null });
  const tryListenServer = (api: RunningApi, user: TestUser, serverId: string): Subscription<any> =>
    subscribe(open(api, user), SERVER_EVENTS, { s: serverId });
  const listen = async (api: RunningApi, user: TestUser, channelId: string, since?: string) =>
    (await registered(api, () => [tryListen(api, user, channelId, since)]))[0]!;
  const listenServer = async (api: RunningApi, user: TestUser, serverId: string) =>
    (await registered(api, () => [tryListenServer(api, user, serverId)]))[0]!;

  const createdIds = (sub: Subscription<any>) =>
    sub.events.filter((e) => e.channelEvents.__typename === 'MessageCreated').map((e) => e.channelEvents.message.id as string);

  describe('channelEvents', () => {
    it('delivers what is sent on one instance to subscribers on the other, in order', async () => {
      const w = await world(2);
      const [sender, reader] = w.members;
      const receivers = [
        await listen(b, reader!, w.channelId),
        await listen(b, w.owner, w.channelId),
        await listen(a, reader!, w.channelId),
      ];
      const ids: string[] = [];
      for (let i = 0; i < 20; i += 1) ids.push(await send(sender!.client, w.channelId, `m${i}`));
      await sender!.client.ok(EDIT, { m: ids[4], t: 'm4 edited' });
      await on(b, sender!).ok(DELETE, { m: ids[7] });
      const expected = [
        ...ids.map((id, i) => ({
          __typename: 'MessageCreated',
          message: { id, content: `m${i}`, author: { id: sender!.id, username: sender!.username } },
        })),
        { __typename: 'MessageUpdated', message: { id: ids[4], content: 'm4 edited' } },
        { __typename: 'MessageDeleted', messageId: ids[7], channelId: w.channelId },
      ];
      for (const receiver of receivers) {
        await receiver.waitFor(expected.length);
        await settle(50);
        expect(receiver.events.map((e) => e.channelEvents)).toEqual(expected);
      }
    });

    it('since: replays 500 missed messages then switches to live, each exactly once and in order, while a sender keeps sending', async () => {
      const w = await world(1);
      const [reader] = w.members;
      const sent: string[] = [];
      const first = await listen(b, reader!, w.channelId);
      for (let i = 0; i < 3; i += 1) sent.push(await send(w.owner.client, w.channelId, `seen ${i}`));
      await first.waitFor(3);
      const lastSeen = createdIds(first).at(-1)!;
      expect(lastSeen).toBe(sent[2]);
      first.stop();
      await sockets.at(-1)!.dispose(); // the reader disconnects

      // 500 messages while the reader is away, from both instances (ten at a time).
      for (let batch = 0; batch < 50; batch += 1) {
        const ids = await Promise.all(
          Array.from({ length: 10 }, (_, i) => send(on(i % 2 ? a : b, w.owner), w.channelId, `away ${batch * 10 + i}`)),
        );
        sent.push(...ids);
      }
      // Sort the concurrent batches by id: the order in which they are stored and must be replayed.
      const away = sent.slice(3).sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
      sent.splice(3, away.length, ...away);

      // A sender that keeps going (one message at a time, alternating instances) across the switch.
      let running = true;
      const live: string[] = [];
      const sender = (async () => {
        for (let i = 0; running; i += 1) live.push(await send(on(i % 2 ? a : b, w.owner), w.channelId, `during ${i}`));
      })();
      let resumed: Subscription<any>;
      try {
        await until(() => live.length >= 5, 'the live sender to start');
        resumed = await listen(b, reader!, w.channelId, lastSeen);
        // Keep sending until the reader is clearly on the live stream.
        await until(
          () => createdIds(resumed).length >= 500 + live.length - 1 && live.length >= 30,
          'the reader to catch up with the live sender',
          { timeoutMs: 20_000 },
        );
      } finally {
        running = false;
        await sender;
      }
      sent.push(...live);

      const expected = sent.slice(3);
      await resumed.waitFor(expected.length, 10_000);
      await settle(100);
      const received = createdIds(resumed);
      expect(resumed.events.every((e) => e.channelEvents.__typename === 'MessageCreated')).toBe(true);
      expect(new Set(received).size).toBe(received.length);
      expect(received).toEqual(expected);
      const stored = (
        await w.owner.client.ok('query($c: ID!, $a: ID) { messages(channelId: $c, after: $a, limit: 100) { messages { id } } }', {
          c: w.channelId,
          a: lastSeen,
        })
      ).messages.messages.map((m: { id: string }) => m.id);
      expect(received.slice(0, 100)).toEqual(stored);
    }, 90_000); // 500 sends and a replay: long on a loaded 2-core machine, not slow in itself

    it('since: the channel’s own id replays every message in it, as clients that held none resume', async () => {
      const w = await world(1);
      const [reader] = w.members;
      // Sent before the reader subscribes: what a client that read an empty page would have missed.
      const sent = [await send(w.owner.client, w.channelId, 'first'), await send(w.owner.client, w.channelId, 'second')];
      const resumed = await listen(b, reader!, w.channelId, w.channelId);
      sent.push(await send(w.owner.client, w.channelId, 'live'));
      await resumed.waitFor(3);
      await settle(50);
      expect(createdIds(resumed)).toEqual(sent);
    });

    it('since: needs READ_MESSAGE_HISTORY; an unknown channel is NOT_FOUND', async () => {
      const w = await world(1);
      const [member] = w.members;
      const id = await send(w.owner.client, w.channelId, 'history');
      const everyone = (
        await w.owner.client.ok('query($s: ID!) { server(id: $s) { roles { id isDefault } } }', { s: w.serverId })
      ).server.roles.find((r: any) => r.isDefault).id;
      await w.owner.client.ok(SET_OVERWRITE, {
        c: w.channelId,
        i: { targetType: 'ROLE', targetId: everyone, allow: [], deny: ['READ_MESSAGE_HISTORY'] },
      });
      await synced();
      const refused = tryListen(b, member!, w.channelId, id);
      await refused.waitForEnd();
      expect(errorCodeOf(refused)).toBe('FORBIDDEN');
      // Live events without a replay are still allowed.
      const live = await listen(b, member!, w.channelId);
      const next = await send(w.owner.client, w.channelId, 'live');
      expect((await live.waitFor(1))[0].channelEvents.message.id).toBe(next);
      const nowhere = tryListen(b, member!, snowflakeAt(new Date()));
      await nowhere.waitForEnd();
      expect(errorCodeOf(nowhere)).toBe('NOT_FOUND');
    });

    it('stops a subscriber who loses VIEW_CHANNEL (member overwrite) or is kicked, while others keep receiving', async () => {
      const w = await world(3);
      const [denied, kicked, stays] = w.members;
      const subs = {
        denied: await listen(b, denied!, w.channelId),
        kicked: await listen(a, kicked!, w.channelId),
        stays: await listen(b, stays!, w.channelId),
      };
      const before = await send(w.owner.client, w.channelId, 'everyone sees this');
      await Promise.all(Object.values(subs).map((sub) => sub.waitFor(1)));

      await w.owner.client.ok(SET_OVERWRITE, {
        c: w.channelId,
        i: { targetType: 'MEMBER', targetId: denied!.id, allow: [], deny: ['VIEW_CHANNEL'] },
      });
      await on(b, w.owner).ok(KICK, { s: w.serverId, u: kicked!.id });
      const after = await send(on(b, w.owner), w.channelId, 'only some see this');
      await send(w.owner.client, w.channelId, 'and this');

      await subs.stays.waitFor(3);
      await subs.denied.waitForEnd();
      await subs.kicked.waitForEnd();
      expect(createdIds(subs.stays)).toEqual([before, after, expect.any(String)]);
      expect(createdIds(subs.denied)).toEqual([before]);
      expect(createdIds(subs.kicked)).toEqual([before]);
      expect(subs.denied.completed && subs.kicked.completed).toBe(true);

      // And they cannot subscribe again.
      for (const [api, user] of [
        [a, denied!],
        [b, kicked!],
      ] as const) {
        const again = tryListen(api, user, w.channelId);
        await again.waitForEnd();
        expect(errorCodeOf(again)).toBe('NOT_FOUND');
      }
    });

    it('stops a subscriber whose role gave access to a private channel once the role is removed', async () => {
      const w = await world(2);
      const [insider, other] = w.members;
      const role = await createRole(w.owner, w.serverId, { name: 'Insiders', position: 1 });
      await assignRole(w.owner, w.serverId, insider!.id, role.id);
      await assignRole(w.owner, w.serverId, other!.id, role.id);
      const secret = (
        await w.owner.client.ok(CREATE_CHANNEL, { i: { serverId: w.serverId, type: 'TEXT', name: 'secret', isPrivate: true } })
      ).createChannel.id;
      await w.owner.client.ok(SET_OVERWRITE, {
        c: secret,
        i: { targetType: 'ROLE', targetId: role.id, allow: ['VIEW_CHANNEL'], deny: [] },
      });
      await synced();
      const losing = await listen(b, insider!, secret);
      const keeping = await listen(b, other!, secret);
      await send(w.owner.client, secret, 'for insiders');
      await losing.waitFor(1);
      await w.owner.client.ok(REMOVE_ROLE, { s: w.serverId, u: insider!.id, r: role.id });
      await send(w.owner.client, secret, 'insiders only, again');
      await keeping.waitFor(2);
      await losing.waitForEnd();
      expect(losing.events).toHaveLength(1);
    });
  });

  it('keeps a message from a member whose access another instance revoked before the send, on the sending instance, however late it reads Redis', async () => {
    const w = await world(2);
    const [losing, keeping] = w.members;
    const [lost, kept] = [await listen(a, losing!, w.channelId), await listen(a, keeping!, w.channelId)];
    const before = await send(w.owner.client, w.channelId, 'both see this');
    await Promise.all([lost.waitFor(1), kept.waitFor(1)]);

    // The sending instance reads nothing from Redis for a while: the revocation waits unread.
    const subscriber = (a.services.bus as unknown as { subscriber: Redis }).subscriber;
    subscriber.stream.pause();
    try {
      await on(b, w.owner).ok(SET_OVERWRITE, {
        c: w.channelId,
        i: { targetType: 'MEMBER', targetId: losing!.id, allow: [], deny: ['VIEW_CHANNEL'] },
      });
      const after = await send(w.owner.client, w.channelId, 'sent after the revocation');
      // Committed and answered, but not handed to this instance's own subscribers before the revocation is read.
      await sleep(100);
      expect([createdIds(lost), createdIds(kept)]).toEqual([[before], [before]]);
      subscriber.stream.resume();
      await kept.waitFor(2);
      await lost.waitForEnd();
      expect(createdIds(kept)).toEqual([before, after]);
      expect(createdIds(lost)).toEqual([before]);
    } finally {
      subscriber.stream.resume();
    }
  });

  it('ends a subscription as soon as access is lost, on another instance, without waiting for a message', async () => {
    const w = await world(2);
    const [losing, keeping] = w.members;
    const [lost, kept] = [await listen(b, losing!, w.channelId), await listen(b, keeping!, w.channelId)];
    await on(a, w.owner).ok(SET_OVERWRITE, {
      c: w.channelId,
      i: { targetType: 'MEMBER', targetId: losing!.id, allow: [], deny: ['VIEW_CHANNEL'] },
    });
    await lost.waitForEnd();
    expect(lost.completed).toBe(true);
    expect(kept.completed).toBe(false);
  });

  it('releases a subscription’s listener as soon as the client unsubscribes, with no event needed', async () => {
    const w = await world(0);
    const idle = liveSubscriptions(b.services);
    const sub = await listen(b, w.owner, w.channelId);
    expect(liveSubscriptions(b.services)).toBe(idle + 1);
    sub.stop();
    await until(() => liveSubscriptions(b.services) === idle, 'the listener to be released');
  });

  it('ends every subscription to a channel when the channel is deleted', async () => {
    const w = await world(1);
    const doomed = (await w.owner.client.ok(CREATE_CHANNEL, { i: { serverId: w.serverId, type: 'TEXT', name: 'doomed' } })).createChannel
      .id;
    await synced();
    const [onA, onB] = [await listen(a, w.owner, doomed), await listen(b, w.members[0]!, doomed)];
    await w.owner.client.ok('mutation($c: ID!) { deleteChannel(id: $c) }', { c: doomed });
    await Promise.all([onA.waitForEnd(), onB.waitForEnd()]);
    expect([onA.completed, onB.completed]).toEqual([true, true]);
    expect([onA.errors, onB.errors]).toEqual([[], []]);
  });

  describe('serverEvents', () => {
    it('delivers member joins, channel changes (withholding private channels) and kicks; a kicked member’s stream ends', async () => {
      const w = await world(1);
      const [plain] = w.members;
      const newcomer = await signUp(a, 'newcomer');
      // Presence, voice and role events may come and go meanwhile; this test is about these four.
      const TYPES = ['MemberJoined', 'MemberLeft', 'ChannelUpdated', 'ChannelDeleted'];
      const interesting = (sub: Subscription<any>) => sub.events.map((e) => e.serverEvents).filter((e) => TYPES.includes(e.__typename));
      const ownerSub = await listenServer(a, w.owner, w.serverId);
      const plainSub = await listenServer(b, plain!, w.serverId);

      await joinServer(newcomer, w.serverId);
      await synced();
      const newcomerSub = await listenServer(b, newcomer, w.serverId);
      const general = (await w.owner.client.ok(CREATE_CHANNEL, { i: { serverId: w.serverId, type: 'TEXT', name: 'general-two' } }))
        .createChannel.id;
      await on(b, w.owner).ok(UPDATE_CHANNEL, { id: general, i: { name: 'renamed' } });
      const staff = (await w.owner.client.ok(CREATE_CHANNEL, { i: { serverId: w.serverId, type: 'TEXT', name: 'staff', isPrivate: true } }))
        .createChannel.id;
      await w.owner.client.ok(UPDATE_CHANNEL, { id: staff, i: { name: 'staff-only' } });
      const after = (await w.owner.client.ok(CREATE_CHANNEL, { i: { serverId: w.serverId, type: 'TEXT', name: 'after' } })).createChannel
        .id;
      await on(b, w.owner).ok(KICK, { s: w.serverId, u: newcomer.id });
      await newcomerSub.waitForEnd();
      const fence = (await w.owner.client.ok(CREATE_CHANNEL, { i: { serverId: w.serverId, type: 'TEXT', name: 'fence' } })).createChannel
        .id;

      const channel = (id: string, name: string, isPrivate = false) => ({ __typename: 'ChannelUpdated', channel: { id, name, isPrivate } });
      const joined = { __typename: 'MemberJoined', member: { user: { id: newcomer.id } } };
      const kicked = { __typename: 'MemberLeft', userId: newcomer.id, reason: 'kicked' };
      await until(
        () => interesting(plainSub).some((e) => e.channel?.id === fence) && interesting(ownerSub).some((e) => e.channel?.id === fence),
        'the fence channel',
      );
      expect(interesting(plainSub)).toEqual([
        joined,
        channel(general, 'general-two'),
        channel(general, 'renamed'),
        channel(after, 'after'),
        kicked,
        channel(fence, 'fence'),
      ]);
      expect(interesting(ownerSub)).toEqual([
        joined,
        channel(general, 'general-two'),
        channel(general, 'renamed'),
        channel(staff, 'staff', true),
        channel(staff, 'staff-only', true),
        channel(after, 'after'),
        kicked,
        channel(fence, 'fence'),
      ]);
      // The kicked member heard of their own removal last, then the stream ended.
      expect(interesting(newcomerSub)).toEqual([
        channel(general, 'general-two'),
        channel(general, 'renamed'),
        channel(after, 'after'),
        kicked,
      ]);
      expect(newcomerSub.completed).toBe(true);

      // Leaving is announced too, and ends the leaver's stream.
      await on(b, plain!).ok(LEAVE, { s: w.serverId });
      await plainSub.waitForEnd();
      await until(() => interesting(ownerSub).some((e) => e.__typename === 'MemberLeft' && e.reason === 'left'), 'MemberLeft(left)');
      expect(interesting(ownerSub).at(-1)).toEqual({ __typename: 'MemberLeft', userId: plain!.id, reason: 'left' });
    });

    it('is for members only', async () => {
      const w = await world();
      const stranger = await signUp(a, 'stranger');
      const refused = tryListenServer(b, stranger, w.serverId);
      await refused.waitForEnd();
      expect(errorCodeOf(refused)).toBe('FORBIDDEN');
      const hidden = await createServer(w.owner, { isPrivate: true });
      const unseen = tryListenServer(b, stranger, hidden.id);
      await unseen.waitForEnd();
      expect(errorCodeOf(unseen)).toBe('NOT_FOUND');
    });
  });

  describe('fan-out', () => {
    it('executes once per (event, operation, permission view) however many subscribers share it', async () => {
      const w = await world(31);
      const mod = w.members.pop()!;
      const modRole = await createRole(w.owner, w.serverId, { name: 'Mod', permissions: ['MANAGE_MESSAGES'], position: 1 });
      await assignRole(w.owner, w.serverId, mod.id, modRole.id);
      await synced();
      const plain = await registered(b, () => w.members.map((member) => tryListen(b, member, w.channelId)));

      const countsBefore = { a: a.subscriptionExecutions(), b: b.subscriptionExecutions() };
      const first = await send(on(a, w.owner), w.channelId, 'to thirty');
      await Promise.all(plain.map((sub) => sub.waitFor(1)));
      expect(b.subscriptionExecutions() - countsBefore.b).toBe(1);
      expect(a.subscriptionExecutions() - countsBefore.a).toBe(0);
      for (const sub of plain)
        expect(sub.events).toEqual([
          {
            channelEvents: {
              __typename: 'MessageCreated',
              message: { id: first, content: 'to thirty', author: { id: w.owner.id, username: w.owner.username } },
            },
          },
        ]);

      // Other permission views, and another selection set, get executions of their own.
      const [owner, moderator, other] = (await registered(b, () => [
        tryListen(b, w.owner, w.channelId),
        tryListen(b, mod, w.channelId),
        subscribe(open(b, w.members[0]!), 'subscription($c: ID!) { channelEvents(channelId: $c) { __typename } }', { c: w.channelId }),
      ])) as [Subscription<any>, Subscription<any>, Subscription<any>];
      const before = b.subscriptionExecutions();
      await send(on(a, w.owner), w.channelId, 'to all');
      await Promise.all(
        [...plain, owner, moderator, other].map((sub) => sub.waitFor(sub === owner || sub === moderator || sub === other ? 1 : 2)),
      );
      expect(b.subscriptionExecutions() - before).toBe(4);
      expect(owner.events[0].channelEvents.message.content).toBe('to all');
      expect(moderator.events[0].channelEvents.message.content).toBe('to all');
      expect(other.events).toEqual([{ channelEvents: { __typename: 'MessageCreated' } }]);
    });
  });
});
