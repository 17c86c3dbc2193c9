import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { liveSubscriptions } from '../src/realtime/channel-rooms.js';
import { eventually, expectNullOrNotFound, joinServer, sql, until } from './fixtures.js';
import { createServer, GqlClient, signUp, startTestApi, uniquePrefix, type TestUser } from './harness.js';
import { assertWorkersBuilt, startApiProcess, startWorkers, stopAllWorkers, type WorkerProcess } from './processes.js';
import { recordServerEvents, type ServerEventLog } from './server-events.js';
import { subscribe, wsClient } from './ws-client.js';

const KICK = 'mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }';
const CHANNEL = 'query($c: ID!) { channel(id: $c) { id } }';
const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const EDIT = 'mutation($m: ID!, $t: String!) { editMessage(messageId: $m, content: $t) { id } }';
const DELETE = 'mutation($m: ID!) { deleteMessage(messageId: $m) }';
const SET_PRESENCE = 'mutation { setPresence(status: DND) { id } }';
const CHANNEL_EVENTS = `subscription($c: ID!) { channelEvents(channelId: $c) { __typename
  ... on MessageCreated { message { id } } ... on MessageUpdated { message { id content } } ... on MessageDeleted { messageId } } }`;

/** Sends `query` through an API process that kills itself right after the commit: no answer comes. */
async function crashAfterCommit(prefix: string, user: TestUser, query: string, variables: Record<string, unknown> = {}) {
  const doomed: WorkerProcess = await startApiProcess(prefix, { RASHIGO_FAILPOINTS: 'outbox-committed' });
  const answer = await new GqlClient(`http://127.0.0.1:${doomed.port}/graphql`, `Bearer ${user.token}`)
    .request(query, variables)
    .catch(() => null);
  expect(answer).toBeNull();
  expect((await doomed.exited).signal).toBe('SIGKILL');
}

interface OutboxWorld {
  prefix: string;
  api: RunningApi;
  owner: TestUser;
  member: TestUser;
  serverId: string;
  channelId: string;
  observer: Client;
  log: ServerEventLog;
}

/**
 * For one describe block: an API in this process on a key prefix of its own (the doomed processes and
 * the workers join it), a server with an owner and a member, and the owner's log of server events.
 */
function outboxWorld(name: string): OutboxWorld {
  const world = { prefix: uniquePrefix() } as OutboxWorld;
  beforeAll(async () => {
    assertWorkersBuilt();
    world.api = await startTestApi({}, world.prefix);
    world.owner = await signUp(world.api, `${name}owner`);
    world.member = await signUp(world.api, `${name}member`);
    const server = await createServer(world.owner);
    world.serverId = server.id;
    world.channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    await joinServer(world.member, world.serverId);
    world.observer = wsClient(world.api.url, world.owner.token);
    world.log = await recordServerEvents(world.observer, world.serverId);
  });
  afterAll(async () => {
    world.log?.stop();
    await world.observer?.dispose();
    await Promise.all([world.api?.close(), stopAllWorkers()]);
  });
  return world;
}

// A real second API process, started with a crash point right after an action's commit and before
// its side effects (the outbox row) are performed: a kill -9 there loses them unless they are retried.
describe('kill -9 of an API process between committing a kick and announcing it (a real API process, then workers)', () => {
  const w = outboxWorld('outbox');

  it('the sweep revokes the kicked member’s access everywhere and announces MemberLeft exactly once', async () => {
    const { prefix, api, owner, member, serverId, channelId, log } = w;
    // The member's access is cached on the surviving process.
    expect((await member.client.ok(CHANNEL, { c: channelId })).channel).toEqual({ id: channelId });
    await crashAfterCommit(prefix, owner, KICK, { s: serverId, u: member.id });

    // Committed, not announced: the membership is gone, its side effects wait in the outbox, and the
    // surviving process, told nothing, still serves the member's cached access.
    expect(await sql(api, 'select 1 from members where server_id = ? and user_id = ?', [serverId, member.id])).toEqual([]);
    const pending = () =>
      sql(api, `select id from outbox where effects @> ?::jsonb`, [
        JSON.stringify([{ kind: 'server-event', event: { type: 'MemberLeft', userId: member.id } }]),
      ]);
    expect(await pending()).toHaveLength(1);
    expect((await member.client.ok(CHANNEL, { c: channelId })).channel).toEqual({ id: channelId });
    expect(log.about('MemberLeft', member.id)).toEqual([]);

    await startWorkers(prefix, { SWEEP_EVERY_SECONDS: '1' });
    await log.waitFor((e) => e.type === 'MemberLeft' && e.userId === member.id, 15_000, 'MemberLeft');
    await until(async () => (await pending()).length === 0, 'the outbox row to be performed');
    await eventually(async () => expectNullOrNotFound(await member.client.request(CHANNEL, { c: channelId }), 'channel'), 5000);
    // The row is gone, so no later sweep performs it again; a later event shows nothing else was in flight.
    await owner.client.ok('mutation($s: ID!, $u: ID!) { setNickname(serverId: $s, userId: $u, nickname: "after") { nickname } }', {
      s: serverId,
      u: owner.id,
    });
    await log.waitFor((e) => e.type === 'MemberUpdated' && e.userId === owner.id, 10_000, 'the rename');
    expect(log.about('MemberLeft', member.id)).toHaveLength(1);
  });
});

describe('kill -9 of an API process between committing a message deletion, an edit or a chosen status and announcing it', () => {
  const w = outboxWorld('crash');

  it('the sweep announces each once: MessageDeleted, MessageUpdated with the new content, PresenceUpdated (and Redis gets the status)', async () => {
    const { prefix, api, owner, member, channelId, observer, log } = w;
    const deleted = (await owner.client.ok(SEND, { c: channelId, t: 'doomed' })).sendMessage.id as string;
    const edited = (await owner.client.ok(SEND, { c: channelId, t: 'before' })).sendMessage.id as string;
    await member.client.ok('mutation { heartbeat }');
    await log.waitFor((e) => e.type === 'PresenceUpdated' && e.userId === member.id && e.presence === 'ONLINE', 5000, 'ONLINE');
    const base = liveSubscriptions(api.services);
    const events = subscribe(observer, CHANNEL_EVENTS, { c: channelId });
    await until(() => liveSubscriptions(api.services) > base, 'the channel subscription');

    await Promise.all([
      crashAfterCommit(prefix, owner, DELETE, { m: deleted }),
      crashAfterCommit(prefix, owner, EDIT, { m: edited, t: 'after' }),
      crashAfterCommit(prefix, member, SET_PRESENCE),
    ]);

    // Committed, not announced: Postgres has all three, Redis still the old status, clients nothing.
    expect(await sql(api, 'select id, content from messages where id in (?, ?)', [deleted, edited])).toEqual([
      { id: edited, content: 'after' },
    ]);
    expect(await sql(api, 'select chosen_status from users where id = ?', [member.id])).toEqual([{ chosen_status: 'DND' }]);
    expect(await api.services.redis.get(api.services.keys.presenceStatus(member.id))).toBe('ONLINE');
    // Only this test's rows: the database's outbox is shared with the other test files running meanwhile.
    const owed = () =>
      sql(api, 'select id from outbox where effects @> ?::jsonb or effects @> ?::jsonb or effects @> ?::jsonb', [
        JSON.stringify([{ kind: 'channel-event', event: { type: 'MessageDeleted', messageId: deleted } }]),
        JSON.stringify([{ kind: 'message-updated', messageId: edited }]),
        JSON.stringify([{ kind: 'presence-chosen', userId: member.id }]),
      ]);
    expect(await owed()).toHaveLength(3);
    const fence = (await owner.client.ok(SEND, { c: channelId, t: 'fence' })).sendMessage.id as string;
    await until(() => events.events.some((e) => e.channelEvents.message?.id === fence), 'the fence');
    expect(events.events.map((e) => e.channelEvents.__typename)).toEqual(['MessageCreated']);
    expect(log.about('PresenceUpdated', member.id).map((e) => e.presence)).toEqual(['ONLINE']);

    await startWorkers(prefix, { SWEEP_EVERY_SECONDS: '1' });
    await log.waitFor((e) => e.type === 'PresenceUpdated' && e.userId === member.id && e.presence === 'DND', 15_000, 'DND');
    await until(async () => (await owed()).length === 0, 'the outbox rows to be performed');
    expect(await api.services.redis.get(api.services.keys.presenceStatus(member.id))).toBe('DND');
    // Performed rows are gone, so no later sweep repeats them: a second fence shows nothing else was in flight.
    const after = (await owner.client.ok(SEND, { c: channelId, t: 'after the sweep' })).sendMessage.id as string;
    await until(() => events.events.some((e) => e.channelEvents.message?.id === after), 'the second fence');
    const announced = events.events.map((e) => e.channelEvents).filter((e) => e.__typename !== 'MessageCreated');
    expect(announced).toHaveLength(2);
    expect(announced).toEqual(
      expect.arrayContaining([
        { __typename: 'MessageDeleted', messageId: deleted },
        { __typename: 'MessageUpdated', message: { id: edited, content: 'after' } },
      ]),
    );
    expect(log.about('PresenceUpdated', member.id).map((e) => e.presence)).toEqual(['ONLINE', 'DND']);
  }, 90_000);
});
