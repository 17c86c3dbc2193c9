import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { snowflakeAt } from '../../kernel/ids/snowflake.js';
import { expectBadInput, expectForbidden, sql, waitForLockWait } from '../../../test/fixtures.js';
import { SEND, TYPING, SET_OVERWRITE, TIMEOUT, messagesWorld } from '../../../test/messages-world.js';
import { messageInsert, type MessageRow } from './message-insert.js';

describe('messages', () => {
  const kit = messagesWorld();
  const { on, synced, world, addChannel, send, history, storedCount, listen } = kit;
  let a: RunningApi;
  let b: RunningApi;
  beforeAll(() => ({ a, b } = kit.apis()));

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

    it('publishes an instance’s messages in id order; a stalled INSERT holds back only its own channel', async () => {
      const w = await world(1);
      const [member] = w.members;
      const other = await addChannel(w);
      const sub = await listen(b, w.owner, w.channelId);
      // Holding the member's user row stalls their INSERT (its foreign key) after its id is minted.
      const holder = new pg.Client({ connectionString: inject('databaseUrl') });
      await holder.connect();
      let sends: Promise<{ id: string }>[];
      try {
        await holder.query('begin');
        await holder.query('select 1 from users where id = $1 for update', [member!.id]);
        const first = send(member!.client, w.channelId, 'minted first');
        await waitForLockWait(a, 'insert into messages');
        sends = [first, send(w.owner.client, w.channelId, 'sent while the first is stalled')];
        // Another channel's message is stored meanwhile; this channel's next waits for its turn.
        await send(w.owner.client, other, 'elsewhere');
        expect(await storedCount(other)).toBe(1);
        expect(await storedCount(w.channelId)).toBe(0);
      } finally {
        await holder.query('rollback').catch(() => undefined);
        await holder.end();
      }
      const ids = (await Promise.all(sends)).map((m) => m.id);
      expect(BigInt(ids[0]!)).toBeLessThan(BigInt(ids[1]!));
      await sub.waitFor(2);
      expect(sub.events.map((e) => e.channelEvents.message.id)).toEqual(ids);
    });

    it.each(['async', 'flush'] as const)(
      'stores messages sent together in one statement exactly as sent; a row that cannot be stored fails alone (%s commit)',
      async (commit) => {
        const w = await world(0);
        const insert = messageInsert(a.services.orm, commit);
        const at = new Date('2026-12-01T10:00:00.123Z');
        const row = (
          id: bigint,
          content: string,
          replyTo: string | null = null,
          authorId = w.owner.id,
          everyone = false,
          roles: string[] = [],
          here: string[] | null = null,
        ): MessageRow => [
          String(id),
          w.channelId,
          w.serverId,
          authorId,
          content,
          replyTo,
          at,
          everyone,
          roles.length ? `{${roles.join(',')}}` : null,
          here && `{${here.join(',')}}`,
        ];
        const base = BigInt(snowflakeAt(new Date()));
        const contents = ['first, alone', 'a "quoted", {braced} \\ back\\slash', 'NULL', "it's 🎉", 'a reply'];
        const roles = (i: number) => (i === 2 ? [String(base + 7n), String(base + 8n)] : i === 3 ? [String(base + 7n)] : []);
        // @here: one mentions the owner, one nobody (nobody else online), the rest say no @here.
        const here = (i: number) => (i === 1 ? [w.owner.id] : i === 2 ? [] : null);
        const rows = contents.map((content, i) =>
          row(base + BigInt(i), content, i === 4 ? String(base) : null, w.owner.id, i === 3, roles(i), here(i)),
        );
        // The first goes at once; the rest arrive while it is in flight and go in together, one of them
        // by an author who does not exist.
        const orphan = row(base + 9n, 'by nobody', null, String(base + 99n));
        const outcomes = await Promise.allSettled([rows[0]!, rows[1]!, orphan, ...rows.slice(2)].map((r) => insert(r)));
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
        const stored = await sql<{
          id: string;
          content: string;
          reply_to: string | null;
          created_at: Date;
          mentions_everyone: boolean;
          mention_role_ids: string[] | null;
          mention_here_user_ids: string[] | null;
        }>(
          a,
          'select id::text, content, reply_to::text, created_at, mentions_everyone, mention_role_ids, mention_here_user_ids from messages where channel_id = ? order by id',
          [w.channelId],
        );
        expect(stored.map((m) => [m.id, m.content, m.reply_to, m.mentions_everyone])).toEqual(rows.map((r) => [r[0], r[4], r[5], r[7]]));
        expect(stored.map((m) => m.mention_role_ids)).toEqual(contents.map((_, i) => (roles(i).length ? roles(i) : null)));
        expect(stored.map((m) => m.mention_here_user_ids)).toEqual(contents.map((_, i) => here(i)));
        expect(stored.map((m) => new Date(m.created_at).toISOString())).toEqual(rows.map(() => at.toISOString()));
      },
    );

    it('commits a message without waiting for the WAL flush unless MESSAGE_COMMIT=flush, alone or grouped', async () => {
      const w = await world(0);
      // A trigger on this channel's rows only (other test files share the table) records the setting
      // each INSERT's transaction will commit with.
      const log = `commit_setting_${w.channelId}`;
      await sql(a, `create table ${log} (setting text not null)`);
      await sql(
        a,
        `create function ${log}() returns trigger language plpgsql as $$ begin insert into ${log} values (current_setting('synchronous_commit')); return null; end $$`,
      );
      await sql(
        a,
        `create trigger ${log} after insert on messages for each row when (new.channel_id = ${w.channelId}) execute function ${log}()`,
      );
      try {
        const settings = async (commit: 'async' | 'flush', count: number) => {
          await sql(a, `truncate ${log}`);
          const insert = messageInsert(a.services.orm, commit);
          const base = BigInt(snowflakeAt(new Date()));
          // The first goes alone; the rest arrive while it is in flight and go in as one statement.
          await Promise.all(
            Array.from({ length: count }, (_, i) =>
              insert([String(base + BigInt(i)), w.channelId, w.serverId, w.owner.id, `m${i}`, null, new Date(), false, null, null]),
            ),
          );
          return (await sql<{ setting: string }>(a, `select setting from ${log}`)).map((r) => r.setting);
        };
        expect(await settings('async', 3)).toEqual(['off', 'off', 'off']);
        expect(await settings('flush', 3)).toEqual(['on', 'on', 'on']);
      } finally {
        await sql(a, `drop trigger ${log} on messages`);
        await sql(a, `drop function ${log}()`);
        await sql(a, `drop table ${log}`);
      }
    });
  });
});
