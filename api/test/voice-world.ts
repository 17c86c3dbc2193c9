import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, expect } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { joinServer, until } from './fixtures.js';
import { createServer, GqlClient, signUp, startTestApi, uniquePrefix, type TestUser } from './harness.js';
import { settle, subscribe, wsClient, type Subscription } from './ws-client.js';

export const ICE = {
  STUN_URLS: 'stun:stun.example.test:3478',
  TURN_URLS: 'turn:turn.example.test:3478',
  TURN_SECRET: 's3cret',
  TURN_CREDENTIAL_TTL_SECONDS: '3600',
};

const STATE = 'sessionId user { id } channel { id } selfMute selfDeaf serverMute serverDeaf joinedAt';
export const JOIN_VOICE = `mutation($c: ID!, $m: Boolean, $d: Boolean) { joinVoice(channelId: $c, selfMute: $m, selfDeaf: $d) {
  sessionId channel { id type } iceServers { urls username credential } participants { ${STATE} } } }`;
export const LEAVE_VOICE = 'mutation($id: ID!) { leaveVoice(sessionId: $id) }';
export const UPDATE_STATE = `mutation($id: ID!, $m: Boolean, $d: Boolean) { updateVoiceState(sessionId: $id, selfMute: $m, selfDeaf: $d) { ${STATE} } }`;
export const SEND_SIGNAL =
  'mutation($from: ID!, $to: ID!, $t: VoiceSignalType!, $p: String!) { sendVoiceSignal(sessionId: $from, toSessionId: $to, type: $t, payload: $p) }';
export const MODERATE = `mutation($s: ID!, $u: ID!, $m: Boolean, $d: Boolean, $x: Boolean, $to: ID) {
  moderateVoice(serverId: $s, userId: $u, serverMute: $m, serverDeaf: $d, disconnect: $x, moveToChannelId: $to) }`;
export const ICE_SERVERS = 'query { iceServers { urls username credential } }';
const VOICE_STATES = `query($c: ID!) { channel(id: $c) { voiceStates { ${STATE} } } }`;
const SERVER_EVENTS = `subscription($s: ID!) { serverEvents(serverId: $s) {
  __typename ... on VoiceStateUpdated { channelId userId sessionId state { ${STATE} } movedToSessionId } } }`;
export const VOICE_SIGNALS = 'subscription($id: ID!) { voiceSignals(sessionId: $id) { fromSessionId fromUser { id } type payload } }';
const CREATE_CHANNEL = 'mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }';
const SET_OVERWRITE = 'mutation($c: ID!, $i: OverwriteInput!) { setChannelOverwrite(channelId: $c, input: $i) { id } }';

export interface VoiceStateShape {
  sessionId: string;
  user: { id: string };
  channel: { id: string };
  selfMute: boolean;
  selfDeaf: boolean;
  serverMute: boolean;
  serverDeaf: boolean;
  joinedAt: string;
}
export interface IceServerShape {
  urls: string[];
  username: string | null;
  credential: string | null;
}
export interface VoiceSessionShape {
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
  movedToSessionId: string | null;
}
export interface SignalShape {
  fromSessionId: string;
  fromUser: { id: string };
  type: string;
  payload: string;
}

/** Waits for `find` to return something; fails at once if `sub` errored. */
export function found<T>(find: () => T | undefined, what: string, sub?: Subscription<unknown>): Promise<T> {
  const read = () => {
    if (sub?.errors.length) throw new Error(`${what}: the subscription failed: ${JSON.stringify(sub.errors)}`);
    return find();
  };
  return until(read, what, { done: (value) => value !== undefined }) as Promise<T>;
}

/** Two API instances on one Redis prefix and the helpers every voice test file shares; registers its own hooks. */
export function voiceWorld() {
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
        .map(({ channelId, userId, sessionId, state, movedToSessionId }) => ({ channelId, userId, sessionId, state, movedToSessionId }));
    return {
      sub,
      updates,
      waitFor: (match: (u: VoiceUpdate) => boolean, what: string) => found(() => updates().find(match), what, sub as Subscription<unknown>),
      ended: (sessionId: string) =>
        found(
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

  return {
    apis: () => ({ apiA, apiB }),
    subscriptions,
    on,
    socket,
    world,
    voiceChannel,
    setOverwrite,
    join,
    statesIn,
    sessionIdsIn,
    watchVoice,
    signalsOf,
    expectCompleted,
  };
}
