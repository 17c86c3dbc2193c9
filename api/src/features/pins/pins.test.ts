import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { snowflakeAt } from '../../kernel/ids/snowflake.js';
import { sql } from '../../../test/fixtures.js';
import { DELETE, SET_OVERWRITE, messagesWorld } from '../../../test/messages-world.js';
import type { TestUser } from '../../../test/harness.js';

const PIN = 'mutation($m: ID!) { pinMessage(messageId: $m) { id pinnedAt } }';
const UNPIN = 'mutation($m: ID!) { unpinMessage(messageId: $m) { id pinnedAt } }';
const PINS = 'query($c: ID!) { pinnedMessages(channelId: $c) { id content pinnedAt author { id } } }';
const PAGE = 'query($c: ID!) { messages(channelId: $c) { messages { id pinnedAt } } }';
const LOG = 'query($s: ID!) { auditLog(serverId: $s, limit: 10) { action actor { id } targetId mentions { kind id } } }';
const EVENTS = `subscription($c: ID!, $s: ID) { channelEvents(channelId: $c, since: $s) { __typename
  ... on MessageCreated { message { id } }
  ... on MessageUpdated { message { id content pinnedAt } } } }`;

describe('pinned messages', () => {
  const kit = messagesWorld();
  const { world, send, listen, fence, on } = kit;
  let a: RunningApi;
  let b: RunningApi;
  beforeAll(() => ({ a, b } = kit.apis()));

  const pinnedIds = async (user: TestUser, channelId: string) =>
    ((await user.client.ok(PINS, { c: channelId })).pinnedMessages as { id: string }[]).map((m) => m.id);

  it('pins and unpins, lists the latest pinned first, announces each change once and audits it', async () => {
    const w = await world(1);
    const [member] = w.members as [TestUser];
    const first = await send(member.client, w.channelId, 'the rules');
    const second = await send(w.owner.client, w.channelId, 'the schedule');
    const sub = await listen(b, member, w.channelId, undefined, EVENTS);

    const pinned = (await w.owner.client.ok(PIN, { m: first.id })).pinMessage;
    expect(pinned.id).toBe(first.id);
    expect(Date.parse(pinned.pinnedAt)).toBeGreaterThan(Date.now() - 60_000);
    await on(b, w.owner).ok(PIN, { m: second.id });
    // A repeat changes nothing: same time, no announcement.
    expect((await w.owner.client.ok(PIN, { m: first.id })).pinMessage.pinnedAt).toBe(pinned.pinnedAt);

    const list = (await member.client.ok(PINS, { c: w.channelId })).pinnedMessages;
    expect(list.map((m: { content: string }) => m.content)).toEqual(['the schedule', 'the rules']);
    expect(list[1]).toEqual({ id: first.id, content: 'the rules', pinnedAt: pinned.pinnedAt, author: { id: member.id } });
    const page = (await member.client.ok(PAGE, { c: w.channelId })).messages.messages;
    expect(page.find((m: { id: string }) => m.id === first.id).pinnedAt).toBe(pinned.pinnedAt);

    expect((await on(b, w.owner).ok(UNPIN, { m: first.id })).unpinMessage).toEqual({ id: first.id, pinnedAt: null });
    await w.owner.client.ok(UNPIN, { m: first.id });
    expect(await pinnedIds(member, w.channelId)).toEqual([second.id]);

    const updates = (await fence(sub, w.owner, w.channelId))
      .map((e) => e.channelEvents)
      .filter((e) => e.__typename === 'MessageUpdated')
      .map((e) => [e.message.id, e.message.pinnedAt !== null]);
    expect(updates).toEqual([
      [first.id, true],
      [second.id, true],
      [first.id, false],
    ]);

    const log = (await w.owner.client.ok(LOG, { s: w.serverId })).auditLog.filter((e: { action: string }) =>
      e.action.startsWith('MESSAGE_'),
    );
    expect(log).toEqual([
      { action: 'MESSAGE_UNPIN', actor: { id: w.owner.id }, targetId: member.id, mentions: [{ kind: 'CHANNEL', id: w.channelId }] },
      { action: 'MESSAGE_PIN', actor: { id: w.owner.id }, targetId: w.owner.id, mentions: [{ kind: 'CHANNEL', id: w.channelId }] },
      { action: 'MESSAGE_PIN', actor: { id: w.owner.id }, targetId: member.id, mentions: [{ kind: 'CHANNEL', id: w.channelId }] },
    ]);
  });

  it('needs MANAGE_MESSAGES to pin, READ_MESSAGE_HISTORY to list, and hides what the caller cannot see', async () => {
    const w = await world(1);
    const [member] = w.members as [TestUser];
    const message = await send(member.client, w.channelId, 'pin me');
    expect(await member.client.errorOf(PIN, { m: message.id })).toMatchObject({
      code: 'FORBIDDEN',
      extensions: { permission: 'MANAGE_MESSAGES' },
    });
    await w.owner.client.ok(PIN, { m: message.id });
    expect((await member.client.errorOf(UNPIN, { m: message.id })).code).toBe('FORBIDDEN');
    expect(await pinnedIds(member, w.channelId)).toEqual([message.id]);

    // 20 digits: past Postgres's bigint, refused as input rather than failing in the database.
    for (const m of ['', 'abc', '1'.repeat(30), '9'.repeat(20)])
      expect(await w.owner.client.errorOf(PIN, { m })).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'messageId' } });
    expect((await w.owner.client.errorOf(PIN, { m: snowflakeAt(new Date()) })).code).toBe('NOT_FOUND');

    await w.owner.client.ok(SET_OVERWRITE, {
      c: w.channelId,
      i: { targetType: 'ROLE', targetId: w.everyoneRoleId, allow: [], deny: ['READ_MESSAGE_HISTORY'] },
    });
    expect((await member.client.errorOf(PINS, { c: w.channelId })).extensions).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'READ_MESSAGE_HISTORY',
    });
    await w.owner.client.ok(SET_OVERWRITE, {
      c: w.channelId,
      i: { targetType: 'ROLE', targetId: w.everyoneRoleId, allow: [], deny: ['VIEW_CHANNEL'] },
    });
    expect((await member.client.errorOf(PINS, { c: w.channelId })).code).toBe('NOT_FOUND');
    expect((await member.client.errorOf(UNPIN, { m: message.id })).code).toBe('NOT_FOUND');
    expect(await pinnedIds(w.owner, w.channelId)).toEqual([message.id]);
  });

  it('holds at most 50 pins in a channel, even when two processes pin the 50th at once, and drops a deleted message', async () => {
    const w = await world(0);
    const messages: string[] = [];
    for (let i = 0; i < 51; i += 1) messages.push((await send(w.owner.client, w.channelId, `message ${i}`)).id);
    // 49 pinned already (written directly: the API's own pins are tested above).
    await sql(a, "update messages set pinned_at = now() - interval '1 hour' where id = any(array[?]::bigint[])", [messages.slice(0, 49)]);

    const racing = await Promise.all([on(a, w.owner).request(PIN, { m: messages[49] }), on(b, w.owner).request(PIN, { m: messages[50] })]);
    const refused = racing.filter((r) => r.errors);
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'messageId' });
    expect(await pinnedIds(w.owner, w.channelId)).toHaveLength(50);

    // Unpinning makes room; deleting a pinned message does too.
    await w.owner.client.ok(DELETE, { m: messages[0] });
    const loser = racing[0]!.errors ? messages[49]! : messages[50]!;
    await w.owner.client.ok(PIN, { m: loser });
    const pins = await pinnedIds(w.owner, w.channelId);
    expect(pins).toHaveLength(50);
    expect(pins[0]).toBe(loser);
    expect(pins).not.toContain(messages[0]);
  });
});
