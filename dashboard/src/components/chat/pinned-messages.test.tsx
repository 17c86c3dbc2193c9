// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Provider, type Client, type OperationResult } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeSubject, never } from 'wonka';
import { getFragmentData } from '@/gql';
import { cachedApi } from '@/test/cached-api';
import { ChannelEventsSubscription } from './chat.operations';
import {
  PinnedMessageFragment,
  PinnedMessageList,
  PinnedMessagesButton,
  PinnedMessagesQuery,
  pinRefusal,
  stillPinned,
} from './pinned-messages';

const ALICE = { __typename: 'User' as const, id: '1', displayName: 'Alice' };
const BOB = { __typename: 'User' as const, id: '2', displayName: 'Bob' };

function pin(id: string, author: typeof ALICE, content: string, pinnedAt: string | null) {
  return {
    __typename: 'Message' as const,
    id,
    content,
    createdAt: '2026-11-30T12:00:00.000Z',
    pinnedAt,
    mentionsEveryone: false,
    mentionsHere: false,
    mentionedMembers: [],
    author,
  };
}

/** A client whose pinnedMessages answers come from the test, one after another, as the cache would send them. */
function clientWithPins() {
  const subject = makeSubject<OperationResult>();
  const executeQuery = vi.fn(() => subject.source);
  const client = { executeQuery, executeMutation: () => never, executeSubscription: () => never } as unknown as Client;
  const answer = (pinnedMessages: ReturnType<typeof pin>[] | undefined, error?: OperationResult['error']) =>
    act(() => subject.next({ data: pinnedMessages && { pinnedMessages }, error } as OperationResult));
  return { client, executeQuery, answer };
}

const withClient = (client: Client, ui: ReactNode) => render(<Provider value={client}>{ui}</Provider>);
const rows = () => screen.getAllByRole('listitem').map((li) => li.querySelector('.pin-content')!.textContent);

describe('pins panel', () => {
  afterEach(cleanup);

  it('lists the pins latest pinned first, and hides one unpinned elsewhere while it is open', async () => {
    const { client, answer } = clientWithPins();
    const onJump = vi.fn();
    const onUnpin = vi.fn();
    withClient(client, <PinnedMessageList channelId="9" canPin onJump={onJump} onUnpin={onUnpin} />);
    expect(screen.getByRole('status').textContent).toBe('Loading pinned messages…');

    const rules = pin('10', ALICE, '**Rules**: be kind', '2026-12-01T10:00:00.000Z');
    const friday = pin('11', BOB, 'Friday at 8', '2026-12-01T11:00:00.000Z');
    await answer([rules, friday]);
    expect(rows()).toEqual(['Friday at 8', 'Rules: be kind']);
    const [first] = screen.getAllByRole('listitem');
    expect(first!.querySelector('.message-author')?.textContent).toBe('Bob');
    // Shown with the chat's markup, never as HTML.
    expect(screen.getAllByRole('listitem')[1]!.querySelector('strong')?.textContent).toBe('Rules');

    fireEvent.click(within(first!).getByRole('button', { name: 'Jump' }));
    fireEvent.click(within(first!).getByRole('button', { name: 'Unpin' }));
    expect(onJump).toHaveBeenCalledWith('11');
    expect(onUnpin).toHaveBeenCalledWith('11');

    // The cache's next answer: Bob's message unpinned (its MessageUpdated), the list as it was asked for.
    await answer([rules, { ...friday, pinnedAt: null }]);
    expect(rows()).toEqual(['Rules: be kind']);
    await answer([
      { ...rules, pinnedAt: null },
      { ...friday, pinnedAt: null },
    ]);
    expect(screen.getByText('No pinned messages yet.')).toBeTruthy();
  });

  it('without MANAGE_MESSAGES: Jump only, and an empty list says so without the moderator hint', async () => {
    const { client, answer } = clientWithPins();
    withClient(client, <PinnedMessageList channelId="9" canPin={false} onJump={vi.fn()} onUnpin={vi.fn()} />);
    await answer([pin('10', ALICE, 'Rules', '2026-12-01T10:00:00.000Z')]);
    expect(screen.queryByRole('button', { name: 'Unpin' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Jump' })).toBeTruthy();
    await answer([]);
    expect(screen.getByText('No pinned messages yet.')).toBeTruthy();
    expect(screen.queryByText(/To pin a message/)).toBeNull();
  });

  it('shows @everyone as a mention only in a pin that mentions everyone', async () => {
    const { client, answer } = clientWithPins();
    withClient(client, <PinnedMessageList channelId="9" canPin={false} onJump={vi.fn()} onUnpin={vi.fn()} />);
    await answer([
      { ...pin('11', ALICE, '@everyone meeting at 8', '2026-12-01T11:00:00.000Z'), mentionsEveryone: true },
      pin('10', BOB, '@everyone look', '2026-12-01T10:00:00.000Z'),
    ]);
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('.mention')?.textContent ?? null)).toEqual(['@everyone', null]);
    expect(rows()).toEqual(['@everyone meeting at 8', '@everyone look']);
  });

  it('shows @here as a mention only in a pin that mentions those online', async () => {
    const { client, answer } = clientWithPins();
    withClient(client, <PinnedMessageList channelId="9" canPin={false} onJump={vi.fn()} onUnpin={vi.fn()} />);
    await answer([
      { ...pin('11', ALICE, '@here meeting now', '2026-12-01T11:00:00.000Z'), mentionsHere: true },
      pin('10', BOB, '@here look', '2026-12-01T10:00:00.000Z'),
    ]);
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('.mention')?.textContent ?? null)).toEqual(['@here', null]);
    expect(rows()).toEqual(['@here meeting now', '@here look']);
  });

  it('tells moderators how to pin when there is none, and offers a retry after an error', async () => {
    const { client, executeQuery, answer } = clientWithPins();
    withClient(client, <PinnedMessageList channelId="9" canPin onJump={vi.fn()} onUnpin={vi.fn()} />);
    await answer([]);
    expect(screen.getByText(/^To pin a message, use the pin button among its actions/)).toBeTruthy();
    cleanup();

    withClient(client, <PinnedMessageList channelId="9" canPin onJump={vi.fn()} onUnpin={vi.fn()} />);
    const { CombinedError } = await import('urql');
    await answer(undefined, new CombinedError({ networkError: new Error('offline') }));
    expect(screen.getByRole('alert').textContent).toContain('Cannot reach the server.');
    const asked = executeQuery.mock.calls.length;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(executeQuery.mock.calls.length).toBeGreaterThan(asked);
  });

  it('opens from the header button, asks for the list then, closes on Jump and on Escape', async () => {
    const { client, executeQuery, answer } = clientWithPins();
    const onJump = vi.fn();
    withClient(client, <PinnedMessagesButton channelId="9" canPin={false} onJump={onJump} onUnpin={vi.fn()} />);
    const button = screen.getByRole('button', { name: 'Pinned messages' });
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(executeQuery).not.toHaveBeenCalled();
    const open = () =>
      act(async () => {
        fireEvent.pointerDown(button, { button: 0, pointerType: 'mouse' });
        fireEvent.click(button);
      });
    await open();
    const panel = screen.getByRole('dialog', { name: 'Pinned messages' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(executeQuery).toHaveBeenCalled();
    expect(panel.contains(document.activeElement)).toBe(true);
    await answer([pin('10', ALICE, 'Rules', '2026-12-01T10:00:00.000Z')]);
    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Jump' })));
    expect(onJump).toHaveBeenCalledWith('10');
    expect(screen.queryByRole('dialog')).toBeNull();

    await open();
    await act(async () => fireEvent.keyDown(document.activeElement!, { key: 'Escape' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    // Radix hands focus back from a timer after the popover unmounts, so wait for that timer rather than a tick.
    await waitFor(() => expect(document.activeElement).toBe(button));
  });
});

describe('pins', () => {
  it('keep the pinned ones, latest pinned first (ties by the newer message)', () => {
    const at = (id: string, pinnedAt: string | null) => ({ id, pinnedAt });
    expect(
      stillPinned([
        at('5', '2026-12-01T10:00:00.000Z'),
        at('6', null),
        at('7', '2026-12-01T12:00:00.000Z'),
        at('10', '2026-12-01T10:00:00.000Z'),
      ]).map((p) => p.id),
    ).toEqual(['7', '10', '5']);
  });

  it('say why a pin or an unpin was refused', () => {
    expect(
      pinRefusal(
        { code: 'BAD_USER_INPUT', field: 'messageId', message: 'a channel holds at most 50 pinned messages; unpin one first' },
        true,
      ).message,
    ).toBe('A channel holds at most 50 pinned messages: unpin one first.');
    expect(pinRefusal({ code: 'FORBIDDEN', permission: 'MANAGE_MESSAGES', message: 'Missing permission' }, false).message).toBe(
      'You do not have permission to unpin messages in this channel.',
    );
    expect(pinRefusal({ code: 'TIMED_OUT', message: 'You are timed out' }, true).message).toBe(
      'You are timed out and cannot pin messages.',
    );
    expect(pinRefusal({ code: 'TIMED_OUT', until: '2026-12-01T10:00:00.000Z', message: 'x' }, true).message).toMatch(
      /^You are timed out until .+ and cannot pin messages\.$/,
    );
    expect(pinRefusal({ code: 'NOT_FOUND', message: 'Message not found' }, true).message).toBe('That message was deleted.');
    expect(pinRefusal(undefined, false).message).toBe('The message was not unpinned. Try again.');
    expect(pinRefusal({ code: 'NETWORK_ERROR', message: 'Cannot reach the server.' }, true).message).toBe('Cannot reach the server.');
  });

  it("keep a channel's cached list current: pinned elsewhere joins it, deleted leaves it", async () => {
    // The app's cache and updaters, in front of an API that answers the pins once and then streams events.
    // Without a schema (as in the app) graphcache warns while it matches the event union's fragments by their fields.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // Channel 9's pins; any other channel's stay unanswered, so a read of them shows what the cache holds.
    const { client, push } = cachedApi(
      (op) => (op.variables?.channelId === '9' ? { pinnedMessages: [pin('10', ALICE, 'm10', '2026-12-01T10:00:00.000Z')] } : null),
      ['ChannelEvents'],
    );
    const pinsOf = (channelId: string) => client.readQuery(PinnedMessagesQuery, { channelId })?.data?.pinnedMessages;
    const listed = (channelId: string) => pinsOf(channelId)?.map((m) => m.id);
    await client.query(PinnedMessagesQuery, { channelId: '9' }).toPromise();
    const stream = client.subscription(ChannelEventsSubscription, { channelId: '9' }).subscribe(() => undefined);
    const chatMessage = (id: string, channelId: string, pinnedAt: string | null) => ({
      ...pin(id, ALICE, `m${id}`, pinnedAt),
      author: { ...ALICE, username: 'alice' },
      editedAt: null,
      replyTo: null,
      channel: { __typename: 'Channel', id: channelId },
    });
    const updated = (id: string, channelId: string, pinnedAt: string | null) =>
      push({ __typename: 'MessageUpdated', message: chatMessage(id, channelId, pinnedAt) });
    expect(listed('9')).toEqual(['10']);

    updated('11', '9', '2026-12-01T11:00:00.000Z');
    expect(listed('9')).toEqual(['11', '10']);
    // Again (a replay), an unpin (listed still, with no pinnedAt: the panel hides it), a channel not asked for.
    updated('11', '9', '2026-12-01T11:00:00.000Z');
    updated('10', '9', null);
    updated('12', '8', '2026-12-01T11:00:00.000Z');
    expect(listed('9')).toEqual(['11', '10']);
    expect(getFragmentData(PinnedMessageFragment, pinsOf('9')![1]!).pinnedAt).toBeNull();
    expect(listed('8')).toBeUndefined();

    push({ __typename: 'MessageDeleted', messageId: '11' });
    expect(listed('9')).toEqual(['10']);
    stream.unsubscribe();
    warn.mockRestore();
  });
});
