import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import type { MessageView } from '../src/features/messages/message.view.js';
import { joinServer, sleep, sql, until, waitForLockWait } from './fixtures.js';
import { createServer, signUp, startTestApi, uniquePrefix, type TestUser } from './harness.js';
import { ROOMY_LIMITS } from './instances.js';
import { followMessages } from './ws-client.js';

const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const EDIT = 'mutation($m: ID!, $t: String!) { editMessage(messageId: $m, content: $t) { id } }';
const LIMITS = 'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit } }';

// Redis refuses the PUBLISH of a message whose INSERT has committed (here an ACL revoked between
// the two; in life a connection lost or a reply that never came). The message was sent: the sender
// must hear so (a retry would send it twice), and its announcement must still reach another
// process's stream once. The sending process's own subscribers do not wait for Redis's echo.
describe('a PUBLISH that fails after the message committed', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  // A Redis user of this test's own, so revoking its PUBLISH touches no other test.
  const redisUser = `rashigo-test-${randomBytes(4).toString('hex')}`;
  const admin = new Redis(redisUrl, { lazyConnect: true });
  let api: RunningApi;
  /** A second process on the same Redis: its subscribers learn of a message only through Redis. */
  let apiB: RunningApi;
  let owner: TestUser;
  let member: TestUser;
  let channelId: string;

  beforeAll(async () => {
    await admin.connect();
    await admin.call('ACL', 'SETUSER', redisUser, 'on', 'nopass', '~*', '&*', '+@all');
    const asUser = new URL(redisUrl);
    asUser.username = redisUser;
    asUser.password = 'unused';
    // One Redis, also when the suite runs on a cluster (REDIS_CLUSTER_NODES).
    const prefix = uniquePrefix();
    api = await startTestApi({ REDIS_URL: asUser.toString(), REDIS_CLUSTER_NODES: '' }, prefix);
    apiB = await startTestApi({ REDIS_URL: asUser.toString(), REDIS_CLUSTER_NODES: '' }, prefix);
    owner = await signUp(api, 'pfowner');
    member = await signUp(api, 'pfmember');
    const server = await createServer(owner);
    channelId = server.channels.find((c) => c.type === 'TEXT')!.id;
    await joinServer(member, server.id);
    // Both streams are opened by sending until one arrives: more sends than the default limit allows.
    await owner.client.ok(LIMITS, { s: server.id, i: ROOMY_LIMITS });
  });
  afterAll(async () => {
    await api?.close();
    await apiB?.close();
    await admin.call('ACL', 'DELUSER', redisUser);
    admin.disconnect();
  });

  it('answers the message, owes its announcement and performs it once Redis takes it; each stream gets it once, a repeat is dropped', async () => {
    const { ws, ids: received } = await followMessages(apiB.url, member.token, channelId, () =>
      owner.client.ok(SEND, { c: channelId, t: 'before' }),
    );
    const here = await followMessages(api.url, member.token, channelId, () => owner.client.ok(SEND, { c: channelId, t: 'before' }));

    // The channel's row locked: the INSERT waits on its foreign key, past the rate limit's Lua call.
    const blocker = new pg.Client({ connectionString: inject('databaseUrl') });
    await blocker.connect();
    let answer;
    try {
      await blocker.query('begin');
      await blocker.query('select 1 from channels where id = $1 for update', [channelId]);
      const sending = owner.client.request(SEND, { c: channelId, t: 'committed, not published' });
      await waitForLockWait(api, 'insert into messages');
      await admin.call('ACL', 'SETUSER', redisUser, '-publish');
      await blocker.query('commit');
      answer = await sending;
    } finally {
      await blocker.end();
    }
    expect(answer.errors).toBeUndefined();
    const id = answer.data!.sendMessage.id as string;
    expect(await sql(api, 'select content from messages where id = ?', [id])).toEqual([{ content: 'committed, not published' }]);
    const owedRows = () => sql<{ id: string }>(api, "select id from outbox where effects -> 0 -> 'event' -> 'message' ->> 'id' = ?", [id]);
    const [row] = await owedRows();
    expect(row).toBeDefined();
    await sleep(200);
    expect(received()).not.toContain(id);
    // The sending process's subscriber had it at its commit: the fence before the INSERT passed.
    expect(here.ids()).toContain(id);

    // An edit meanwhile: committed, its announcement owed too (by the transactional path).
    await owner.client.ok(EDIT, { m: id, t: 'edited, not announced' });
    const editRows = () => sql(api, "select id from outbox where effects -> 0 ->> 'messageId' = ?", [id]);
    expect(await editRows()).toHaveLength(1);
    expect(api.services.outbox.retryingCount).toBe(2);

    // Redis takes PUBLISH again: the process performs what it owes by itself, within seconds (no
    // workers run here, so no sweep), and forgets the rows.
    await admin.call('ACL', 'SETUSER', redisUser, '+publish');
    await until(() => received().includes(id), 'the owed announcement', { timeoutMs: 8000 });
    await until(async () => (await owedRows()).length + (await editRows()).length, 'the owed rows to be performed', {
      done: (left) => left === 0,
      timeoutMs: 8000,
    });
    // Forgotten once its row's DELETE has returned, a moment after the row is gone.
    await until(() => api.services.outbox.retryingCount, 'the retries to end', { done: (left) => left === 0 });

    // The same announcement again (as when a PUBLISH that timed out reached Redis after all): the
    // stream does not show it twice. A message sent after it arrives after it (one connection, in order).
    const [message] = (await api.services.messages.byIds([id])) as MessageView[];
    await api.services.events.channel(channelId, { type: 'MessageCreated', message: message! });
    const last = (await owner.client.ok(SEND, { c: channelId, t: 'after' })).sendMessage.id as string;
    await until(() => received().includes(last), 'the message sent after');
    expect(received().filter((received) => received === id)).toHaveLength(1);
    await until(() => here.ids().includes(last), 'the message sent after, on the sending process');
    expect(here.ids().filter((received) => received === id)).toHaveLength(1);
    await ws.dispose();
    await here.ws.dispose();
  });
});
