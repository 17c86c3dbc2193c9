// @vitest-environment jsdom
import { cacheExchange } from '@urql/exchange-graphcache';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ComponentProps } from 'react';
import { Client, gql, makeResult, Provider, type Exchange, type OperationResult } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { filter, fromValue, makeSubject, map, mergeMap, never, pipe } from 'wonka';
import { cacheKeys, cacheUpdates } from '@/lib/cache-config';
import { getFragmentData } from '@/gql';
import { ChannelEventsSubscription, RemoveReactionMutation } from './chat.operations';
import {
  LISTED,
  ReactionListQuery,
  ReactionsDialog,
  ReactorFragment,
  notListed,
  removalRefusal,
  removeLabel,
  selectedEmoji,
} from './reactions-dialog';
import { ServerRolesContext, serverRoles } from './server-roles';

const person = (id: string, displayName: string) => ({
  __typename: 'User' as const,
  id,
  username: displayName.toLowerCase(),
  displayName,
  isBot: false,
});
const ALICE = person('1', 'Alice');
const BOB = person('2', 'Bob');
const CY = person('3', 'Cy');

const MESSAGE = {
  id: '7',
  content: 'Who is in for **Friday**?',
  author: { displayName: 'Alice' },
  reactions: [
    { emoji: '🎉', count: 1, me: false },
    { emoji: '👍', count: 2, me: true },
  ],
};

/** A client that answers each reactionUsers query with the people listed for its emoji. */
function clientWith(lists: Record<string, (typeof ALICE)[]>) {
  const executeQuery = vi.fn((request: { variables: { emoji: string; limit: number } }, _opts?: { requestPolicy?: string }) =>
    fromValue({ data: { reactionUsers: lists[request.variables.emoji] ?? [] } } as OperationResult),
  );
  const client = { executeQuery, executeMutation: () => never, executeSubscription: () => never } as unknown as Client;
  return { client, executeQuery };
}

type Props = ComponentProps<typeof ReactionsDialog>;

async function renderDialog(lists: Record<string, (typeof ALICE)[]>, props: Partial<Props> = {}) {
  const { client, executeQuery } = clientWith(lists);
  const all: Props = {
    message: MESSAGE,
    open: true,
    onOpenChange: vi.fn(),
    myUserId: ALICE.id,
    canRemoveOthers: true,
    onRemove: vi.fn(async () => undefined),
    ...props,
  };
  const view = render(
    <Provider value={client}>
      <ReactionsDialog {...all} />
    </Provider>,
  );
  await act(async () => undefined);
  const rerender = async (next: Partial<Props>) => {
    view.rerender(
      <Provider value={client}>
        <ReactionsDialog {...all} {...next} />
      </Provider>,
    );
    await act(async () => undefined);
  };
  return { ...all, executeQuery, rerender, dialog: screen.getByRole('dialog', { name: 'Reactions' }) };
}

const tabs = () => screen.getAllByRole('tab').map((tab) => [tab.getAttribute('aria-label'), tab.getAttribute('aria-selected')]);
const people = () =>
  within(screen.getByRole('list', { name: /^Reacted with/ }))
    .getAllByRole('listitem')
    .map((row) => row.querySelector('.reactor-names')!.textContent);
const removeButtons = () => screen.queryAllByRole('button', { name: /^Remove / }).map((b) => b.getAttribute('aria-label'));

describe('reactions dialog', () => {
  afterEach(cleanup);

  it('lists the emoji as tabs with their counts, and who reacted with the chosen one (asked for 100)', async () => {
    const { dialog, executeQuery } = await renderDialog({ '🎉': [BOB], '👍': [BOB, ALICE] });
    expect(within(dialog).getByText('On Alice’s message: Who is in for Friday?')).toBeTruthy();
    expect(within(dialog).getByRole('tablist', { name: 'Emoji' }).getAttribute('aria-orientation')).toBe('vertical');
    expect(tabs()).toEqual([
      ['🎉 1 reaction', 'true'],
      ['👍 2 reactions, including yours', 'false'],
    ]);
    // Each tab shows its emoji and count as the chips do, in the spans globals.css styles.
    expect(screen.getAllByRole('tab')[1]!.innerHTML).toBe(
      '<span class="reaction-emoji" aria-hidden="true">👍</span><span class="reaction-count" aria-hidden="true">2</span>',
    );
    // Focus starts on the chosen emoji.
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: '🎉 1 reaction' }));
    expect(executeQuery.mock.calls.map(([request]) => request.variables)).toContainEqual({ messageId: '7', emoji: '🎉', limit: LISTED });
    expect(people()).toEqual(['Bob @bob']);
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(screen.getByRole('tab', { name: '🎉 1 reaction' }).id);

    // A click on a tab, or the arrow keys, choose another emoji; its people are asked for then.
    fireEvent.mouseDown(screen.getByRole('tab', { name: '👍 2 reactions, including yours' }));
    expect(tabs().map(([, selected]) => selected)).toEqual(['false', 'true']);
    expect(people()).toEqual(['Bob @bob', 'Alice @alice']);
    expect(executeQuery.mock.calls.map(([request]) => request.variables.emoji)).toContain('👍');
    fireEvent.keyDown(screen.getByRole('tab', { name: '👍 2 reactions, including yours' }), { key: 'ArrowUp' });
    // Radix moves focus a task later, and choosing follows focus.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(tabs().map(([, selected]) => selected)).toEqual(['true', 'false']);
  });

  it('quotes the message with its members and channels by name, as the chat shows them', async () => {
    const { client } = clientWith({});
    const message = {
      ...MESSAGE,
      content: 'ask @bob, <@3> or <@4> in <#9>',
      mentionedMembers: [{ nickname: 'Bobby', user: BOB }, { user: CY }],
    };
    render(
      <Provider value={client}>
        <ServerRolesContext.Provider value={serverRoles([], [], [{ id: '9', name: 'mod-log' }], '1')}>
          <ReactionsDialog
            message={message}
            open
            onOpenChange={vi.fn()}
            myUserId={ALICE.id}
            canRemoveOthers
            onRemove={vi.fn(async () => undefined)}
          />
        </ServerRolesContext.Provider>
      </Provider>,
    );
    await act(async () => undefined);
    const dialog = screen.getByRole('dialog', { name: 'Reactions' });
    expect(within(dialog).getByText('On Alice’s message: ask @Bobby, @Cy or @unknown-user in #mod-log')).toBeTruthy();
  });

  it('gives moderators a remove button for everyone, and members for their own only', async () => {
    const onRemove = vi.fn(async () => undefined);
    await renderDialog({ '👍': [BOB, ALICE] }, { onRemove, message: { ...MESSAGE, reactions: [MESSAGE.reactions[1]!] } });
    expect(removeButtons()).toEqual(["Remove Bob's reaction", 'Remove your reaction']);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: "Remove Bob's reaction" })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Remove your reaction' })));
    // Someone else's by id; the reader's own without one, as the API takes it.
    expect(onRemove.mock.calls).toEqual([
      ['7', '👍', BOB.id],
      ['7', '👍', undefined],
    ]);
    cleanup();

    await renderDialog({ '👍': [BOB, ALICE] }, { canRemoveOthers: false, message: { ...MESSAGE, reactions: [MESSAGE.reactions[1]!] } });
    expect(removeButtons()).toEqual(['Remove your reaction']);
    cleanup();

    // A member who did not react with it: nobody's to remove.
    await renderDialog({ '🎉': [BOB] }, { canRemoveOthers: false });
    expect(removeButtons()).toEqual([]);
  });

  it('shows a refusal inside the dialog, with the wait when rate limited, and clears it on the next try', async () => {
    const onRemove = vi
      .fn<Props['onRemove']>()
      .mockResolvedValueOnce({ code: 'RATE_LIMITED', retryAfterMs: 4_100, scope: 'channel', message: 'You are reacting too fast' })
      .mockResolvedValueOnce({ code: 'FORBIDDEN', permission: 'MANAGE_MESSAGES', message: 'Missing permission MANAGE_MESSAGES' })
      .mockResolvedValueOnce(undefined);
    const { dialog } = await renderDialog({ '🎉': [BOB] }, { onRemove });
    const remove = () => act(async () => fireEvent.click(screen.getByRole('button', { name: "Remove Bob's reaction" })));
    await remove();
    expect(within(dialog).getByRole('alert').textContent).toBe('Too many reactions at once: try again in 5 s.');
    // Focus goes back to the button the refusal was about.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: "Remove Bob's reaction" }));
    await remove();
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'You do not have permission to remove other people’s reactions in this channel.',
    );
    await remove();
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('follows the live reactions: counts, an emoji gone (the next is chosen), none left; and says how many are not listed', async () => {
    const { rerender } = await renderDialog({ '🎉': [BOB], '👍': [BOB, ALICE] });
    await rerender({ message: { ...MESSAGE, reactions: [{ emoji: '🎉', count: 5, me: false }, MESSAGE.reactions[1]!] } });
    expect(tabs()[0]).toEqual(['🎉 5 reactions', 'true']);
    expect(screen.getByText('And 4 more, not listed here.')).toBeTruthy();

    await rerender({ message: { ...MESSAGE, reactions: [MESSAGE.reactions[1]!] } });
    expect(tabs()).toEqual([['👍 2 reactions, including yours', 'true']]);
    expect(people()).toEqual(['Bob @bob', 'Alice @alice']);
    expect(screen.queryByText(/not listed here/)).toBeNull();

    await rerender({ message: { ...MESSAGE, reactions: [] } });
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(screen.getByText('No reactions any more.')).toBeTruthy();
    await rerender({ message: undefined });
    expect(screen.getByText('That message was deleted.')).toBeTruthy();
  });

  it('asks again when the chosen emoji’s count rises (a live reaction names nobody), not when it falls', async () => {
    const { executeQuery, rerender } = await renderDialog({ '🎉': [BOB] });
    const asked = () =>
      executeQuery.mock.calls.filter(([request]) => request.variables.emoji === '🎉').map(([, opts]) => opts?.requestPolicy);
    expect(asked()).toEqual(['cache-and-network']);
    await rerender({ message: { ...MESSAGE, reactions: [{ emoji: '🎉', count: 2, me: false }, MESSAGE.reactions[1]!] } });
    expect(asked()).toEqual(['cache-and-network', 'network-only']);
    await rerender({ message: MESSAGE });
    expect(asked()).toEqual(['cache-and-network', 'network-only']);
  });

  it('closes on Escape and on its Close button', async () => {
    const onOpenChange = vi.fn();
    await renderDialog({ '🎉': [BOB] }, { onOpenChange });
    await act(async () => fireEvent.keyDown(document.activeElement!, { key: 'Escape' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Close' })));
    expect(onOpenChange.mock.calls).toEqual([[false], [false]]);
  });
});

describe('reactions dialog rules', () => {
  it('keeps the chosen emoji while it is there, else the first', () => {
    const reactions = MESSAGE.reactions;
    expect(selectedEmoji(reactions, undefined)).toBe('🎉');
    expect(selectedEmoji(reactions, '👍')).toBe('👍');
    expect(selectedEmoji(reactions, '❤️')).toBe('🎉');
    expect(selectedEmoji([], '👍')).toBeUndefined();
  });

  it('counts those not listed, never below zero (the list may be newer than the count)', () => {
    expect(notListed(103, 100)).toBe(3);
    expect(notListed(2, 2)).toBe(0);
    expect(notListed(1, 2)).toBe(0);
  });

  it('names each remove button after whose reaction it removes', () => {
    expect(removeLabel('Bob', false)).toBe("Remove Bob's reaction");
    expect(removeLabel('Alice', true)).toBe('Remove your reaction');
  });

  it('says why a removal was refused', () => {
    expect(removalRefusal({ code: 'FORBIDDEN', permission: 'MANAGE_MESSAGES', message: 'Missing permission' }).message).toBe(
      'You do not have permission to remove other people’s reactions in this channel.',
    );
    expect(removalRefusal({ code: 'RATE_LIMITED', retryAfterMs: 9_000, scope: 'channel', message: 'x' }).message).toBe(
      'Too many reactions at once: try again in 9 s.',
    );
    expect(removalRefusal({ code: 'NOT_FOUND', message: 'Message not found' }).message).toBe('That message was deleted.');
    // Not the emoji limit, which only adding meets.
    expect(removalRefusal({ code: 'BAD_USER_INPUT', field: 'userId', message: 'userId: not an id' }).message).toBe('userId: not an id');
    expect(removalRefusal(undefined).message).toBe('The reaction was not removed. Try again.');
  });
});

describe('who reacted, in the cache', () => {
  const MeQuery = gql`
    query Me {
      me {
        id
        username
      }
    }
  `;

  /** The app's cache and updaters in front of an API holding who reacted, that streams the channel's events. */
  function appClient(reactors: Record<string, (typeof ALICE)[]>) {
    const events = makeSubject<Record<string, unknown>>();
    const api: Exchange = () => (operations) =>
      pipe(
        operations,
        filter((op) => op.kind !== 'teardown'),
        mergeMap((op) => {
          if (op.kind === 'subscription')
            return pipe(
              events.source,
              map((channelEvents) => makeResult(op, { data: { channelEvents } })),
            );
          if (op.kind === 'mutation')
            return fromValue(makeResult(op, { data: { removeReaction: { __typename: 'Message', id: '7', reactions: [] } } }));
          const { emoji, limit } = (op.variables ?? {}) as { emoji?: string; limit?: number };
          if (!emoji) return fromValue(makeResult(op, { data: { me: { __typename: 'User', id: ALICE.id, username: 'alice' } } }));
          return fromValue(makeResult(op, { data: { reactionUsers: (reactors[emoji] ?? []).slice(0, limit) } }));
        }),
      );
    const client = new Client({ url: 'http://api.test', exchanges: [cacheExchange({ keys: cacheKeys, updates: cacheUpdates }), api] });
    const listed = (emoji: string, limit = LISTED) =>
      getFragmentData(
        ReactorFragment,
        client.readQuery(ReactionListQuery, { messageId: '7', emoji, limit })?.data?.reactionUsers ?? [],
      ).map((user) => user.displayName);
    // Each change waits for the client's queued work (a re-read of the lists it touched).
    const changed = async (emoji: string, userId: string, reacted: boolean, count: number) => {
      events.next({ __typename: 'MessageReactionChanged', channelId: '9', messageId: '7', emoji, userId, reacted, count });
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
    return { client, listed, changed };
  }

  it('someone whose reaction went leaves every list of that emoji at once: by its event, or as the API confirmed a removal', async () => {
    // Without a schema (as in the app) graphcache warns while it matches the event union's fragments by their fields.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { client, listed, changed } = appClient({ '👍': [BOB, ALICE, CY], '🎉': [BOB] });
    const watch = (emoji: string, limit = LISTED) =>
      client.query(ReactionListQuery, { messageId: '7', emoji, limit }, { requestPolicy: 'cache-first' }).subscribe(() => undefined);
    const lists = [watch('👍'), watch('👍', 2), watch('🎉')];
    const stream = client.subscription(ChannelEventsSubscription, { channelId: '9' }).subscribe(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(listed('👍')).toEqual(['Bob', 'Alice', 'Cy']);
    expect(listed('👍', 2)).toEqual(['Bob', 'Alice']);

    // Bob's 👍 removed (by a moderator, elsewhere): he leaves both 👍 lists, not the 🎉 one.
    await changed('👍', BOB.id, false, 2);
    expect(listed('👍')).toEqual(['Alice', 'Cy']);
    expect(listed('👍', 2)).toEqual(['Alice']);
    expect(listed('🎉')).toEqual(['Bob']);
    // A new reaction names nobody: the lists stay as they are (the dialog asks again as its count rises).
    await changed('👍', BOB.id, true, 3);
    expect(listed('👍')).toEqual(['Alice', 'Cy']);

    // A removal the API confirmed takes the person off at once, before its event: someone named, or the reader.
    await client.mutation(RemoveReactionMutation, { messageId: '7', emoji: '👍', userId: CY.id }).toPromise();
    expect(listed('👍')).toEqual(['Alice']);
    await client.query(MeQuery, {}).toPromise();
    await client.mutation(RemoveReactionMutation, { messageId: '7', emoji: '👍', userId: null }).toPromise();
    expect(listed('👍')).toEqual([]);
    expect(listed('🎉')).toEqual(['Bob']);

    for (const list of lists) list.unsubscribe();
    stream.unsubscribe();
    warn.mockRestore();
  });
});
