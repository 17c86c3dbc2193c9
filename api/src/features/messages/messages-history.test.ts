import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { snowflakeAt } from '../../kernel/ids/snowflake.js';
import { expectBadInput, expectForbidden } from '../../../test/fixtures.js';
import { DELETE, HISTORY, SET_OVERWRITE, messagesWorld } from '../../../test/messages-world.js';

describe('messages', () => {
  const kit = messagesWorld();
  const { on, world, addChannel, send, history } = kit;
  let a: RunningApi;
  let b: RunningApi;
  beforeAll(() => ({ a, b } = kit.apis()));

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
});
