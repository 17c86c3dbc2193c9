import { createHmac } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { Topic } from '../../realtime/topics.js';
import { createServer, GqlClient, signUp, startTestApi, uniquePrefix, type TestUser } from '../../../test/harness.js';
import { assignRole, auditLog, changesOf, createRole, expectBadInput, expectForbidden, joinServer } from '../../../test/fixtures.js';
import { settle, subscribe, wsClient, type Subscription } from '../../../test/ws-client.js';

// Two real API processes' code on one Redis prefix, real Postgres and Redis, real graphql-ws sockets.
const ICE = {
  STUN_URLS: 'stun:stun.example.test:3478',
  TURN_URLS: 'turn:turn.example.test:3478',
  TURN_SECRET: 's3cret',
  TURN_CREDENTIAL_TTL_SECONDS: '3600',
};

const STATE = 'sessionId user { id } channel { id } selfMute selfDeaf serverMute serverDeaf joinedAt';
const JOIN_VOICE = `mutation($c: ID!, $m: Boolean, $d: Boolean) { joinVoice(channelId: $c, selfMute: $m, selfDeaf: $d) {
  sessionId channel { id type } iceServers { urls username credential } participants { ${STATE} } } }`;
const LEAVE_VOICE = 'mutation($id: ID!) { leaveVoice(sessionId: $id) }';
const UPDATE_STATE = `mutation($id: ID!, $m: Boolean, $d: Boolean) { updateVoiceState(sessionId: $id, selfMute: $m, selfDeaf: $d) { ${STATE} } }`;
const SEND_SIGNAL =
  'mutation($from: ID!, $to: ID!, $t: VoiceSignalType!, $p: String!) { sendVoiceSignal(sessionId: $from, toSessionId: $to, type: $t, payload: $p) }';
const MODERATE = `mutation($s: ID!, $u: ID!, $m: Boolean, $d: Boolean, $x: Boolean, $to: ID) {
  moderateVoice(serverId: $s, userId: $u, serverMute: $m, serverDeaf: $d, disconnect: $x, moveToChannelId: $to) }`;
const ICE_SERVERS = 'query { iceServers { urls username credential } }';
const VOICE_STATES = `query($c: ID!) { channel(id: $c) { voiceStates { ${STATE} } } }`;
const SERVER_EVENTS = `subscription($s: ID!) { serverEvents(serverId: $s) {
  __typename ... on VoiceStateUpdated { channelId userId sessionId state { ${STATE} } } } }`;
const VOICE_SIGNALS = 'subscription($id: ID!) { voiceSignals(sessionId: $id) { fromSessionId fromUser { id } type payload } }';
const CREATE_CHANNEL = 'mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }';
const SET_OVERWRITE = 'mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { id } }';

interface VoiceStateShape {
  sessionId: string;
  user: { id: string };
  channel: { id: string };
  selfMute: boolean;
  selfDeaf: boolean;
  serverMute: boolean;
  serverDeaf: boolean;
  joinedAt: string;
}
interface IceServerShape {
  urls: string[];
  username: string | null;
  credential: string | null;
}
interface VoiceSessionShape {
  sessionId: string;
  channel: { id: string; type: string };
  iceServers: IceServerShape[];
  participants: VoiceStateShape[];
}
interface VoiceUpdate {
  channelId: string | null;
  userId: string;
  sessionId: string;
  state: VoiceStateShape | null;
}
interface SignalShape {
  fromSessionId: string;
  fromUser: { id: string };
  type: string;
  payload: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `find` returns something (or fails at once if `sub` errored). */
async function eventually<T>(find: () => T | undefined, what: string, sub?: Subscription<unknown>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (sub?.errors.length) throw new Error(`${what}: the subscription failed: ${JSON.stringify(sub.errors)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('voice', () => {
  const prefix = uniquePrefix();
  let apiA: RunningApi;
  let apiB: RunningApi;
  const sockets: Client[] = [];
  const subscriptions: Subscription<unknown>[] = [];

  beforeAll(async () => {
    [apiA, apiB] = await Promise.all([startTestApi(ICE, prefix), startTestApi(ICE, prefix)]);
  });
  afterAll(async () => {
    subscriptions.forEach((s) => s.stop());
    await Promise.all(sockets.map((c) => c.dispose()));
    await Promise.all([apiA?.close(), apiB?.close()]);
  });

  /** The user speaking to a given API instance. */
  const on = (api: RunningApi, user: TestUser) => new GqlClient(api.url, `Bearer ${user.token}`);

  function socket(api: RunningApi, user: TestUser): Client {
    const client = wsClient(api.url, user.token);
    sockets.push(client);
    return client;
  }

  /** A fresh public server owned by a new user, and `count` members (signed up alternately on A and B). */
  async function world(count: number) {
    const owner = await signUp(apiA, 'vowner');
    const server = await createServer(owner);
    const members = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const user = await signUp(i % 2 ? apiB : apiA, 'vmember');
        await joinServer(user, server.id);
        return user;
      }),
    );
    return {
      owner,
      members,
      serverId: server.id,
      textId: server.channels.find((c) => c.type === 'TEXT')!.id,
      voiceId: server.channels.find((c) => c.type === 'VOICE')!.id,
      everyoneId: server.roles.find((r) => r.isDefault)!.id,
    };
  }

  async function voiceChannel(owner: TestUser, serverId: string, input: Record<string, unknown> = {}): Promise<string> {
    const data = await owner.client.ok<{ createChannel: { id: string } }>(CREATE_CHANNEL, {
      i: { serverId, type: 'VOICE', name: 'room', ...input },
    });
    return data.createChannel.id;
  }

  async function setOverwrite(
    client: GqlClient,
    channelId: string,
    targetType: 'ROLE' | 'MEMBER',
    targetId: string,
    allow: string[],
    deny: string[],
  ): Promise<void> {
    await client.ok(SET_OVERWRITE, { c: channelId, i: { targetType, targetId, allow, deny } });
  }

  async function join(
    client: GqlClient,
    channelId: string,
    options: { selfMute?: boolean; selfDeaf?: boolean } = {},
  ): Promise<VoiceSessionShape> {
    const data = await client.ok<{ joinVoice: VoiceSessionShape }>(JOIN_VOICE, {
      c: channelId,
      m: options.selfMute ?? false,
      d: options.selfDeaf ?? false,
    });
    return data.joinVoice;
  }

  async function statesIn(client: GqlClient, channelId: string): Promise<VoiceStateShape[]> {
    const data = await client.ok<{ channel: { voiceStates: VoiceStateShape[] } | null }>(VOICE_STATES, { c: channelId });
    if (!data.channel) throw new Error(`channel ${channelId} is not visible`);
    return data.channel.voiceStates;
  }
  const sessionIdsIn = async (client: GqlClient, channelId: string) => (await statesIn(client, channelId)).map((s) => s.sessionId).sort();

  /** serverEvents of `user` on `api`, keeping the VoiceStateUpdated ones. */
  async function watchVoice(api: RunningApi, user: TestUser, serverId: string) {
    const sub = subscribe<{ serverEvents: VoiceUpdate & { __typename: string } }>(socket(api, user), SERVER_EVENTS, { s: serverId });
    subscriptions.push(sub as Subscription<unknown>);
    await settle(300);
    const updates = (): VoiceUpdate[] =>
      sub.events
        .map((e) => e.serverEvents)
        .filter((e) => e.__typename === 'VoiceStateUpdated')
        .map(({ channelId, userId, sessionId, state }) => ({ channelId, userId, sessionId, state }));
    return {
      sub,
      updates,
      waitFor: (match: (u: VoiceUpdate) => boolean, what: string) =>
        eventually(() => updates().find(match), what, sub as Subscription<unknown>),
      ended: (sessionId: string) =>
        eventually(
          () => updates().find((u) => u.sessionId === sessionId && u.state === null),
          `VoiceStateUpdated(state: null) for ${sessionId}`,
          sub as Subscription<unknown>,
        ),
    };
  }

  async function signalsOf(api: RunningApi, user: TestUser, sessionId: string): Promise<Subscription<{ voiceSignals: SignalShape }>> {
    const sub = subscribe<{ voiceSignals: SignalShape }>(socket(api, user), VOICE_SIGNALS, { id: sessionId });
    subscriptions.push(sub as Subscription<unknown>);
    await settle(300);
    return sub;
  }

  /** The server ended the subscription cleanly (complete, no error). */
  async function expectCompleted(sub: Subscription<unknown>): Promise<void> {
    await sub.waitForEnd();
    expect(sub.errors).toEqual([]);
    expect(sub.completed).toBe(true);
  }

  describe('joinVoice', () => {
    it('returns the session, its channel, the participants already in, and ICE servers with coturn REST credentials', async () => {
      const { owner, members, serverId, voiceId } = await world(2);
      const [first, second] = members as [TestUser, TestUser];
      const watch = await watchVoice(apiB, owner, serverId);

      const s1 = await join(on(apiA, first), voiceId);
      expect(s1.sessionId).toMatch(/^\d+$/);
      expect(s1.channel).toEqual({ id: voiceId, type: 'VOICE' });
      expect(s1.participants).toEqual([]);

      const before = Math.floor(Date.now() / 1000);
      const s2 = await join(on(apiB, second), voiceId, { selfMute: true, selfDeaf: true });
      const after = Math.floor(Date.now() / 1000);
      expect(s2.sessionId).not.toBe(s1.sessionId);
      expect(s2.participants).toHaveLength(1);
      expect(s2.participants[0]).toMatchObject({
        sessionId: s1.sessionId,
        user: { id: first.id },
        channel: { id: voiceId },
        selfMute: false,
        selfDeaf: false,
        serverMute: false,
        serverDeaf: false,
      });
      expect(Number.isNaN(Date.parse(s2.participants[0]!.joinedAt))).toBe(false);

      // STUN as configured; TURN with username "<expiry>:<userId>" and credential base64(HMAC-SHA1(secret, username)).
      expect(s2.iceServers).toHaveLength(2);
      expect(s2.iceServers[0]).toEqual({ urls: ['stun:stun.example.test:3478'], username: null, credential: null });
      const turn = s2.iceServers[1]!;
      expect(turn.urls).toEqual(['turn:turn.example.test:3478']);
      const [expiry, userId] = turn.username!.split(':');
      expect(userId).toBe(second.id);
      expect(Number(expiry)).toBeGreaterThanOrEqual(before + 3600);
      expect(Number(expiry)).toBeLessThanOrEqual(after + 3600);
      expect(turn.credential).toBe(createHmac('sha1', 's3cret').update(turn.username!).digest('base64'));

      // Channel.voiceStates, read through the other instance, lists both sessions with their state.
      const states = await statesIn(on(apiA, owner), voiceId);
      expect(states.map((s) => s.sessionId).sort()).toEqual([s1.sessionId, s2.sessionId].sort());
      expect(states.find((s) => s.sessionId === s2.sessionId)).toMatchObject({
        user: { id: second.id },
        channel: { id: voiceId },
        selfMute: true,
        selfDeaf: true,
        serverMute: false,
      });

      // Both joins reached a serverEvents subscriber on API B.
      const e1 = await watch.waitFor((u) => u.sessionId === s1.sessionId, 'join of the first session');
      expect(e1).toMatchObject({
        channelId: voiceId,
        userId: first.id,
        state: { sessionId: s1.sessionId, user: { id: first.id }, channel: { id: voiceId }, selfMute: false },
      });
      const e2 = await watch.waitFor((u) => u.sessionId === s2.sessionId, 'join of the second session');
      expect(e2).toMatchObject({ channelId: voiceId, userId: second.id, state: { selfMute: true, selfDeaf: true, serverMute: false } });
    });

    it('iceServers answers the same shape for the caller, and needs a signed-in user', async () => {
      const user = await signUp(apiB, 'vice');
      const before = Math.floor(Date.now() / 1000);
      const data = await on(apiB, user).ok<{ iceServers: IceServerShape[] }>(ICE_SERVERS);
      const after = Math.floor(Date.now() / 1000);
      expect(data.iceServers).toHaveLength(2);
      expect(data.iceServers[0]).toEqual({ urls: ['stun:stun.example.test:3478'], username: null, credential: null });
      const turn = data.iceServers[1]!;
      expect(turn.urls).toEqual(['turn:turn.example.test:3478']);
      expect(turn.username).toMatch(new RegExp(`^\\d+:${user.id}$`));
      const expiry = Number(turn.username!.split(':')[0]);
      expect(expiry).toBeGreaterThanOrEqual(before + 3600);
      expect(expiry).toBeLessThanOrEqual(after + 3600);
      expect(turn.credential).toBe(createHmac('sha1', 's3cret').update(turn.username!).digest('base64'));

      expect((await new GqlClient(apiB.url).errorOf(ICE_SERVERS)).code).toBe('UNAUTHENTICATED');
    });

    it('starts server-muted without SPEAK (channel overwrite or @everyone role)', async () => {
      const { owner, members, serverId, voiceId, everyoneId } = await world(2);
      const [a, b] = members as [TestUser, TestUser];
      const quiet = await voiceChannel(owner, serverId, { name: 'quiet' });
      await setOverwrite(owner.client, quiet, 'ROLE', everyoneId, [], ['SPEAK']);

      const muted = await join(on(apiA, a), quiet);
      expect((await statesIn(on(apiB, owner), quiet)).find((s) => s.sessionId === muted.sessionId)).toMatchObject({
        serverMute: true,
        selfMute: false,
      });
      // Control: the same member in a channel without the overwrite may speak.
      const free = await join(on(apiA, b), voiceId);
      expect((await statesIn(on(apiB, owner), voiceId)).find((s) => s.sessionId === free.sessionId)).toMatchObject({ serverMute: false });

      // SPEAK taken from @everyone itself.
      await owner.client.ok('mutation($r: ID!, $i: RoleInput!) { updateRole(roleId: $r, input: $i) { id } }', {
        r: everyoneId,
        i: { permissions: ['VIEW_CHANNEL', 'SEND_MESSAGES', 'READ_MESSAGE_HISTORY', 'JOIN_VOICE'] },
      });
      const again = await join(on(apiB, b), voiceId);
      expect((await statesIn(on(apiA, owner), voiceId)).find((s) => s.sessionId === again.sessionId)).toMatchObject({
        user: { id: b.id },
        serverMute: true,
      });
    });

    it('refuses without JOIN_VOICE (FORBIDDEN), a text channel (BAD_USER_INPUT) and hidden or unknown channels (NOT_FOUND)', async () => {
      const { owner, members, serverId, textId, everyoneId } = await world(1);
      const [member] = members as [TestUser];
      const closed = await voiceChannel(owner, serverId, { name: 'closed' });
      await setOverwrite(owner.client, closed, 'ROLE', everyoneId, [], ['JOIN_VOICE']);
      const hidden = await voiceChannel(owner, serverId, { name: 'hidden', isPrivate: true });

      expectForbidden(await on(apiA, member).errorOf(JOIN_VOICE, { c: closed }), 'JOIN_VOICE');
      expectBadInput(await on(apiB, member).errorOf(JOIN_VOICE, { c: textId }), 'channelId');
      expect((await on(apiA, member).errorOf(JOIN_VOICE, { c: hidden })).code).toBe('NOT_FOUND');
      expect((await on(apiA, member).errorOf(JOIN_VOICE, { c: '123456789012345' })).code).toBe('NOT_FOUND');
      expect((await new GqlClient(apiA.url).errorOf(JOIN_VOICE, { c: closed })).code).toBe('UNAUTHENTICATED');

      // Nothing was joined anywhere; the owner (who sees everything) checks.
      expect(await statesIn(owner.client, closed)).toEqual([]);
      expect(await statesIn(owner.client, hidden)).toEqual([]);
      expect(await statesIn(owner.client, textId)).toEqual([]);
      // The owner can join the channel @everyone may not.
      await join(owner.client, closed);
      expect((await statesIn(owner.client, closed)).map((s) => s.user.id)).toEqual([owner.id]);
    });

    it('withholds VoiceStateUpdated of a hidden channel from members who cannot see it', async () => {
      const { owner, members, serverId, voiceId } = await world(1);
      const [plain] = members as [TestUser];
      const hidden = await voiceChannel(owner, serverId, { name: 'staff', isPrivate: true });
      const watch = await watchVoice(apiB, plain, serverId);

      const secret = await join(on(apiA, owner), hidden);
      // Moving to the public channel: the end of the hidden session is withheld too; the new one is visible.
      const open = await join(on(apiA, owner), voiceId);
      await watch.waitFor((u) => u.sessionId === open.sessionId, 'the public join');
      await sleep(200);
      expect(watch.updates().map((u) => u.sessionId)).toEqual([open.sessionId]);
      expect(watch.updates().some((u) => u.sessionId === secret.sessionId || u.channelId === hidden)).toBe(false);
    });
  });

  describe('one session per server', () => {
    it('joining another voice channel of the same server moves the user; other servers are independent', async () => {
      const { owner, members, serverId, voiceId } = await world(1);
      const [user] = members as [TestUser];
      const other = await voiceChannel(owner, serverId, { name: 'other' });
      const watch = await watchVoice(apiA, owner, serverId);

      const first = await join(on(apiA, user), voiceId);
      const signals = await signalsOf(apiB, user, first.sessionId);
      const second = await join(on(apiB, user), other);
      expect(second.sessionId).not.toBe(first.sessionId);

      const ended = await watch.ended(first.sessionId);
      expect(ended).toEqual({ channelId: voiceId, userId: user.id, sessionId: first.sessionId, state: null });
      await expectCompleted(signals as Subscription<unknown>);
      await watch.waitFor((u) => u.sessionId === second.sessionId && u.state?.channel.id === other, 'the new session');
      expect(await sessionIdsIn(on(apiA, owner), voiceId)).toEqual([]);
      expect(await sessionIdsIn(on(apiB, owner), other)).toEqual([second.sessionId]);
      // The old session is gone for every operation.
      expect((await on(apiA, user).errorOf(LEAVE_VOICE, { id: first.sessionId })).code).toBe('NOT_FOUND');

      // Rejoining the same channel replaces the session too (never two sessions of one user there).
      const third = await join(on(apiA, user), other);
      await watch.ended(second.sessionId);
      expect(await sessionIdsIn(on(apiA, owner), other)).toEqual([third.sessionId]);

      // A session in another server does not end this one.
      const elsewhere = await world(0);
      await joinServer(user, elsewhere.serverId);
      const foreign = await join(on(apiB, user), elsewhere.voiceId);
      expect(await sessionIdsIn(on(apiA, owner), other)).toEqual([third.sessionId]);
      expect(await sessionIdsIn(on(apiA, elsewhere.owner), elsewhere.voiceId)).toEqual([foreign.sessionId]);
    });
  });

  describe('userLimit', () => {
    it('admits exactly userLimit of 20 simultaneous joiners across two instances; MOVE_MEMBERS may exceed it', async () => {
      const { owner, members, serverId } = await world(21);
      const mover = members.pop()!;
      const room = await voiceChannel(owner, serverId, { name: 'five', userLimit: 5 });
      const moverRole = await createRole(owner, serverId, { name: 'Mover', permissions: ['MOVE_MEMBERS'] });
      await assignRole(owner, serverId, mover.id, moverRole.id);

      const results = await Promise.all(
        members.map((user, i) => on(i % 2 ? apiB : apiA, user).request<{ joinVoice: VoiceSessionShape }>(JOIN_VOICE, { c: room })),
      );
      const joined = results.filter((r) => r.data?.joinVoice).map((r) => r.data!.joinVoice.sessionId);
      const codes = results.filter((r) => r.errors?.length).map((r) => r.errors![0]!.extensions?.code);
      expect(joined).toHaveLength(5);
      expect(codes).toEqual(Array(15).fill('CHANNEL_FULL'));
      expect(await sessionIdsIn(owner.client, room)).toEqual([...joined].sort());

      const loserIndex = results.findIndex((r) => r.errors?.length);
      const loser = members[loserIndex]!;
      // MOVE_MEMBERS joins a full room; everybody else is still refused.
      const moverSession = await join(on(apiB, mover), room);
      expect(await sessionIdsIn(owner.client, room)).toHaveLength(6);
      expect((await on(apiA, loser).errorOf(JOIN_VOICE, { c: room })).code).toBe('CHANNEL_FULL');

      // A place frees up once the room is below the limit again.
      const winner = members[results.findIndex((r) => r.data?.joinVoice)]!;
      const winnerSession = results.find((r) => r.data?.joinVoice)!.data!.joinVoice.sessionId;
      await on(apiB, mover).ok(LEAVE_VOICE, { id: moverSession.sessionId });
      await on(apiA, winner).ok(LEAVE_VOICE, { id: winnerSession });
      await join(on(apiB, loser), room);
      expect(await sessionIdsIn(owner.client, room)).toHaveLength(5);
      expect((await on(apiA, winner).errorOf(JOIN_VOICE, { c: room })).code).toBe('CHANNEL_FULL');
    });
  });

  describe('signalling', () => {
    it('relays OFFER/ANSWER/ICE_CANDIDATE between live sessions of one channel, across instances', async () => {
      const { members, voiceId } = await world(2);
      const [p, q] = members as [TestUser, TestUser];
      const ps = await join(on(apiA, p), voiceId);
      const qs = await join(on(apiB, q), voiceId);
      expect(qs.participants.map((s) => s.sessionId)).toEqual([ps.sessionId]);
      const qSignals = await signalsOf(apiB, q, qs.sessionId);
      const pSignals = await signalsOf(apiA, p, ps.sessionId);

      const offer = JSON.stringify({ type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' });
      expect(await on(apiA, p).ok(SEND_SIGNAL, { from: ps.sessionId, to: qs.sessionId, t: 'OFFER', p: offer })).toEqual({
        sendVoiceSignal: true,
      });
      const [got] = await qSignals.waitFor(1);
      expect(got!.voiceSignals).toEqual({ fromSessionId: ps.sessionId, fromUser: { id: p.id }, type: 'OFFER', payload: offer });

      const answer = JSON.stringify({ type: 'answer', sdp: 'v=0\r\n' });
      const candidate = JSON.stringify({
        candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 54321 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
      });
      await on(apiB, q).ok(SEND_SIGNAL, { from: qs.sessionId, to: ps.sessionId, t: 'ANSWER', p: answer });
      await on(apiB, q).ok(SEND_SIGNAL, { from: qs.sessionId, to: ps.sessionId, t: 'ICE_CANDIDATE', p: candidate });
      const back = await pSignals.waitFor(2);
      expect(back.map((e) => e.voiceSignals)).toEqual([
        { fromSessionId: qs.sessionId, fromUser: { id: q.id }, type: 'ANSWER', payload: answer },
        { fromSessionId: qs.sessionId, fromUser: { id: q.id }, type: 'ICE_CANDIDATE', payload: candidate },
      ]);
      // Nobody receives their own signals.
      expect(qSignals.events).toHaveLength(1);
    });

    it('refuses other channels, other people’s sessions and bad payloads, and delivers nothing for them', async () => {
      const { owner, members, serverId, voiceId } = await world(4);
      const [p, q, t, r] = members as [TestUser, TestUser, TestUser, TestUser];
      const elsewhere = await voiceChannel(owner, serverId, { name: 'elsewhere' });
      const ps = await join(on(apiA, p), voiceId);
      const qs = await join(on(apiB, q), voiceId);
      const ts = await join(on(apiA, t), voiceId);
      const rs = await join(on(apiB, r), elsewhere);
      const rSignals = await signalsOf(apiA, r, rs.sessionId);
      const tSignals = await signalsOf(apiB, t, ts.sessionId);
      const ok = JSON.stringify({ candidate: '' });

      // To a session in another channel.
      expect((await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: rs.sessionId, t: 'OFFER', p: ok })).code).toBe('NOT_FOUND');
      // From someone else's session (q poses as p).
      expect((await on(apiB, q).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: ts.sessionId, t: 'OFFER', p: ok })).code).toBe('NOT_FOUND');
      // To oneself, to an unknown session, from a non-session.
      expect((await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: ps.sessionId, t: 'OFFER', p: ok })).code).toBe('NOT_FOUND');
      expect((await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: '999999999999999', t: 'OFFER', p: ok })).code).toBe(
        'NOT_FOUND',
      );
      expect((await on(apiA, p).errorOf(SEND_SIGNAL, { from: 'nope', to: ts.sessionId, t: 'OFFER', p: ok })).code).toBe('NOT_FOUND');
      // Payloads: over 64 KiB, or not JSON.
      const atLimit = JSON.stringify('x'.repeat(64 * 1024 - 2));
      expect(Buffer.byteLength(atLimit)).toBe(64 * 1024);
      const overLimit = JSON.stringify('x'.repeat(64 * 1024 - 1));
      expectBadInput(await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: ts.sessionId, t: 'OFFER', p: overLimit }), 'payload');
      expectBadInput(
        await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: ts.sessionId, t: 'OFFER', p: '{"sdp": ' }),
        'payload',
      );
      expectBadInput(await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: ts.sessionId, t: 'OFFER', p: 'v=0' }), 'payload');

      // The first thing t and r receive is the valid signal sent afterwards: none of the refused ones got through.
      await on(apiA, p).ok(SEND_SIGNAL, { from: ps.sessionId, to: ts.sessionId, t: 'OFFER', p: atLimit });
      const [toT] = await tSignals.waitFor(1);
      expect(toT!.voiceSignals).toEqual({ fromSessionId: ps.sessionId, fromUser: { id: p.id }, type: 'OFFER', payload: atLimit });
      const rPeer = await signUp(apiA, 'vpeer');
      await joinServer(rPeer, serverId);
      const rPeerSession = await join(on(apiA, rPeer), elsewhere);
      await on(apiA, rPeer).ok(SEND_SIGNAL, { from: rPeerSession.sessionId, to: rs.sessionId, t: 'OFFER', p: ok });
      const [toR] = await rSignals.waitFor(1);
      expect(toR!.voiceSignals.fromSessionId).toBe(rPeerSession.sessionId);
      await sleep(200);
      expect(tSignals.events).toHaveLength(1);
      expect(rSignals.events).toHaveLength(1);

      // A session that ended cannot be signalled.
      await on(apiB, q).ok(LEAVE_VOICE, { id: qs.sessionId });
      expect((await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: qs.sessionId, t: 'OFFER', p: ok })).code).toBe('NOT_FOUND');
      expect((await on(apiB, q).errorOf(SEND_SIGNAL, { from: qs.sessionId, to: ps.sessionId, t: 'OFFER', p: ok })).code).toBe('NOT_FOUND');
    });

    it("refuses to subscribe to someone else's session", async () => {
      const { members, voiceId } = await world(2);
      const [p, q] = members as [TestUser, TestUser];
      const ps = await join(on(apiA, p), voiceId);
      await join(on(apiB, q), voiceId);
      const spy = subscribe<{ voiceSignals: SignalShape }>(socket(apiB, q), VOICE_SIGNALS, { id: ps.sessionId });
      subscriptions.push(spy as Subscription<unknown>);
      await spy.waitForEnd();
      expect(spy.events).toEqual([]);
      expect(JSON.stringify(spy.errors)).toContain('NOT_FOUND');

      const unknown = subscribe<{ voiceSignals: SignalShape }>(socket(apiA, p), VOICE_SIGNALS, { id: '999999999999999' });
      subscriptions.push(unknown as Subscription<unknown>);
      await unknown.waitForEnd();
      expect(JSON.stringify(unknown.errors)).toContain('NOT_FOUND');
    });

    it('a voiceSignals subscription opened just as its session ends still ends (never hangs)', async () => {
      const { members, voiceId } = await world(1);
      const [user] = members as [TestUser];
      const client = socket(apiB, user);
      const hung: number[] = [];
      // Subscribe (on B) and leave (on A) at nearly the same moment, at varying offsets, many times: whichever
      // comes first, the subscription must be refused or complete. The unlucky interleaving is rare (a few
      // rounds in a hundred), hence the number of rounds.
      for (let round = 0; round < 150; round += 1) {
        const { sessionId } = await join(on(apiA, user), voiceId);
        const sub = subscribe<{ voiceSignals: SignalShape }>(client, VOICE_SIGNALS, { id: sessionId });
        subscriptions.push(sub as Subscription<unknown>);
        await sleep((round * 7) % 11);
        await on(apiA, user).ok(LEAVE_VOICE, { id: sessionId });
        try {
          await sub.waitForEnd(2000);
        } catch {
          hung.push(round);
          sub.stop();
          continue;
        }
        if (sub.errors.length) expect(JSON.stringify(sub.errors)).toContain('NOT_FOUND');
        expect(sub.events).toEqual([]);
      }
      expect(hung).toEqual([]);
    });
  });

  describe('updateVoiceState', () => {
    it('changes selfMute/selfDeaf of the caller’s own session only, field by field, and publishes it', async () => {
      const { owner, members, serverId, voiceId } = await world(2);
      const [p, q] = members as [TestUser, TestUser];
      const watch = await watchVoice(apiA, owner, serverId);
      const ps = await join(on(apiA, p), voiceId);
      await join(on(apiB, q), voiceId);

      const muted = await on(apiB, p).ok<{ updateVoiceState: VoiceStateShape }>(UPDATE_STATE, { id: ps.sessionId, m: true });
      expect(muted.updateVoiceState).toMatchObject({
        sessionId: ps.sessionId,
        user: { id: p.id },
        channel: { id: voiceId },
        selfMute: true,
        selfDeaf: false,
        serverMute: false,
      });
      await watch.waitFor((u) => u.sessionId === ps.sessionId && u.state?.selfMute === true, 'the self-mute');

      const deaf = await on(apiA, p).ok<{ updateVoiceState: VoiceStateShape }>(UPDATE_STATE, { id: ps.sessionId, d: true });
      expect(deaf.updateVoiceState).toMatchObject({ selfMute: true, selfDeaf: true });
      await watch.waitFor((u) => u.sessionId === ps.sessionId && u.state?.selfDeaf === true && u.state.selfMute, 'the self-deafen');

      expect((await on(apiB, q).errorOf(UPDATE_STATE, { id: ps.sessionId, m: false, d: false })).code).toBe('NOT_FOUND');
      expect((await on(apiB, owner).errorOf(UPDATE_STATE, { id: ps.sessionId, m: false })).code).toBe('NOT_FOUND');
      expect((await on(apiA, p).errorOf(UPDATE_STATE, { id: 'x', m: false })).code).toBe('NOT_FOUND');
      expect((await statesIn(owner.client, voiceId)).find((s) => s.sessionId === ps.sessionId)).toMatchObject({
        selfMute: true,
        selfDeaf: true,
      });

      const unmuted = await on(apiA, p).ok<{ updateVoiceState: VoiceStateShape }>(UPDATE_STATE, { id: ps.sessionId, m: false });
      expect(unmuted.updateVoiceState).toMatchObject({ selfMute: false, selfDeaf: true });
      expect((await statesIn(owner.client, voiceId)).find((s) => s.sessionId === ps.sessionId)).toMatchObject({
        selfMute: false,
        selfDeaf: true,
      });
    });
  });

  describe('moderateVoice', () => {
    it('a server mute or deafen belongs to the member: leaving and rejoining does not lift it, unmuting does', async () => {
      const { owner, members, serverId, voiceId } = await world(1);
      const [target] = members as [TestUser];
      const first = await join(on(apiA, target), voiceId);
      await on(apiB, owner).ok(MODERATE, { s: serverId, u: target.id, m: true, d: true });
      await on(apiA, target).ok(LEAVE_VOICE, { id: first.sessionId });
      const second = await join(on(apiB, target), voiceId);
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ sessionId: second.sessionId, serverMute: true, serverDeaf: true }]);
      await on(apiA, owner).ok(MODERATE, { s: serverId, u: target.id, m: false, d: false });
      await on(apiB, target).ok(LEAVE_VOICE, { id: second.sessionId });
      const third = await join(on(apiA, target), voiceId);
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ sessionId: third.sessionId, serverMute: false, serverDeaf: false }]);
    });

    it('checks MUTE_MEMBERS, DEAFEN_MEMBERS and MOVE_MEMBERS per action, and audits and publishes each', async () => {
      const { owner, members, serverId, voiceId } = await world(5);
      const [muter, deafener, mover, plain, target] = members as [TestUser, TestUser, TestUser, TestUser, TestUser];
      const roles = await Promise.all([
        createRole(owner, serverId, { name: 'Muter', permissions: ['MUTE_MEMBERS'] }),
        createRole(owner, serverId, { name: 'Deafener', permissions: ['DEAFEN_MEMBERS'] }),
        createRole(owner, serverId, { name: 'Mover', permissions: ['MOVE_MEMBERS'] }),
      ]);
      await assignRole(owner, serverId, muter.id, roles[0].id);
      await assignRole(owner, serverId, deafener.id, roles[1].id);
      await assignRole(owner, serverId, mover.id, roles[2].id);
      const other = await voiceChannel(owner, serverId, { name: 'other' });
      const watch = await watchVoice(apiB, owner, serverId);
      const session = await join(on(apiA, target), voiceId);
      const signals = await signalsOf(apiA, target, session.sessionId);
      const m = (actor: TestUser, vars: Record<string, unknown>) =>
        on(actor === mover || actor === plain ? apiB : apiA, actor).errorOf(MODERATE, { s: serverId, u: target.id, ...vars });

      expectForbidden(await m(plain, { m: true }), 'MUTE_MEMBERS');
      expectForbidden(await m(deafener, { m: true }), 'MUTE_MEMBERS');
      expectForbidden(await m(mover, { m: true }), 'MUTE_MEMBERS');
      expectForbidden(await m(plain, { d: true }), 'DEAFEN_MEMBERS');
      expectForbidden(await m(muter, { d: true }), 'DEAFEN_MEMBERS');
      expectForbidden(await m(muter, { m: true, d: true }), 'DEAFEN_MEMBERS');
      expectForbidden(await m(muter, { x: true }), 'MOVE_MEMBERS');
      expectForbidden(await m(deafener, { x: true }), 'MOVE_MEMBERS');
      expectForbidden(await m(muter, { to: other }), 'MOVE_MEMBERS');
      expectForbidden(await m(plain, { to: other }), 'MOVE_MEMBERS');
      // Nothing changed, nothing was audited.
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ sessionId: session.sessionId, serverMute: false, serverDeaf: false }]);
      expect((await auditLog(owner, serverId)).filter((e) => e.action.startsWith('VOICE_'))).toEqual([]);

      // Server mute.
      expect(await on(apiA, muter).ok(MODERATE, { s: serverId, u: target.id, m: true })).toEqual({ moderateVoice: true });
      await watch.waitFor((u) => u.sessionId === session.sessionId && u.state?.serverMute === true, 'the server mute');
      // The member's own unmute does not undo it.
      await on(apiA, target).ok(UPDATE_STATE, { id: session.sessionId, m: false });
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ sessionId: session.sessionId, serverMute: true, selfMute: false }]);

      // Server deafen.
      expect(await on(apiB, deafener).ok(MODERATE, { s: serverId, u: target.id, d: true })).toEqual({ moderateVoice: true });
      await watch.waitFor(
        (u) => u.sessionId === session.sessionId && u.state?.serverDeaf === true && u.state.serverMute,
        'the server deafen',
      );

      // Move: the old session ends, a new one in the destination keeps the server mute and deafen.
      expect(await on(apiB, mover).ok(MODERATE, { s: serverId, u: target.id, to: other })).toEqual({ moderateVoice: true });
      expect(await watch.ended(session.sessionId)).toEqual({
        channelId: voiceId,
        userId: target.id,
        sessionId: session.sessionId,
        state: null,
      });
      await expectCompleted(signals as Subscription<unknown>);
      const moved = await watch.waitFor((u) => u.userId === target.id && u.channelId === other && u.state !== null, 'the moved session');
      expect(moved.sessionId).not.toBe(session.sessionId);
      expect(moved.state).toMatchObject({ user: { id: target.id }, channel: { id: other }, serverMute: true, serverDeaf: true });
      expect(await sessionIdsIn(owner.client, voiceId)).toEqual([]);
      expect(await sessionIdsIn(owner.client, other)).toEqual([moved.sessionId]);

      // Disconnect.
      const movedSignals = await signalsOf(apiB, target, moved.sessionId);
      expect(await on(apiA, mover).ok(MODERATE, { s: serverId, u: target.id, x: true })).toEqual({ moderateVoice: true });
      expect(await watch.ended(moved.sessionId)).toEqual({ channelId: other, userId: target.id, sessionId: moved.sessionId, state: null });
      await expectCompleted(movedSignals as Subscription<unknown>);
      expect(await sessionIdsIn(owner.client, other)).toEqual([]);
      // Nobody left to moderate.
      expect((await on(apiA, muter).errorOf(MODERATE, { s: serverId, u: target.id, m: false })).code).toBe('NOT_FOUND');

      const entries = (await auditLog(owner, serverId)).filter((e) => e.action.startsWith('VOICE_')).reverse();
      expect(entries.map((e) => [e.action, e.actor?.id, e.targetId])).toEqual([
        ['VOICE_MUTE', muter.id, target.id],
        ['VOICE_DEAFEN', deafener.id, target.id],
        ['VOICE_MOVE', mover.id, target.id],
        ['VOICE_DISCONNECT', mover.id, target.id],
      ]);
      expect(changesOf(entries[0]!)).toEqual({ serverMute: [false, true] });
      expect(changesOf(entries[1]!)).toEqual({ serverDeaf: [false, true] });
      expect(changesOf(entries[2]!)).toEqual({ channel: [voiceId, other] });
      expect(changesOf(entries[3]!)).toEqual({ channel: [other, null] });
    });

    it('moves only into a voice channel of the server that the member may join', async () => {
      const { owner, members, serverId, voiceId, textId } = await world(1);
      const [target] = members as [TestUser];
      const closed = await voiceChannel(owner, serverId, { name: 'closed' });
      await setOverwrite(owner.client, closed, 'MEMBER', target.id, [], ['JOIN_VOICE']);
      const session = await join(on(apiA, target), voiceId);
      expectBadInput(await owner.client.errorOf(MODERATE, { s: serverId, u: target.id, to: textId }), 'moveToChannelId');
      expectForbidden(await owner.client.errorOf(MODERATE, { s: serverId, u: target.id, to: closed }), 'JOIN_VOICE');
      const foreign = await world(0);
      expectBadInput(await owner.client.errorOf(MODERATE, { s: serverId, u: target.id, to: foreign.voiceId }), 'moveToChannelId');
      // A refused move refuses the whole call: no mute or deafen applied without its audit entry.
      expectBadInput(await owner.client.errorOf(MODERATE, { s: serverId, u: target.id, m: true, d: true, to: textId }), 'moveToChannelId');
      expectForbidden(await owner.client.errorOf(MODERATE, { s: serverId, u: target.id, m: true, to: closed }), 'JOIN_VOICE');
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ sessionId: session.sessionId, serverMute: false, serverDeaf: false }]);
      expect(await sessionIdsIn(owner.client, voiceId)).toEqual([session.sessionId]);
      expect((await auditLog(owner, serverId)).filter((e) => e.action.startsWith('VOICE_'))).toEqual([]);
    });

    it('mutes and moves in one call: the member arrives muted, and both are audited', async () => {
      const { owner, members, serverId, voiceId } = await world(1);
      const [target] = members as [TestUser];
      const other = await voiceChannel(owner, serverId, { name: 'other' });
      const session = await join(on(apiA, target), voiceId);
      expect(await on(apiB, owner).ok(MODERATE, { s: serverId, u: target.id, m: true, d: true, to: other })).toEqual({
        moderateVoice: true,
      });
      expect(await sessionIdsIn(owner.client, voiceId)).toEqual([]);
      const [moved] = await statesIn(owner.client, other);
      expect(moved).toMatchObject({ user: { id: target.id }, serverMute: true, serverDeaf: true });
      expect(moved!.sessionId).not.toBe(session.sessionId);
      const actions = (await auditLog(owner, serverId)).filter((e) => e.action.startsWith('VOICE_')).map((e) => e.action);
      expect(actions.sort()).toEqual(['VOICE_DEAFEN', 'VOICE_MOVE', 'VOICE_MUTE']);
    });

    it('server-mutes a member moved into a channel where they may not SPEAK', async () => {
      const { owner, members, serverId, voiceId, everyoneId } = await world(1);
      const [target] = members as [TestUser];
      const hushed = await voiceChannel(owner, serverId, { name: 'hushed' });
      await setOverwrite(owner.client, hushed, 'ROLE', everyoneId, [], ['SPEAK']);
      const session = await join(on(apiA, target), voiceId);
      expect(session.participants).toEqual([]);
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ sessionId: session.sessionId, serverMute: false }]);

      await on(apiB, owner).ok(MODERATE, { s: serverId, u: target.id, to: hushed });
      // Joining there by itself would start server-muted; being moved there must not be a way around that.
      expect(await statesIn(owner.client, hushed)).toMatchObject([{ user: { id: target.id }, serverMute: true }]);
    });
  });

  describe('sessions end', () => {
    /** `user` in the server's voice channel (joined on A) with a live voiceSignals subscription (on B), and the owner watching (on A). */
    async function inVoice(w: Awaited<ReturnType<typeof world>>, user: TestUser, channelId = w.voiceId) {
      const watch = await watchVoice(apiA, w.owner, w.serverId);
      const session = await join(on(apiA, user), channelId);
      const signals = await signalsOf(apiB, user, session.sessionId);
      return { watch, session, signals: signals as Subscription<unknown> };
    }

    async function expectEnded(
      w: Awaited<ReturnType<typeof world>>,
      v: Awaited<ReturnType<typeof inVoice>>,
      user: TestUser,
      channelId = w.voiceId,
    ): Promise<void> {
      expect(await v.watch.ended(v.session.sessionId)).toEqual({ channelId, userId: user.id, sessionId: v.session.sessionId, state: null });
      await expectCompleted(v.signals);
      expect(await sessionIdsIn(on(apiB, w.owner), channelId)).not.toContain(v.session.sessionId);
    }

    /** A bystander's session that must survive whatever ends the other one. */
    async function bystander(w: Awaited<ReturnType<typeof world>>, user: TestUser, channelId = w.voiceId) {
      const session = await join(on(apiB, user), channelId);
      return async () => expect(await sessionIdsIn(on(apiA, w.owner), channelId)).toEqual([session.sessionId]);
    }

    it('on leaveVoice (own session only)', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      const v = await inVoice(w, user);
      const stays = await bystander(w, other);
      expect((await on(apiA, other).errorOf(LEAVE_VOICE, { id: v.session.sessionId })).code).toBe('NOT_FOUND');
      expect((await on(apiA, w.owner).errorOf(LEAVE_VOICE, { id: v.session.sessionId })).code).toBe('NOT_FOUND');
      expect(await sessionIdsIn(w.owner.client, w.voiceId)).toContain(v.session.sessionId);

      expect(await on(apiB, user).ok(LEAVE_VOICE, { id: v.session.sessionId })).toEqual({ leaveVoice: true });
      await expectEnded(w, v, user);
      await stays();
      expect((await on(apiB, user).errorOf(LEAVE_VOICE, { id: v.session.sessionId })).code).toBe('NOT_FOUND');
    });

    it('on kick', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      const v = await inVoice(w, user);
      const stays = await bystander(w, other);
      await on(apiB, w.owner).ok('mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }', { s: w.serverId, u: user.id });
      await expectEnded(w, v, user);
      await stays();
    });

    it('on ban', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      const v = await inVoice(w, user);
      const stays = await bystander(w, other);
      await on(apiB, w.owner).ok('mutation($s: ID!, $u: ID!) { banMember(serverId: $s, userId: $u) }', { s: w.serverId, u: user.id });
      await expectEnded(w, v, user);
      await stays();
      expect((await on(apiA, user).errorOf(JOIN_VOICE, { c: w.voiceId })).code).toBe('NOT_FOUND');
    });

    it('on a member overwrite denying JOIN_VOICE', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      const v = await inVoice(w, user);
      const stays = await bystander(w, other);
      await setOverwrite(on(apiB, w.owner), w.voiceId, 'MEMBER', user.id, [], ['JOIN_VOICE']);
      await expectEnded(w, v, user);
      await stays();
      expectForbidden(await on(apiB, user).errorOf(JOIN_VOICE, { c: w.voiceId }), 'JOIN_VOICE');
    });

    it('on removing the role that granted JOIN_VOICE', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      await w.owner.client.ok('mutation($r: ID!, $i: RoleInput!) { updateRole(roleId: $r, input: $i) { id } }', {
        r: w.everyoneId,
        i: { permissions: ['VIEW_CHANNEL', 'SEND_MESSAGES', 'READ_MESSAGE_HISTORY', 'SPEAK'] },
      });
      const voiceRole = await createRole(w.owner, w.serverId, { name: 'Voice', permissions: ['JOIN_VOICE'] });
      await assignRole(w.owner, w.serverId, user.id, voiceRole.id);
      await assignRole(w.owner, w.serverId, other.id, voiceRole.id);
      const v = await inVoice(w, user);
      const stays = await bystander(w, other);
      await on(apiB, w.owner).ok(
        'mutation($s: ID!, $u: ID!, $r: ID!) { removeRole(serverId: $s, userId: $u, roleId: $r) { user { id } } }',
        { s: w.serverId, u: user.id, r: voiceRole.id },
      );
      await expectEnded(w, v, user);
      await stays();
      expectForbidden(await on(apiA, user).errorOf(JOIN_VOICE, { c: w.voiceId }), 'JOIN_VOICE');
    });

    it('on a timeout', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      const v = await inVoice(w, user);
      const stays = await bystander(w, other);
      await on(apiB, w.owner).ok('mutation($s: ID!, $u: ID!) { timeoutMember(serverId: $s, userId: $u, seconds: 600) { user { id } } }', {
        s: w.serverId,
        u: user.id,
      });
      await expectEnded(w, v, user);
      await stays();
      // And rejoining while timed out says when the timeout ends, as sending a message does.
      const refused = await on(apiA, user).errorOf(JOIN_VOICE, { c: v.session.channel.id });
      expect(refused.code).toBe('TIMED_OUT');
      expect(typeof refused.extensions.until).toBe('string');
    });

    it('on channel deletion (every session in it, and only those)', async () => {
      const w = await world(3);
      const [user, second, other] = w.members as [TestUser, TestUser, TestUser];
      const doomed = await voiceChannel(w.owner, w.serverId, { name: 'doomed' });
      const v = await inVoice(w, user, doomed);
      const secondSession = await join(on(apiB, second), doomed);
      const secondSignals = await signalsOf(apiA, second, secondSession.sessionId);
      const stays = await bystander(w, other);
      await on(apiB, w.owner).ok('mutation($c: ID!) { deleteChannel(id: $c) }', { c: doomed });
      expect(await v.watch.ended(v.session.sessionId)).toEqual({
        channelId: doomed,
        userId: user.id,
        sessionId: v.session.sessionId,
        state: null,
      });
      expect(await v.watch.ended(secondSession.sessionId)).toEqual({
        channelId: doomed,
        userId: second.id,
        sessionId: secondSession.sessionId,
        state: null,
      });
      await expectCompleted(v.signals);
      await expectCompleted(secondSignals as Subscription<unknown>);
      await stays();
      // The sessions are gone for signalling too.
      expect((await on(apiA, user).errorOf(LEAVE_VOICE, { id: v.session.sessionId })).code).toBe('NOT_FOUND');
    });

    it('on presence timeout (every server)', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      const w2 = await world(0);
      await joinServer(user, w2.serverId);
      // The user has no socket (that would keep them online): the session is joined over HTTP.
      const watch = await watchVoice(apiA, w.owner, w.serverId);
      const watch2 = await watchVoice(apiB, w2.owner, w2.serverId);
      const session = await join(on(apiA, user), w.voiceId);
      const session2 = await join(on(apiB, user), w2.voiceId);
      const stays = await bystander(w, other);
      // What a voiceSignals subscription of this session would receive, listened to on the other instance.
      const onTopic: unknown[] = [];
      const stop = await apiB.services.bus.listen(Topic.voiceSignals(session.sessionId), (payload) => onTopic.push(payload));
      try {
        await apiA.services.presence.beat(user.id, 'test-device', 300);
        await sleep(400);
        expect(await apiA.services.presence.expire(user.id)).toBe('offline');
        expect(await watch.ended(session.sessionId)).toEqual({
          channelId: w.voiceId,
          userId: user.id,
          sessionId: session.sessionId,
          state: null,
        });
        expect(await watch2.ended(session2.sessionId)).toEqual({
          channelId: w2.voiceId,
          userId: user.id,
          sessionId: session2.sessionId,
          state: null,
        });
        await eventually(() => onTopic.find((p) => (p as { type?: string }).type === 'END'), 'END on the session signal topic');
        expect(await sessionIdsIn(on(apiB, w.owner), w.voiceId)).not.toContain(session.sessionId);
        expect(await sessionIdsIn(on(apiA, w2.owner), w2.voiceId)).toEqual([]);
        await stays();
      } finally {
        stop();
      }
    });
  });
});
