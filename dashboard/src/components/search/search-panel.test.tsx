// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { CombinedError, Provider, type Client, type Operation, type OperationResult } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeSubject, never, type Subject } from 'wonka';
import { SearchBox } from './search-box';
import { SearchPanel, searchRefusal } from './search-panel';
import { MessageSearchProvider, useMessageSearch } from './search-state';

// jsdom has no layout observer; Radix's radio group measures with one.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

const GENERAL = { id: '10', name: 'general' };
const RANDOM = { id: '11', name: 'random' };

function result(id: number, content: string, channel = GENERAL, mentionsEveryone = false) {
  return {
    __typename: 'Message' as const,
    id: String(id),
    content,
    createdAt: '2026-11-30T12:00:00.000Z',
    editedAt: null,
    mentionsEveryone,
    mentionsHere: false,
    mentionedMembers: [],
    author: { __typename: 'User' as const, id: '1', displayName: 'Alice' },
    channel: { __typename: 'Channel' as const, ...channel },
  };
}

/** A client whose searchMessages answers come from the test, one query after another. */
function searchClient() {
  const asked: { operation: Operation; subject: Subject<OperationResult> }[] = [];
  const executeQuery = vi.fn((operation: Operation) => {
    const subject = makeSubject<OperationResult>();
    asked.push({ operation, subject });
    return subject.source;
  });
  const client = { executeQuery, executeMutation: () => never, executeSubscription: () => never } as unknown as Client;
  const answer = (n: number, messages: ReturnType<typeof result>[], hasMore = false) =>
    act(() =>
      asked[n]!.subject.next({
        operation: asked[n]!.operation,
        data: { searchMessages: { __typename: 'MessageSearchResult', hasMore, messages } },
      } as unknown as OperationResult),
    );
  const refuse = (n: number, code: string, message: string, field?: string) =>
    act(() =>
      asked[n]!.subject.next({
        operation: asked[n]!.operation,
        error: new CombinedError({ graphQLErrors: [{ message, extensions: { code, field } }] }),
      } as unknown as OperationResult),
    );
  return { client, asked, answer, refuse };
}

function Harness({ onJump }: { onJump: (messageId: string, channelId: string) => void }) {
  const { state } = useMessageSearch();
  return (
    <>
      <SearchBox channel={GENERAL} />
      {state.open && <SearchPanel serverId="1" channel={GENERAL} onJump={onJump} onClosed={() => undefined} />}
    </>
  );
}

function renderSearch(onJump = vi.fn()) {
  const search = searchClient();
  render(
    <Provider value={search.client}>
      <MessageSearchProvider>
        <Harness onJump={onJump} />
      </MessageSearchProvider>
    </Provider>,
  );
  return { ...search, onJump };
}

// The header's box (the panel holds another, which only a phone's screen shows).
const box = () => screen.getAllByRole('searchbox', { name: 'Search messages' })[0]!;
const searchFor = (text: string) => {
  fireEvent.change(box(), { target: { value: text } });
  fireEvent.submit(box().closest('form')!);
};
const status = () => screen.getByRole('status').textContent;
const panel = () => screen.queryByRole('complementary', { name: 'Search results' });

describe('search panel', () => {
  afterEach(cleanup);

  it('searches the whole server, shows the results with the words marked, and jumps to one', async () => {
    const { asked, answer, onJump } = renderSearch();
    expect(panel()).toBeNull();
    searchFor('  Release -draft ');
    expect(asked[0]!.operation.variables).toMatchObject({ serverId: '1', query: 'Release -draft', channelId: null, before: null });
    expect(status()).toBe('Searching…');
    expect(screen.getByRole('heading').textContent).toBe('Results for “Release -draft”');

    await answer(0, [result(30, 'The **release** is out, no draft'), result(20, 'release notes', RANDOM)]);
    expect(status()).toBe('2 results');
    const items = within(screen.getByRole('list', { name: 'Results' })).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.search-result-channel')?.textContent)).toEqual(['#general', '#random']);
    // Marked inside the markup, the excluded word not.
    expect([...items[0]!.querySelectorAll('mark')].map((m) => [m.textContent, m.parentElement?.tagName])).toEqual([['release', 'STRONG']]);
    expect(items[1]!.querySelector('mark')?.textContent).toBe('release');

    fireEvent.click(within(items[1]!).getByRole('button', { name: 'Jump' }));
    expect(onJump).toHaveBeenCalledWith('20', RANDOM.id);
    expect(within(items[1]!).getByRole('button', { name: 'Jump' }).getAttribute('aria-current')).toBe('true');
    // A click anywhere on a result jumps too.
    fireEvent.click(items[0]!.querySelector('.search-result-content')!);
    expect(onJump).toHaveBeenLastCalledWith('30', GENERAL.id);
  });

  it('shows @everyone as a mention only where the API says it was one', async () => {
    const { answer } = renderSearch();
    searchFor('meeting');
    await answer(0, [result(30, '@everyone meeting at 5', GENERAL, true), result(20, '@everyone meeting?', GENERAL, false)]);
    const items = within(screen.getByRole('list', { name: 'Results' })).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.mention')?.textContent ?? null)).toEqual(['@everyone', null]);
  });

  it('shows @here as a mention only where the API says it was one', async () => {
    const { answer } = renderSearch();
    searchFor('meeting');
    await answer(0, [{ ...result(30, '@here meeting now'), mentionsHere: true }, result(20, '@here meeting?')]);
    const items = within(screen.getByRole('list', { name: 'Results' })).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.mention')?.textContent ?? null)).toEqual(['@here', null]);
  });

  it('says when nothing matches, and in which channel', async () => {
    const { asked, answer } = renderSearch();
    // Chosen before searching, below the box.
    fireEvent.click(screen.getAllByRole('radio', { name: 'This channel' })[0]!);
    searchFor('released');
    expect(asked[0]!.operation.variables).toMatchObject({ query: 'released', channelId: GENERAL.id });
    await answer(0, []);
    expect(status()).toBe('No messages match “released” in #general.');
    expect(screen.getByText(/try other or fewer words, or the whole server/)).toBeTruthy();
  });

  it('explains the words and the from: and in: filters before anything is searched', () => {
    renderSearch();
    fireEvent.click(screen.getByRole('button', { name: 'Search messages' }));
    const hint = panel()!.querySelector('.search-hint')!;
    expect([...hint.querySelectorAll('code')].map((c) => c.textContent)).toEqual([
      '"two words"',
      '-word',
      'or',
      'from:username',
      'in:channel',
    ]);
    expect(hint.textContent).toContain('from:username finds someone’s messages and in:channel a channel’s, with or without words.');
  });

  it('runs a search of filters alone, and marks none of their names', async () => {
    const { asked, answer } = renderSearch();
    searchFor(' from:alice ');
    expect(asked[0]!.operation.variables).toMatchObject({ query: 'from:alice', channelId: null });
    expect(screen.getByRole('heading').textContent).toBe('Results for “from:alice”');
    await answer(0, [result(30, 'alice was here, from the start'), result(20, 'in general')]);
    expect(status()).toBe('2 results');
    expect(panel()!.querySelectorAll('mark')).toHaveLength(0);

    // With words: only the words are marked, not the names after from: and in:.
    searchFor('from:alice in:#general hello');
    expect(asked[1]!.operation.variables).toMatchObject({ query: 'from:alice in:#general hello' });
    await answer(1, [result(40, 'Hello from alice in general, hello!')]);
    expect([...panel()!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Hello', 'hello']);
  });

  it('when filters found nothing, says the names must match exactly', async () => {
    const { answer } = renderSearch();
    searchFor('from:Alicia');
    await answer(0, []);
    expect(status()).toBe('No messages match “from:Alicia”.');
    const hint = () => panel()!.querySelector('.search-results-frame .search-hint')!.textContent;
    expect(hint()).toBe('The name after from: must be a username, exactly (the @name, not the display name). Check the name.');

    // Words and a channel, in this channel only.
    fireEvent.click(within(panel()!).getByRole('radio', { name: 'This channel' }));
    searchFor('in:random release');
    await answer(2, []);
    expect(status()).toBe('No messages match “in:random release” in #general.');
    expect(hint()).toBe(
      'The name after in: must be a channel’s name, exactly. Words match whole (“release” does not find “released”). ' +
        'Check the name, or try other or fewer words, or search the whole server.',
    );
  });

  it("shows the API's refusal of the words, without a retry", async () => {
    const { refuse } = renderSearch();
    searchFor('!!!');
    await refuse(0, 'BAD_USER_INPUT', 'query: must contain a word', 'query');
    expect(screen.getByRole('alert').textContent).toBe('The search must contain a word.');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(status()).toBe('');
  });

  it('loads older results before the last one shown, and moves focus to the first of them', async () => {
    const { asked, answer } = renderSearch();
    searchFor('cats');
    await answer(0, [result(50, 'cats'), result(40, 'more cats')], true);
    expect(status()).toBe('2 results, older ones follow');
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(asked[1]!.operation.variables).toMatchObject({ query: 'cats', before: '40' });
    expect(status()).toBe('2 results, loading more…');
    expect(screen.getByText('Loading older results…')).toBeTruthy();
    await answer(1, [result(30, 'old cats')]);
    expect(status()).toBe('3 results');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.search-result-content')?.textContent)).toEqual(['cats', 'more cats', 'old cats']);
    expect(document.activeElement).toBe(within(items[2]!).getByRole('button', { name: 'Jump' }));
    // The arrows move between results.
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(within(items[1]!).getByRole('button', { name: 'Jump' }));
  });

  it('a scope change searches again; Escape ends the search and empties the box', async () => {
    const { asked, answer } = renderSearch();
    searchFor('cats');
    await answer(0, [result(50, 'cats')]);
    // The panel's choice (the box's shows only while the box has focus).
    fireEvent.click(within(panel()!).getByRole('radio', { name: 'This channel' }));
    expect(asked.at(-1)!.operation.variables).toMatchObject({ query: 'cats', channelId: GENERAL.id });
    expect(status()).toBe('Searching…');
    fireEvent.keyDown(box(), { key: 'Escape' });
    expect(panel()).toBeNull();
    expect((box() as HTMLInputElement).value).toBe('');
  });

  it('words the API refuses read as a sentence; other failures as they come', () => {
    expect(searchRefusal({ code: 'BAD_USER_INPUT', field: 'query', message: 'query: must be at most 200 characters' }).message).toBe(
      'The search must be at most 200 characters.',
    );
    expect(searchRefusal({ code: 'NOT_FOUND', message: 'Channel not found' }).message).toMatch(/search the whole server/);
    expect(searchRefusal(undefined).code).toBe('INTERNAL');
  });
});
