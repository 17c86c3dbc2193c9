// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime } from './chat-time';
import { ALICE, BOB, chatMessage, messageList, type TestAuthor } from './chat-test-kit';
import type { ChatMessageData } from './message-item';
import type { MessageListProps } from './message-list';
import { emptyLog, messageLogReducer, type MessageLog, type MessageLogAction } from './message-log';

const T0 = Date.parse('2026-11-30T12:00:00Z');
const message = (id: number, author: TestAuthor, content: string, minutes = id) =>
  chatMessage(id, author, content, new Date(T0 + minutes * 60_000).toISOString());
const renderLog = (log: MessageLog<ChatMessageData>, props: Partial<MessageListProps> = {}) => render(messageList(log, props));

const apply = (actions: MessageLogAction<ChatMessageData>[]) =>
  actions.reduce(messageLogReducer<ChatMessageData>, emptyLog<ChatMessageData>());
const shown = () => screen.getAllByRole('article').map((article) => within(article).getByText(/^m\d+/).textContent);

describe('message list', () => {
  afterEach(cleanup);

  it('shows a history page, an older page, live messages and a resume replay once each, in order', () => {
    const log = apply([
      { type: 'latest', messages: [message(20, ALICE, 'm20'), message(21, BOB, 'm21')], hasMoreBefore: true },
      { type: 'created', message: message(22, BOB, 'm22') },
      { type: 'older', messages: [message(18, ALICE, 'm18'), message(19, ALICE, 'm19')], hasMoreBefore: false },
      // A reconnect replays after since=21: 22 again, then 23 sent during the outage.
      { type: 'created', message: message(22, BOB, 'm22') },
      { type: 'created', message: message(23, ALICE, 'm23') },
    ]);
    renderLog(log);
    expect(shown()).toEqual(['m18', 'm19', 'm20', 'm21', 'm22', 'm23']);
    expect(screen.getByText('This is the beginning of the channel.')).toBeTruthy();
  });

  it('groups consecutive messages of one author under one header with their avatar, and starts a new group after a gap', () => {
    const pictured = { ...BOB, avatarUrl: '/avatars/2/ab' };
    renderLog(
      apply([
        {
          type: 'latest',
          messages: [message(1, ALICE, 'm1', 0), message(2, ALICE, 'm2', 1), message(3, pictured, 'm3', 2), message(4, pictured, 'm4', 30)],
          hasMoreBefore: false,
        },
      ]),
    );
    const headers = screen.getAllByRole('article').map((a) => a.querySelector('.message-author')?.textContent ?? null);
    expect(headers).toEqual(['Alice', null, 'Bob', 'Bob']);
    // Alice has no picture: her initials; Bob's picture, from the API's origin.
    const avatars = screen.getAllByRole('article').map((a) => {
      const avatar = a.querySelector('.message-avatar .avatar');
      return avatar && (avatar.getAttribute('src') ?? avatar.textContent);
    });
    expect(avatars).toEqual(['A', null, 'http://localhost:4000/avatars/2/ab', 'http://localhost:4000/avatars/2/ab']);
  });

  it('shows edits with "(edited)", drops deleted messages, and never renders content as HTML', () => {
    const edited = { ...message(2, BOB, 'm2 <img src=x onerror="alert(1)">'), editedAt: new Date(T0).toISOString() };
    renderLog(
      apply([
        { type: 'latest', messages: [message(1, ALICE, 'm1'), message(2, BOB, 'm2'), message(3, BOB, 'm3')], hasMoreBefore: false },
        { type: 'updated', message: edited },
        { type: 'deleted', messageId: '3' },
      ]),
    );
    expect(shown()).toEqual(['m1', 'm2 <img src=x onerror="alert(1)"> (edited)']);
    expect(screen.getByText('(edited)')).toBeTruthy();
    expect(document.querySelector('.message-body img')).toBeNull();
  });

  it('shows markdown as elements, never as HTML, and marks the messages that mention or answer the reader', () => {
    const replyToMine = { ...message(3, BOB, 'sure'), replyTo: { __typename: 'Message' as const, id: '1', content: 'm1', author: ALICE } };
    renderLog(
      apply([
        {
          type: 'latest',
          messages: [
            message(1, ALICE, 'm1'),
            message(2, BOB, '**bold** `<b>code</b>` hi @alice and @bob\n```js\nlet a = "<i>";\n```'),
            replyToMine,
            message(4, BOB, 'for @bobby only'),
          ],
          hasMoreBefore: false,
        },
      ]),
    );
    const [, marked, reply, other] = screen.getAllByRole('article');
    expect(marked!.querySelector('strong')?.textContent).toBe('bold');
    expect(marked!.querySelector('.message-body > code')?.textContent).toBe('<b>code</b>');
    expect(marked!.querySelector('pre.code-block')?.textContent).toBe('let a = "<i>";');
    expect(marked!.querySelector('pre.code-block')?.getAttribute('data-language')).toBe('js');
    expect(marked!.querySelectorAll('b, i')).toHaveLength(0);
    expect([...marked!.querySelectorAll('.mention')].map((m) => [m.textContent, m.classList.contains('me')])).toEqual([
      ['@alice', true],
      ['@bob', false],
    ]);
    expect(marked!.classList.contains('mentions-me')).toBe(true);
    expect(reply!.classList.contains('mentions-me')).toBe(true);
    expect(other!.classList.contains('mentions-me')).toBe(false);
  });

  it('marks a message that mentions everyone for every reader but its author; @everyone alone stays words', () => {
    const everyone = (id: number, author: typeof ALICE, content: string) => ({ ...message(id, author, content), mentionsEveryone: true });
    renderLog(
      apply([
        {
          type: 'latest',
          messages: [
            everyone(1, BOB, 'm1 **@everyone** meeting at 8'),
            message(2, BOB, 'm2 @everyone look'),
            everyone(3, ALICE, 'm3 @everyone from me'),
          ],
          hasMoreBefore: false,
        },
      ]),
    );
    const [called, unpermitted, mine] = screen.getAllByRole('article');
    expect(called!.classList.contains('mentions-me')).toBe(true);
    expect([...called!.querySelectorAll('.mention')].map((m) => [m.textContent, m.parentElement?.tagName])).toEqual([
      ['@everyone', 'STRONG'],
    ]);
    // From an author who may not mention everyone: plain text, nobody marked.
    expect(unpermitted!.classList.contains('mentions-me')).toBe(false);
    expect(unpermitted!.querySelector('.mention')).toBeNull();
    expect(unpermitted!.querySelector('.message-body')?.textContent).toBe('m2 @everyone look');
    // The author sees the mention, but it does not call them.
    expect(mine!.querySelector('.mention')?.textContent).toBe('@everyone');
    expect(mine!.classList.contains('mentions-me')).toBe(false);
  });

  it('marks a message that mentions those online (@here) for every reader but its author; @here alone stays words', () => {
    const here = (id: number, author: typeof ALICE, content: string) => ({ ...message(id, author, content), mentionsHere: true });
    const everyone = (id: number, author: typeof ALICE, content: string) => ({ ...message(id, author, content), mentionsEveryone: true });
    renderLog(
      apply([
        {
          type: 'latest',
          messages: [
            here(1, BOB, 'm1 **@here** quick question'),
            message(2, BOB, 'm2 @here look'),
            here(3, ALICE, 'm3 @here from me'),
            everyone(4, BOB, 'm4 @everyone but not @here'),
          ],
          hasMoreBefore: false,
        },
      ]),
    );
    const [called, unpermitted, mine, everyoneOnly] = screen.getAllByRole('article');
    expect(called!.classList.contains('mentions-me')).toBe(true);
    expect([...called!.querySelectorAll('.mention')].map((m) => [m.textContent, m.parentElement?.tagName])).toEqual([['@here', 'STRONG']]);
    // From an author who may not mention everyone: plain text, nobody marked.
    expect(unpermitted!.classList.contains('mentions-me')).toBe(false);
    expect(unpermitted!.querySelector('.mention')).toBeNull();
    expect(unpermitted!.querySelector('.message-body')?.textContent).toBe('m2 @here look');
    // The author sees the mention, but it does not call them.
    expect(mine!.querySelector('.mention')?.textContent).toBe('@here');
    expect(mine!.classList.contains('mentions-me')).toBe(false);
    // Each is a mention only as the API marked it: its @everyone, not its @here.
    expect([...everyoneOnly!.querySelectorAll('.mention')].map((m) => m.textContent)).toEqual(['@everyone']);
  });

  it('offers edit and delete on own messages only, without MANAGE_MESSAGES', () => {
    renderLog(apply([{ type: 'latest', messages: [message(1, ALICE, 'm1 mine'), message(2, BOB, 'm2 theirs')], hasMoreBefore: false }]));
    const [mine, theirs] = screen.getAllByRole('article');
    expect(within(mine!).queryByRole('button', { name: 'Edit' })).not.toBeNull();
    expect(within(theirs!).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(theirs!).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(within(theirs!).queryByRole('button', { name: 'Reply' })).not.toBeNull();
  });

  it("shows a message's reactions under it, live, and offers Add reaction only with ADD_REACTIONS", () => {
    const onReact = vi.fn();
    const log = apply([
      { type: 'latest', messages: [message(1, ALICE, 'm1'), message(2, BOB, 'm2')], hasMoreBefore: false },
      { type: 'reaction', change: { messageId: '2', emoji: '👍', userId: BOB.id, reacted: true, count: 1 }, readerId: ALICE.id },
      { type: 'reaction', change: { messageId: '2', emoji: '👍', userId: ALICE.id, reacted: true, count: 2 }, readerId: ALICE.id },
    ]);
    renderLog(log, { onReact });
    const [plain, reacted] = screen.getAllByRole('article');
    expect(within(plain!).queryByRole('group', { name: 'Reactions' })).toBeNull();
    const chip = within(reacted!).getByRole('button', { name: '👍 2 reactions, including yours' });
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    chip.click();
    expect(onReact).toHaveBeenCalledWith('2', '👍', false);
    expect(within(reacted!).getByRole('button', { name: 'Add reaction' })).toBeTruthy();

    cleanup();
    renderLog(log, { canReact: false });
    const [, readOnly] = screen.getAllByRole('article');
    expect(within(readOnly!).queryByRole('button', { name: 'Add reaction' })).toBeNull();
    // Their own can still be taken back.
    expect((within(readOnly!).getByRole('button', { name: '👍 2 reactions, including yours' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('marks pinned messages, live, beside the time or after the text of a message without a header', () => {
    const pinnedAt = new Date(T0 + 90 * 60_000).toISOString();
    const log = apply([
      {
        type: 'latest',
        messages: [message(1, ALICE, 'm1', 0), message(2, ALICE, 'm2', 1), message(3, BOB, 'm3', 2)],
        hasMoreBefore: false,
      },
      // As MessageUpdated announces a pin by someone else: the message with its pinnedAt.
      { type: 'updated', message: { ...message(1, ALICE, 'm1', 0), pinnedAt } },
      { type: 'updated', message: { ...message(2, ALICE, 'm2', 1), pinnedAt } },
    ]);
    renderLog(log);
    const [first, continued, plain] = screen.getAllByRole('article');
    const marker = first!.querySelector('.message-header .pinned-marker');
    expect(marker?.textContent).toBe('Pinned');
    expect(marker?.getAttribute('title')).toBe(`Pinned ${formatDateTime(pinnedAt)}`);
    // No header: the marker ends the text.
    expect(continued!.querySelector('.message-header')).toBeNull();
    expect(continued!.querySelector('.message-body .pinned-marker')?.textContent).toBe('Pinned');
    expect(within(plain!).queryByText('Pinned')).toBeNull();

    // Unpinned elsewhere: the marker goes.
    cleanup();
    renderLog(messageLogReducer(log, { type: 'updated', message: message(1, ALICE, 'm1', 0) }));
    expect(within(screen.getAllByRole('article')[0]!).queryByText('Pinned')).toBeNull();
  });

  it('offers Pin on a message and Unpin on a pinned one to moderators only', () => {
    const onPin = vi.fn();
    const log = apply([
      {
        type: 'latest',
        messages: [message(1, BOB, 'm1'), { ...message(2, BOB, 'm2'), pinnedAt: new Date(T0).toISOString() }],
        hasMoreBefore: false,
      },
    ]);
    renderLog(log, { canPin: true, onPin });
    const [plain, pinned] = screen.getAllByRole('article');
    within(plain!).getByRole('button', { name: 'Pin' }).click();
    expect(within(plain!).queryByRole('button', { name: 'Unpin' })).toBeNull();
    within(pinned!).getByRole('button', { name: 'Unpin' }).click();
    expect(onPin.mock.calls).toEqual([
      ['1', true],
      ['2', false],
    ]);

    cleanup();
    renderLog(log, { canPin: false });
    expect(screen.queryByRole('button', { name: 'Pin' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Unpin' })).toBeNull();
    // Members still see which are pinned.
    expect(within(screen.getAllByRole('article')[1]!).getByText('Pinned')).toBeTruthy();
  });

  it('offers Reactions on a message with reactions to whoever may read the history', () => {
    const onShowReactions = vi.fn();
    const log = apply([
      {
        type: 'latest',
        messages: [message(1, BOB, 'm1'), { ...message(2, BOB, 'm2'), reactions: [{ emoji: '🎉', count: 2, me: false }] }],
        hasMoreBefore: false,
      },
    ]);
    renderLog(log, { canReact: false, onShowReactions });
    const [plain, reacted] = screen.getAllByRole('article');
    expect(within(plain!).queryByRole('button', { name: 'Reactions' })).toBeNull();
    const button = within(reacted!).getByRole('button', { name: 'Reactions' });
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    button.click();
    expect(onShowReactions).toHaveBeenCalledWith('2', button);

    cleanup();
    renderLog(log, { canReact: false, canSeeReactions: false });
    expect(screen.queryByRole('button', { name: 'Reactions' })).toBeNull();
  });

  it('a window around an old message offers the way back to the present, which asks for the latest page', () => {
    const onJumpToPresent = vi.fn();
    const window = apply([
      { type: 'latest', messages: [message(90, ALICE, 'm90')], hasMoreBefore: true },
      {
        type: 'around',
        messageId: '11',
        messages: [message(10, BOB, 'm10'), message(11, BOB, 'm11'), message(12, ALICE, 'm12')],
        hasMoreBefore: true,
        hasMoreAfter: true,
      },
    ]);
    renderLog(window, { onJumpToPresent });
    expect(shown()).toEqual(['m10', 'm11', 'm12']);
    screen.getByRole('button', { name: 'Jump to latest messages' }).click();
    expect(onJumpToPresent).toHaveBeenCalledTimes(1);

    // At the present, the button shows only once the reader scrolls away (never in jsdom).
    cleanup();
    renderLog(messageLogReducer(window, { type: 'latest', messages: [message(91, BOB, 'm91')], hasMoreBefore: true }), { onJumpToPresent });
    expect(shown()).toEqual(['m91']);
    expect(screen.queryByRole('button', { name: 'Jump to latest messages' })).toBeNull();
  });

  it('where a page could not be loaded, says so at that end and asks for it again on request', () => {
    const [onLoadOlder, onLoadNewer] = [vi.fn(), vi.fn()];
    const window = apply([
      { type: 'around', messageId: '11', messages: [message(11, BOB, 'm11')], hasMoreBefore: true, hasMoreAfter: true },
    ]);
    renderLog(window, { olderFailed: true, onLoadOlder, newerFailed: true, onLoadNewer });
    const [top, bottom] = screen.getAllByRole('alert');
    expect(top!.textContent).toBe('Could not load older messages. Try again');
    expect(bottom!.textContent).toBe('Could not load newer messages. Try again');
    // (Virtuoso asks for both ends itself as a short list fits in view: count the clicks' calls.)
    const calls = () => [onLoadOlder.mock.calls.length, onLoadNewer.mock.calls.length];
    const [older, newer] = calls();
    within(top!).getByRole('button', { name: 'Try again' }).click();
    expect(calls()).toEqual([older! + 1, newer]);
    within(bottom!).getByRole('button', { name: 'Try again' }).click();
    expect(calls()).toEqual([older! + 1, newer! + 1]);

    // Loading again: the notice gives way to the loading line.
    cleanup();
    renderLog(window, { loadingOlder: true, olderFailed: true });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Loading older messages…')).toBeTruthy();
  });
});
