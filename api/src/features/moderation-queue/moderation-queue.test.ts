import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import type { RunningApi } from '../../app.js';
import { signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { expectBadInput, expectForbidden, rankedServer } from '../../../test/fixtures.js';
import { settle, subscribe, wsClient } from '../../../test/ws-client.js';

const ITEM = 'undo automatic entry { id action actor { id } targetId target { kind id name } reason changes }';
const QUEUE = `query($s: ID!) { moderationQueue(serverId: $s) { ${ITEM} } }`;
const ADDED = `subscription($s: ID!) { moderationQueueAdded(serverId: $s) { ${ITEM} } }`;
const AUDIT_ADDED = 'subscription($s: ID!) { auditLogAdded(serverId: $s) { action actor { id } targetId } }';
const TIMEOUT =
  'mutation($s: ID!, $u: ID!, $n: Int!, $r: String) { timeoutMember(serverId: $s, userId: $u, seconds: $n, reason: $r) { timedOutUntil } }';

interface Item {
  undo: string | null;
  automatic: boolean;
  entry: { id: string; action: string; actor: { id: string } | null; targetId: string; reason: string | null };
}

describe('moderation queue', () => {
  let api: RunningApi;
  let owner: TestUser;
  let world: Awaited<ReturnType<typeof rankedServer>>;
  const sockets: Client[] = [];
  const socket = (user: TestUser) => {
    const client = wsClient(api.url, user.token);
    sockets.push(client);
    return client;
  };

  beforeAll(async () => {
    api = await startTestApi();
    owner = await signUp(api, 'queueowner');
    world = await rankedServer(api, owner, ['MODERATE_MEMBERS', 'BAN_MEMBERS']);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await api?.close();
  });

  const queue = async (user: TestUser) => (await user.client.ok(QUEUE, { s: world.server.id })).moderationQueue as Item[];

  it('delivers a moderator’s timeout live, with its undo, and lists it', async () => {
    const live = subscribe<{ moderationQueueAdded: Item }>(socket(world.moderator), ADDED, { s: world.server.id });
    await settle();
    await world.moderator.client.ok(TIMEOUT, { s: world.server.id, u: world.subordinate.id, n: 600, r: 'spam' });
    const [event] = await live.waitFor(1);
    expect(event!.moderationQueueAdded).toMatchObject({
      undo: 'REMOVE_TIMEOUT',
      automatic: false,
      entry: {
        action: 'MEMBER_TIMEOUT',
        actor: { id: world.moderator.id },
        targetId: world.subordinate.id,
        target: { kind: 'USER', id: world.subordinate.id, name: world.subordinate.username },
        reason: 'spam',
      },
    });
    const [listed] = await queue(world.moderator);
    expect(listed).toMatchObject({ undo: 'REMOVE_TIMEOUT', entry: { id: event!.moderationQueueAdded.entry.id } });
    live.stop();
  });

  it('offers no undo once the timeout is lifted, and shows the lifting too', async () => {
    await world.moderator.client.ok(TIMEOUT, { s: world.server.id, u: world.subordinate.id, n: 0 });
    const items = await queue(world.moderator);
    expect(items.filter((i) => i.entry.targetId === world.subordinate.id).map((i) => i.undo)).toEqual([null, null]);
  });

  it('shows what the system does (rate-limit escalation) as automatic, wherever it was written', async () => {
    const live = subscribe<{ moderationQueueAdded: Item }>(socket(owner), ADDED, { s: world.server.id });
    const audit = subscribe<{ auditLogAdded: { action: string; actor: null } }>(socket(owner), AUDIT_ADDED, { s: world.server.id });
    await settle();
    // The escalation worker's own call: no actor.
    await api.services.moderation.applyTimeout(
      world.server.id,
      world.plain.id,
      new Date(Date.now() + 300_000),
      null,
      'rate limit: 3 refusals in 60 s',
    );
    const [event] = await live.waitFor(1);
    expect(event!.moderationQueueAdded).toMatchObject({
      automatic: true,
      undo: 'REMOVE_TIMEOUT',
      entry: { action: 'MEMBER_TIMEOUT', actor: null, targetId: world.plain.id },
    });
    const [entry] = await audit.waitFor(1);
    expect(entry!.auditLogAdded).toEqual({ action: 'MEMBER_TIMEOUT', actor: null, targetId: world.plain.id });
    live.stop();
    audit.stop();
  });

  it('offers unban for a ban until it is lifted', async () => {
    await world.moderator.client.ok('mutation($s: ID!, $u: ID!) { banMember(serverId: $s, userId: $u, reason: "raid") }', {
      s: world.server.id,
      u: world.subordinate.id,
    });
    // Banned, so no longer a member: still named.
    expect((await queue(world.moderator))[0]).toMatchObject({
      undo: 'UNBAN',
      entry: { action: 'MEMBER_BAN', reason: 'raid', target: { kind: 'USER', id: world.subordinate.id, name: world.subordinate.username } },
    });
    await world.moderator.client.ok('mutation($s: ID!, $u: ID!) { unbanMember(serverId: $s, userId: $u) }', {
      s: world.server.id,
      u: world.subordinate.id,
    });
    const items = await queue(world.moderator);
    expect(items[0]!.entry.action).toBe('MEMBER_UNBAN');
    expect(items.find((i) => i.entry.action === 'MEMBER_BAN')!.undo).toBeNull();
  });

  it('leaves other audit entries out of the queue but not out of auditLogAdded, filtered by action', async () => {
    const audit = subscribe<{ auditLogAdded: { action: string } }>(socket(owner), AUDIT_ADDED, { s: world.server.id });
    await settle();
    await owner.client.ok('mutation($s: ID!) { createRole(serverId: $s, input: { name: "Helpers" }) { id } }', { s: world.server.id });
    const [entry] = await audit.waitFor(1);
    expect(entry!.auditLogAdded.action).toBe('ROLE_CREATE');
    expect((await queue(owner)).some((i) => i.entry.action === 'ROLE_CREATE')).toBe(false);
    const filtered = await owner.client.ok('query($s: ID!) { auditLog(serverId: $s, action: "MEMBER_BAN") { action } }', {
      s: world.server.id,
    });
    expect(filtered.auditLog).toEqual([{ action: 'MEMBER_BAN' }]);
    const bySystem = await owner.client.ok('query($s: ID!) { auditLog(serverId: $s, bySystem: true) { actor { id } } }', {
      s: world.server.id,
    });
    expect(bySystem.auditLog).toEqual([{ actor: null }]);
    audit.stop();
  });

  it('since: the entries committed after it come first, oldest first, then the live ones, each once', async () => {
    const s = world.server.id;
    const createRole = (n: string) =>
      owner.client.ok('mutation($s: ID!, $n: String!) { createRole(serverId: $s, input: { name: $n }) { id } }', { s, n });
    await createRole('Since A');
    const [read] = (await owner.client.ok('query($s: ID!) { auditLog(serverId: $s, limit: 1) { id } }', { s })).auditLog as {
      id: string;
    }[];
    // Committed after the log was read, before the subscription: the gap `since` closes.
    await createRole('Since B');
    await world.moderator.client.ok(TIMEOUT, { s, u: world.plain.id, n: 60, r: 'in the gap' });
    const audit = subscribe<{ auditLogAdded: { id: string; target: { name: string } } }>(
      socket(owner),
      'subscription($s: ID!, $since: ID) { auditLogAdded(serverId: $s, since: $since) { id target { name } } }',
      { s, since: read!.id },
    );
    const items = subscribe<{ moderationQueueAdded: Item }>(
      socket(world.moderator),
      `subscription($s: ID!, $since: ID) { moderationQueueAdded(serverId: $s, since: $since) { ${ITEM} } }`,
      { s, since: read!.id },
    );
    await audit.waitFor(2);
    await createRole('Since C');
    const entries = await audit.waitFor(3);
    await settle();
    expect(audit.events.map((e) => e.auditLogAdded.target.name)).toEqual(['Since B', world.plain.username, 'Since C']);
    expect(new Set(entries.map((e) => e.auditLogAdded.id)).size).toBe(3);
    // The queue replays only what is moderation: the timeout, with the undo that still applies.
    const [timeout] = await items.waitFor(1);
    expect(timeout!.moderationQueueAdded).toMatchObject({
      undo: 'REMOVE_TIMEOUT',
      entry: { action: 'MEMBER_TIMEOUT', reason: 'in the gap' },
    });
    expect(items.events).toHaveLength(1);
    audit.stop();
    items.stop();
    await world.moderator.client.ok(TIMEOUT, { s, u: world.plain.id, n: 0 });
  });

  it('refuses a since that is no entry id, on both subscriptions', async () => {
    for (const [user, query] of [
      [owner, 'subscription($s: ID!) { auditLogAdded(serverId: $s, since: "yesterday") { id } }'],
      [world.moderator, 'subscription($s: ID!) { moderationQueueAdded(serverId: $s, since: "-1") { undo } }'],
    ] as const) {
      const refused = subscribe(socket(user), query, { s: world.server.id });
      await refused.waitForEnd();
      const [error] = refused.errors.flat() as { extensions: { code: string; field: string } }[];
      expect(error!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
    }
  });

  it('refuses members without MODERATE_MEMBERS, on the query and the subscription', async () => {
    expectForbidden(await world.plain.client.errorOf(QUEUE, { s: world.server.id }), 'MODERATE_MEMBERS');
    const refused = subscribe(socket(world.plain), ADDED, { s: world.server.id });
    await refused.waitForEnd();
    expectBadInput(
      await owner.client.errorOf('query($s: ID!) { moderationQueue(serverId: $s, limit: 0) { undo } }', { s: world.server.id }),
      'limit',
    );
  });
});
