import { describe, expect, it } from 'vitest';
import type { ShownUser } from '@/components/members/user-changes';
import {
  compareIds,
  emptyLog,
  isAtPresent,
  messageLogReducer,
  newestId,
  rereadWindow,
  type MessageLog,
  type MessageLogAction,
  type ReactionChange,
  type ReactionState,
} from './message-log';

interface Msg {
  id: string;
  content: string;
  author?: ShownUser;
  replyTo?: { id: string; content: string; author?: ShownUser } | null;
  reactions: readonly ReactionState[];
}

const msg = (id: number | string, content = `m${id}`, reactions: ReactionState[] = []): Msg => ({ id: String(id), content, reactions });
const run = (actions: MessageLogAction<Msg>[], start: MessageLog<Msg> = emptyLog<Msg>()) => actions.reduce(messageLogReducer, start);
const ids = (log: MessageLog<Msg>) => log.messages.map((m) => m.id);

describe('message log', () => {
  it('orders snowflake ids numerically, not as text', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('7300000000000000001', '7300000000000000000')).toBeGreaterThan(0);
    expect(compareIds('42', '42')).toBe(0);
  });

  it('loads the latest page, then older pages upward, moving firstIndex by what was added', () => {
    const log = run([
      { type: 'latest', messages: [msg(103), msg(101), msg(102)], hasMoreBefore: true },
      { type: 'older', messages: [msg(99), msg(100), msg(101)], hasMoreBefore: false },
    ]);
    expect(ids(log)).toEqual(['99', '100', '101', '102', '103']);
    expect(log.hasMoreBefore).toBe(false);
    expect(log.firstIndex).toBe(emptyLog().firstIndex - 2);
    expect(newestId(log)).toBe('103');
  });

  it('shows a message once when the live event and a resume replay both carry it', () => {
    const log = run([
      { type: 'latest', messages: [msg(10)], hasMoreBefore: false },
      { type: 'created', message: msg(11) },
      // reconnect: replay after since=11 plus overlap from a replay after since=10
      { type: 'created', message: msg(11) },
      { type: 'created', message: msg(12) },
      { type: 'created', message: msg(13) },
    ]);
    expect(ids(log)).toEqual(['10', '11', '12', '13']);
  });

  it('applies edits and deletes to loaded messages and ignores them for unknown ones', () => {
    const log = run([
      { type: 'latest', messages: [msg(1), msg(2)], hasMoreBefore: false },
      { type: 'updated', message: msg(2, 'edited') },
      { type: 'updated', message: msg(77, 'not loaded') },
      { type: 'deleted', messageId: '1' },
      { type: 'deleted', messageId: '404' },
    ]);
    expect(log.messages).toEqual([msg(2, 'edited')]);
  });

  it('a latest page after a reconnect brings edits, drops what was deleted meanwhile, keeps older pages and newer live messages', () => {
    const log = run([
      { type: 'latest', messages: [msg(5), msg(6), msg(7)], hasMoreBefore: true },
      { type: 'older', messages: [msg(3), msg(4)], hasMoreBefore: false },
      { type: 'created', message: msg(9) },
      // The reconnect's page covers 6..8: 7 was deleted, 6 edited, 8 was sent during the outage.
      { type: 'latest', messages: [msg(6, 'edited'), msg(8)], hasMoreBefore: true },
    ]);
    expect(log.messages).toEqual([msg(3), msg(4), msg(5), msg(6, 'edited'), msg(8), msg(9)]);
    expect(log.hasMoreBefore).toBe(false);
  });

  it('a latest page drops the newest messages held when it was asked for that it no longer has, and keeps what came live since', () => {
    const held = run([
      { type: 'latest', messages: [msg(5), msg(6)], hasMoreBefore: true },
      { type: 'created', message: msg(7) },
      { type: 'created', message: msg(8) },
    ]);
    // During an outage 7 and 8 were deleted; the page is asked for holding up to 8, and 9 comes live meanwhile.
    const log = messageLogReducer(messageLogReducer(held, { type: 'created', message: msg(9) }), {
      type: 'latest',
      messages: [msg(5), msg(6)],
      hasMoreBefore: true,
      heldNewest: '8',
    });
    expect(ids(log)).toEqual(['5', '6', '9']);

    // Every message deleted: an empty page leaves only what came live.
    const emptied = messageLogReducer(held, { type: 'latest', messages: [], hasMoreBefore: false, heldNewest: '8' });
    expect(ids(emptied)).toEqual([]);
  });

  it('an out-of-order live message lands in its place', () => {
    const log = run([
      { type: 'latest', messages: [msg(1), msg(3)], hasMoreBefore: false },
      { type: 'created', message: msg(2) },
    ]);
    expect(ids(log)).toEqual(['1', '2', '3']);
  });

  it('keeps the quotes of replies current: an edit shows in them, a deletion empties them', () => {
    const reply = (id: number, to: Msg): Msg => ({ ...msg(id), replyTo: { id: to.id, content: to.content } });
    const log = run([
      { type: 'latest', messages: [msg(1), reply(2, msg(1)), reply(3, msg(1)), msg(4)], hasMoreBefore: false },
      { type: 'updated', message: msg(1, 'm1 fixed') },
    ]);
    expect(log.messages.map((m) => m.replyTo?.content ?? null)).toEqual([null, 'm1 fixed', 'm1 fixed', null]);
    const deleted = messageLogReducer(log, { type: 'deleted', messageId: '1' });
    expect(ids(deleted)).toEqual(['2', '3', '4']);
    expect(deleted.messages.map((m) => m.replyTo)).toEqual([null, null, undefined]);
    // An edit of a message outside the log still reaches the replies that quote it.
    const older = run([
      { type: 'latest', messages: [reply(9, msg(5))], hasMoreBefore: true },
      { type: 'updated', message: msg(5, 'edited') },
    ]);
    expect(older.messages[0]!.replyTo?.content).toBe('edited');
    expect(messageLogReducer(older, { type: 'updated', message: msg(6) })).toBe(older);
  });

  it('shows an author’s new name and avatar on their messages and in the replies quoting them; nobody changed, the same log', () => {
    const [bob, cy] = [
      { id: 'u2', displayName: 'Bob', avatarUrl: null },
      { id: 'u3', displayName: 'Cy', avatarUrl: null },
    ];
    const by = (id: number, author: typeof bob, to?: Msg): Msg => ({
      ...msg(id),
      author,
      replyTo: to ? { id: to.id, content: to.content, author: to.author } : null,
    });
    const log = run([{ type: 'latest', messages: [by(1, bob), by(2, cy, by(1, bob)), by(3, cy)], hasMoreBefore: false }]);
    const shown = (l: typeof log) => l.messages.map((m) => [m.author?.displayName, m.replyTo?.author?.displayName ?? null]);
    const renamed = messageLogReducer(log, { type: 'userChanged', user: { id: 'u2', displayName: 'Bobby', avatarUrl: null } });
    expect(shown(renamed)).toEqual([
      ['Bobby', null],
      ['Cy', 'Bobby'],
      ['Cy', null],
    ]);
    expect(renamed.messages[2]).toBe(log.messages[2]);
    expect(messageLogReducer(renamed, { type: 'userChanged', user: { id: 'u2', displayName: 'Bobby', avatarUrl: null } })).toBe(renamed);
    expect(messageLogReducer(renamed, { type: 'userChanged', user: { id: 'u9', displayName: 'Dee' } })).toBe(renamed);

    // A new avatar alone, then none again: their messages and the quotes of them follow.
    const pictured = messageLogReducer(renamed, {
      type: 'userChanged',
      user: { id: 'u2', displayName: 'Bobby', avatarUrl: '/avatars/u2/ab' },
    });
    expect(pictured.messages.map((m) => [m.author?.avatarUrl, m.replyTo?.author?.avatarUrl ?? null])).toEqual([
      ['/avatars/u2/ab', null],
      [null, '/avatars/u2/ab'],
      [null, null],
    ]);
    expect(shown(pictured)).toEqual(shown(renamed));
    const removed = messageLogReducer(pictured, { type: 'userChanged', user: { id: 'u2', displayName: 'Bobby', avatarUrl: null } });
    expect(removed.messages[0]!.author?.avatarUrl).toBeNull();
    expect(removed.messages[1]!.replyTo?.author?.avatarUrl).toBeNull();
  });

  describe('a window around an old message (a jump)', () => {
    const attached = () =>
      run([
        { type: 'latest', messages: [msg(500), msg(501)], hasMoreBefore: true },
        { type: 'older', messages: [msg(498), msg(499)], hasMoreBefore: true },
      ]);
    const around = (target: number, from: number, to: number, more = { before: true, after: true }): MessageLogAction<Msg> => ({
      type: 'around',
      messageId: String(target),
      messages: Array.from({ length: to - from + 1 }, (_, i) => msg(from + i)).reverse(),
      hasMoreBefore: more.before,
      hasMoreAfter: more.after,
    });

    it('replaces the log with the window, detached from the present, and starts a new run', () => {
      const start = attached();
      const log = messageLogReducer(start, around(12, 10, 14));
      expect(ids(log)).toEqual(['10', '11', '12', '13', '14']);
      expect(log).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true, anchorId: '12', firstIndex: emptyLog().firstIndex });
      expect(log.generation).toBe(start.generation + 1);
      expect(isAtPresent(log)).toBe(false);
      expect(isAtPresent(start)).toBe(true);
      expect(isAtPresent(emptyLog())).toBe(false);
    });

    it('leaves live creations out while detached, and keeps edits, deletes and reactions of what it holds', () => {
      const log = run(
        [
          around(12, 10, 14),
          { type: 'created', message: msg(600) },
          { type: 'updated', message: msg(11, 'edited') },
          { type: 'deleted', messageId: '13' },
          { type: 'reaction', change: { messageId: '12', emoji: '👍', userId: '7', reacted: true, count: 1 }, readerId: '1' },
        ],
        attached(),
      );
      expect(ids(log)).toEqual(['10', '11', '12', '14']);
      expect(log.messages[1]!.content).toBe('edited');
      expect(log.messages[2]!.reactions).toEqual([{ emoji: '👍', count: 1, me: false }]);
    });

    it('grows older upward and newer downward; the last newer page reaches the present, live messages append again', () => {
      const log = run(
        [
          around(12, 10, 14),
          { type: 'older', messages: [msg(8), msg(9)], hasMoreBefore: false },
          { type: 'newer', messages: [msg(16), msg(15)], hasMoreAfter: true },
        ],
        attached(),
      );
      expect(ids(log)).toEqual(['8', '9', '10', '11', '12', '13', '14', '15', '16']);
      expect(log.firstIndex).toBe(emptyLog().firstIndex - 2);
      expect(log.hasMoreAfter).toBe(true);
      const present = run(
        [
          // Overlapping the held run does not duplicate it.
          { type: 'newer', messages: [msg(16), msg(17)], hasMoreAfter: false },
          { type: 'created', message: msg(18) },
        ],
        log,
      );
      expect(ids(present).slice(-4)).toEqual(['15', '16', '17', '18']);
      expect(isAtPresent(present)).toBe(true);
      expect(present.generation).toBe(log.generation);
    });

    it('a latest page ("jump to present") replaces a detached window with the present, in a new run', () => {
      const window = run([around(12, 10, 14)], attached());
      const log = messageLogReducer(window, { type: 'latest', messages: [msg(601), msg(600)], hasMoreBefore: true });
      expect(ids(log)).toEqual(['600', '601']);
      expect(log).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false, firstIndex: emptyLog().firstIndex });
      expect(log.anchorId).toBeUndefined();
      expect(log.generation).toBe(window.generation + 1);
      // Attached, a latest page merges as before (a reconnect), in the same run.
      const again = messageLogReducer(log, { type: 'latest', messages: [msg(601, 'edited')], hasMoreBefore: true });
      expect(again.messages.map((m) => m.content)).toEqual(['m600', 'edited']);
      expect(again.generation).toBe(log.generation);
    });

    it('drops a page asked for before a jump replaced the log', () => {
      const start = attached();
      const window = messageLogReducer(start, around(12, 10, 14));
      const stale = (generation: number): MessageLogAction<Msg>[] => [
        { type: 'older', messages: [msg(9)], hasMoreBefore: true, generation },
        { type: 'latest', messages: [msg(502)], hasMoreBefore: true, generation },
        { type: 'newer', messages: [msg(503)], hasMoreAfter: false, generation },
      ];
      expect(run(stale(start.generation), window)).toBe(window);
      expect(ids(run([stale(window.generation)[0]!], window))[0]).toBe('9');
    });

    describe('after a reconnect', () => {
      /** The channel as the API holds it: answers `messages(after:)` in pages of `size`, and counts the cursors asked. */
      const channel = (messages: Msg[], size: number) => {
        const cursors: string[] = [];
        const readAfter = async (cursor: string) => {
          cursors.push(cursor);
          const later = messages.filter((m) => compareIds(m.id, cursor) > 0);
          return {
            messages: later.slice(0, size),
            hasMoreBefore: messages.some((m) => compareIds(m.id, cursor) <= 0),
            hasMoreAfter: later.length > size,
          };
        };
        return { readAfter, cursors };
      };
      const range = (from: number, to: number, content = (id: number) => `m${id}`) =>
        Array.from({ length: to - from + 1 }, (_, i) => msg(from + i, content(from + i)));
      /** A window opened at 12 (10..14), then a newer page read (15, 16), as the reader scrolled down. */
      const scrolled = () =>
        run(
          [
            around(12, 10, 14),
            { type: 'newer', messages: [msg(15), msg(16)], hasMoreAfter: true },
            { type: 'older', messages: [msg(9)], hasMoreBefore: true },
          ],
          attached(),
        );

      it('reads the whole window again, page after page, from just before its oldest message until past its newest', async () => {
        const log = scrolled();
        // During the outage: 11 edited, 13 and 9 deleted, a reaction on 12, and 17..30 sent.
        const now = range(1, 30, (id) => (id === 11 ? 'edited' : `m${id}`))
          .filter((m) => m.id !== '13' && m.id !== '9')
          .map((m) => (m.id === '12' ? { ...m, reactions: [{ emoji: '👍', count: 1, me: false }] } : m));
        const { readAfter, cursors } = channel(now, 4);
        const action = await rereadWindow(log, readAfter);
        // 8 is just before 9, the oldest held; then after the last one read, until past 16, the newest held.
        expect(cursors).toEqual(['8', '14']);
        expect(action).toEqual({
          type: 'refreshed',
          after: '8',
          messages: [
            msg(10),
            msg(11, 'edited'),
            msg(12, 'm12', [{ emoji: '👍', count: 1, me: false }]),
            msg(14),
            msg(15),
            msg(16),
            msg(17),
            msg(18),
          ],
          hasMoreBefore: true,
          hasMoreAfter: true,
          generation: log.generation,
        });

        // Applied: the edit, the deletions and the reaction show, and the last page's rest (contiguous) stays;
        // the reader stays too (the run, its anchor and first index).
        const refreshed = messageLogReducer(log, action!);
        expect(ids(refreshed)).toEqual(['10', '11', '12', '14', '15', '16', '17', '18']);
        expect(refreshed.messages[1]!.content).toBe('edited');
        expect(refreshed.messages[2]!.reactions).toEqual([{ emoji: '👍', count: 1, me: false }]);
        expect(refreshed).toMatchObject({
          generation: log.generation,
          anchorId: '12',
          firstIndex: log.firstIndex,
          hasMoreBefore: true,
          hasMoreAfter: true,
        });
        expect(isAtPresent(refreshed)).toBe(false);
        // Read again with nothing changed, it stays the same.
        const again = await rereadWindow(refreshed, channel(now, 4).readAfter);
        expect(messageLogReducer(refreshed, again!).messages).toEqual(refreshed.messages);
      });

      it('a window whose newer messages were all deleted meanwhile reaches the present: live messages append again', async () => {
        const log = run([around(12, 10, 14)], attached());
        const { readAfter, cursors } = channel(range(1, 14), 50);
        const action = await rereadWindow(log, readAfter);
        expect(cursors).toEqual(['9']);
        const refreshed = run([action!, { type: 'created', message: msg(20) }], log);
        expect(ids(refreshed)).toEqual(['10', '11', '12', '13', '14', '20']);
        expect(isAtPresent(refreshed)).toBe(true);
        expect(refreshed.generation).toBe(log.generation);
      });

      it('keeps pages loaded while it read, and what they say lies beyond them', () => {
        const log = scrolled();
        const read: MessageLogAction<Msg> = {
          type: 'refreshed',
          after: '8',
          messages: [msg(9), msg(10, 'edited'), msg(12), msg(14), msg(15), msg(16)],
          hasMoreBefore: true,
          hasMoreAfter: true,
          generation: log.generation,
        };
        const meanwhile = run(
          [
            { type: 'older', messages: [msg(7), msg(8)], hasMoreBefore: false },
            { type: 'newer', messages: [msg(17)], hasMoreAfter: false },
            read,
          ],
          log,
        );
        // 11 and 13 deleted within what was read; 7, 8 and 17 outside it stay, and so do their flags.
        expect(ids(meanwhile)).toEqual(['7', '8', '9', '10', '12', '14', '15', '16', '17']);
        expect(meanwhile.messages[3]!.content).toBe('edited');
        expect(meanwhile).toMatchObject({ hasMoreBefore: false, hasMoreAfter: false });
      });

      it('reads nothing for a log at the present; a failed page or a jump meanwhile leaves the window as it is', async () => {
        const { readAfter, cursors } = channel(range(1, 30), 50);
        expect(await rereadWindow(attached(), readAfter)).toBeUndefined();
        expect(cursors).toEqual([]);
        const log = run([around(12, 10, 14)], attached());
        expect(await rereadWindow(log, async () => undefined)).toBeUndefined();
        // Asked for one window, answered after a jump to another: dropped.
        const action = await rereadWindow(log, readAfter);
        const jumped = messageLogReducer(log, around(25, 23, 27));
        expect(messageLogReducer(jumped, action!)).toBe(jumped);
      });

      it('counts back from snowflake ids exactly, beyond what a number holds', async () => {
        const log = run([
          {
            type: 'around',
            messageId: '7300000000000000000',
            messages: [msg('7300000000000000000')],
            hasMoreBefore: true,
            hasMoreAfter: true,
          },
        ]);
        const { readAfter, cursors } = channel([msg('7299999999999999999'), msg('7300000000000000000'), msg('7300000000000000001')], 50);
        expect((await rereadWindow(log, readAfter))?.after).toBe('7299999999999999999');
        expect(cursors).toEqual(['7299999999999999999']);
      });
    });

    it('a window that reaches the present is attached: live messages append to it', () => {
      const log = run([around(499, 497, 501, { before: true, after: false }), { type: 'created', message: msg(502) }], attached());
      expect(ids(log)).toEqual(['497', '498', '499', '500', '501', '502']);
      expect(isAtPresent(log)).toBe(true);
    });
  });

  describe('reactions', () => {
    const ME = '100';
    const OTHER = '200';
    const change = (emoji: string, count: number, userId: string, reacted: boolean, messageId = '1'): MessageLogAction<Msg> => ({
      type: 'reaction',
      change: { messageId, emoji, userId, reacted, count } satisfies ReactionChange,
      readerId: ME,
    });
    const reactionsOf = (log: MessageLog<Msg>, id = '1') => log.messages.find((m) => m.id === id)?.reactions;
    const loaded = (reactions: ReactionState[] = []) =>
      run([{ type: 'latest', messages: [msg(1, 'm1', reactions), msg(2)], hasMoreBefore: false }]);

    it('appends a new emoji after those already there, in order of first use', () => {
      const log = run([change('🎉', 1, OTHER, true), change('👍', 1, OTHER, true)], loaded([{ emoji: '❤️', count: 2, me: true }]));
      expect(reactionsOf(log)).toEqual([
        { emoji: '❤️', count: 2, me: true },
        { emoji: '🎉', count: 1, me: false },
        { emoji: '👍', count: 1, me: false },
      ]);
      expect(reactionsOf(log, '2')).toEqual([]);
    });

    it("sets the count an event carries and keeps the emoji's place", () => {
      const start = loaded([
        { emoji: '👍', count: 1, me: false },
        { emoji: '🎉', count: 3, me: true },
      ]);
      const log = run([change('👍', 4, OTHER, true), change('🎉', 2, OTHER, false)], start);
      expect(reactionsOf(log)).toEqual([
        { emoji: '👍', count: 4, me: false },
        { emoji: '🎉', count: 2, me: true },
      ]);
    });

    it('removes the chip when the count reaches 0', () => {
      const log = run(
        [change('👍', 0, OTHER, false)],
        loaded([
          { emoji: '👍', count: 1, me: false },
          { emoji: '🎉', count: 1, me: false },
        ]),
      );
      expect(reactionsOf(log)).toEqual([{ emoji: '🎉', count: 1, me: false }]);
      // A removal of an emoji the log does not show changes nothing.
      expect(messageLogReducer(log, change('🔥', 0, OTHER, false))).toBe(log);
    });

    it("sets `me` from the reader's own changes only", () => {
      const mine = run([change('👍', 1, ME, true)], loaded());
      expect(reactionsOf(mine)).toEqual([{ emoji: '👍', count: 1, me: true }]);
      // Someone else adding or removing theirs leaves the reader's own as it was.
      const others = run([change('👍', 2, OTHER, true), change('👍', 1, OTHER, false)], mine);
      expect(reactionsOf(others)).toEqual([{ emoji: '👍', count: 1, me: true }]);
      // Another member's "reacted" never marks the reader's chip.
      expect(reactionsOf(run([change('🎉', 1, OTHER, true)], loaded()))).toEqual([{ emoji: '🎉', count: 1, me: false }]);
      const removed = run([change('👍', 1, ME, false)], others);
      expect(reactionsOf(removed)).toEqual([{ emoji: '👍', count: 1, me: false }]);
    });

    it('is idempotent: the same state again (the mutation answered, then the event came) changes nothing', () => {
      const once = run([change('👍', 2, ME, true)], loaded([{ emoji: '👍', count: 1, me: false }]));
      expect(messageLogReducer(once, change('👍', 2, ME, true))).toBe(once);
    });

    it('ignores an event for a message the log does not hold', () => {
      const log = loaded();
      expect(messageLogReducer(log, change('👍', 1, ME, true, '404'))).toBe(log);
    });

    it('an edit leaves the reactions as the log has them; a creation held already keeps them', () => {
      const start = run([change('👍', 2, OTHER, true)], loaded([{ emoji: '👍', count: 1, me: true }]));
      // Live edits and editMessage's answer come without reactions; one that had them changes nothing either.
      const edited = run(
        [
          { type: 'updated', message: { id: '1', content: 'fixed' } },
          { type: 'updated', message: msg(1, 'fixed again', [{ emoji: '🎉', count: 9, me: false }]) },
        ],
        start,
      );
      expect(edited.messages[0]).toEqual(msg(1, 'fixed again', [{ emoji: '👍', count: 2, me: true }]));
      // The live MessageCreated came first and was reacted to; the send's answer (or a replay) comes after.
      const created = run(
        [{ type: 'created', message: msg(3) }, change('🔥', 1, OTHER, true, '3'), { type: 'created', message: msg(3) }],
        start,
      );
      expect(reactionsOf(created, '3')).toEqual([{ emoji: '🔥', count: 1, me: false }]);
    });
  });
});
