import { describe, expect, it } from 'vitest';
import { compareIds, emptyLog, messageLogReducer, newestId, type MessageLog, type MessageLogAction } from './message-log';

interface Msg {
  id: string;
  content: string;
  replyTo?: { id: string; content: string } | null;
}

const msg = (id: number | string, content = `m${id}`): Msg => ({ id: String(id), content });
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
});
