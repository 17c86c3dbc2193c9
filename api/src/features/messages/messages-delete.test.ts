import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { snowflakeAt } from '../../kernel/ids/snowflake.js';
import { assignRole, auditLog, changesOf, createRole, expectForbidden, sql } from '../../../test/fixtures.js';
import { EDIT, DELETE, BAN, messagesWorld } from '../../../test/messages-world.js';

describe('messages', () => {
  const kit = messagesWorld();
  const { on, synced, world, addChannel, send, history, listen, fence } = kit;
  let a: RunningApi;
  let b: RunningApi;
  beforeAll(() => ({ a, b } = kit.apis()));

  describe('deleteMessage', () => {
    it('lets the author or a MANAGE_MESSAGES holder delete; a moderator deletion is audited; deleted messages never come back', async () => {
      const w = await world(3);
      const [author, bystander, moderator] = w.members;
      const modRole = await createRole(w.owner, w.serverId, { name: 'Mod', permissions: ['MANAGE_MESSAGES'], position: 1 });
      await assignRole(w.owner, w.serverId, moderator!.id, modRole.id);
      await synced();
      const first = await send(author!.client, w.channelId, 'keep me');
      const own = await send(author!.client, w.channelId, 'oops');
      const moderated = await send(author!.client, w.channelId, 'rude');
      const last = await send(author!.client, w.channelId, 'keep me too');
      const sub = await listen(b, w.owner, w.channelId);

      expectForbidden(await bystander!.client.errorOf(DELETE, { m: moderated.id }), 'MANAGE_MESSAGES');
      expect(await author!.client.ok(DELETE, { m: own.id })).toEqual({ deleteMessage: true });
      expect(await on(b, moderator!).ok(DELETE, { m: moderated.id })).toEqual({ deleteMessage: true });
      expect((await author!.client.errorOf(DELETE, { m: own.id })).code).toBe('NOT_FOUND');
      expect((await author!.client.errorOf(EDIT, { m: own.id, t: 'back from the dead' })).code).toBe('NOT_FOUND');

      const events = await fence(sub, w.owner, w.channelId);
      expect(events.map((e) => e.channelEvents)).toEqual([
        { __typename: 'MessageDeleted', messageId: own.id, channelId: w.channelId },
        { __typename: 'MessageDeleted', messageId: moderated.id, channelId: w.channelId },
      ]);

      const deletes = (await auditLog(w.owner, w.serverId)).filter((e) => e.action === 'MESSAGE_DELETE');
      expect(deletes).toHaveLength(1);
      expect(deletes[0]).toMatchObject({ actor: { id: moderator!.id }, targetId: author!.id });
      expect(changesOf(deletes[0]!).message).toEqual([moderated.id, null]);

      // Neither history (any cursor) nor replay brings them back.
      const gone = new Set([own.id, moderated.id]);
      const pages = [
        await history(w.owner.client, w.channelId),
        await history(w.owner.client, w.channelId, { around: own.id }),
        await history(w.owner.client, w.channelId, { after: first.id }),
        await history(w.owner.client, w.channelId, { before: last.id }),
      ];
      for (const page of pages) expect(page.messages.some((m) => gone.has(m.id))).toBe(false);
      expect(pages[0]!.messages.map((m) => m.id).filter((id) => id === first.id || id === last.id)).toEqual([first.id, last.id]);
      const stored = (await history(w.owner.client, w.channelId, { after: first.id })).messages.map((m) => m.id);
      expect(stored[0]).toBe(last.id); // then the earlier fences
      const replay = await listen(a, w.owner, w.channelId, first.id);
      const replayed = await fence(replay, w.owner, w.channelId);
      expect(replayed.map((e) => e.channelEvents.message?.id)).toEqual(stored);
    });

    it('racing deletions: exactly one succeeds, audits and announces; an edit racing a deletion is never announced after it', async () => {
      const w = await world(1);
      const [author] = w.members;
      const sub = await listen(b, w.owner, w.channelId);
      const target = await send(author!.client, w.channelId, 'delete me four times');
      const deletions = await Promise.all([a, b, a, b].map((api) => on(api, w.owner).request(DELETE, { m: target.id })));
      expect(deletions.filter((r) => r.data?.deleteMessage === true)).toHaveLength(1);
      expect(deletions.filter((r) => r.errors?.[0]?.extensions?.code === 'NOT_FOUND')).toHaveLength(3);
      expect((await auditLog(w.owner, w.serverId)).filter((e) => e.action === 'MESSAGE_DELETE')).toHaveLength(1);

      // Author edits on one instance while the owner deletes on the other, many times over.
      const raced: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        const { id } = await send(author!.client, w.channelId, `race ${i}`);
        raced.push(id);
        const [edit, deletion] = await Promise.all([
          on(a, author!).request(EDIT, { m: id, t: `edited ${i}` }),
          on(b, w.owner).request(DELETE, { m: id }),
        ]);
        expect(deletion.data?.deleteMessage).toBe(true);
        expect(edit.data?.editMessage?.id ?? edit.errors?.[0]?.extensions?.code).toMatch(new RegExp(`^(${id}|NOT_FOUND)$`));
      }
      const events = (await fence(sub, w.owner, w.channelId)).map((e) => e.channelEvents);
      expect(events.filter((e) => e.__typename === 'MessageDeleted' && e.messageId === target.id)).toHaveLength(1);
      for (const id of raced) {
        const about = events.filter((e) => e.message?.id === id || e.messageId === id).map((e) => e.__typename);
        expect(about.slice(about.indexOf('MessageDeleted'))).toEqual(['MessageDeleted']);
      }
      expect((await history(w.owner.client, w.channelId)).messages.some((m) => raced.includes(m.id) || m.id === target.id)).toBe(false);
    });

    it('banMember with deleteMessageSeconds removes the user’s recent messages in every channel and announces each', async () => {
      const w = await world(2);
      const [banned, other] = w.members;
      const second = await addChannel(w);
      // An old message (two hours ago) lies outside a one-hour window and stays.
      const oldAt = new Date(Date.now() - 2 * 3600_000);
      const oldId = (BigInt(snowflakeAt(oldAt)) + 1n).toString();
      await sql(a, 'insert into messages (id, channel_id, server_id, author_id, content, created_at) values (?, ?, ?, ?, ?, ?)', [
        oldId,
        w.channelId,
        w.serverId,
        banned!.id,
        'ancient',
        oldAt,
      ]);
      const recent = [
        await send(banned!.client, w.channelId, 'spam 1'),
        await send(banned!.client, second, 'spam 2'),
        await send(on(b, banned!), w.channelId, 'spam 3'),
      ];
      await send(other!.client, w.channelId, 'innocent');
      const subs = [await listen(b, w.owner, w.channelId), await listen(a, w.owner, second)];

      expect(await w.owner.client.ok(BAN, { s: w.serverId, u: banned!.id, d: 3600 })).toEqual({ banMember: true });

      const [first, other2] = await Promise.all([fence(subs[0]!, w.owner, w.channelId), fence(subs[1]!, w.owner, second)]);
      expect(first.map((e) => e.channelEvents)).toEqual(
        [recent[0]!, recent[2]!].map((m) => ({ __typename: 'MessageDeleted', messageId: m.id, channelId: w.channelId })),
      );
      expect(other2.map((e) => e.channelEvents)).toEqual([{ __typename: 'MessageDeleted', messageId: recent[1]!.id, channelId: second }]);
      expect((await history(w.owner.client, w.channelId)).messages.map((m) => m.content)).toEqual([
        'ancient',
        'innocent',
        'fence a',
        'fence b',
      ]);
      expect((await history(w.owner.client, second)).messages.map((m) => m.content)).toEqual(['fence a', 'fence b']);
    });

    it('banMember without deleteMessageSeconds keeps the messages', async () => {
      const w = await world(1);
      const [banned] = w.members;
      await send(banned!.client, w.channelId, 'still here');
      await w.owner.client.ok(BAN, { s: w.serverId, u: banned!.id, d: 0 });
      expect((await history(w.owner.client, w.channelId)).messages.map((m) => m.content)).toEqual(['still here']);
    });
  });
});
