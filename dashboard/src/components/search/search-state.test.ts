import { describe, expect, it } from 'vitest';
import { initialSearch, searchReducer, type SearchAction, type SearchState } from './search-state';

const GENERAL = { id: '10', name: 'general' };
const RANDOM = { id: '11', name: 'random' };
const run = (actions: SearchAction[], start: SearchState = initialSearch) => actions.reduce(searchReducer, start);

describe('search state', () => {
  it('runs the trimmed draft over the whole server by default, and opens the results', () => {
    const state = run([
      { type: 'draft', text: '  release notes ' },
      { type: 'submit', channel: GENERAL },
    ]);
    expect(state).toMatchObject({ open: true, request: { query: 'release notes', channel: null }, pages: [null] });
  });

  it('runs a search of filters alone (the API reads from: and in:)', () => {
    const state = run([
      { type: 'draft', text: 'from:alice ' },
      { type: 'submit', channel: GENERAL },
    ]);
    expect(state).toMatchObject({ open: true, request: { query: 'from:alice', channel: null }, pages: [null] });
  });

  it('runs nothing for an empty box', () => {
    const start = run([{ type: 'draft', text: '   ' }]);
    expect(searchReducer(start, { type: 'submit', channel: GENERAL })).toBe(start);
  });

  it('a scope change runs the search again, in the channel being read, from its first page', () => {
    const searched = run([
      { type: 'draft', text: 'cats' },
      { type: 'submit', channel: GENERAL },
      { type: 'more', before: '500' },
      { type: 'jumped', messageId: '480' },
    ]);
    expect(searched.pages).toEqual([null, '500']);
    const narrowed = searchReducer(searched, { type: 'scope', scope: 'channel', channel: RANDOM });
    expect(narrowed).toMatchObject({ scope: 'channel', request: { query: 'cats', channel: RANDOM }, pages: [null], activeId: null });
    // The same scope again changes nothing; the next search keeps the scope.
    expect(searchReducer(narrowed, { type: 'scope', scope: 'channel', channel: RANDOM })).toBe(narrowed);
    const next = run(
      [
        { type: 'draft', text: 'dogs' },
        { type: 'submit', channel: GENERAL },
      ],
      narrowed,
    );
    expect(next.request).toEqual({ query: 'dogs', channel: GENERAL });
    // Before any search, only the choice is kept.
    expect(searchReducer(initialSearch, { type: 'scope', scope: 'channel', channel: GENERAL })).toMatchObject({
      scope: 'channel',
      request: null,
      pages: [],
    });
  });

  it('adds each older page once', () => {
    const state = run([
      { type: 'draft', text: 'cats' },
      { type: 'submit', channel: GENERAL },
      { type: 'more', before: '500' },
      { type: 'more', before: '500' },
    ]);
    expect(state.pages).toEqual([null, '500']);
  });

  it('hiding keeps the results for later; closing ends the search and empties the box', () => {
    const searched = run([
      { type: 'draft', text: 'cats' },
      { type: 'submit', channel: GENERAL },
      { type: 'jumped', messageId: '7' },
    ]);
    const hidden = searchReducer(searched, { type: 'hide' });
    expect(hidden).toMatchObject({ open: false, request: searched.request, activeId: '7' });
    expect(searchReducer(hidden, { type: 'open' }).open).toBe(true);
    expect(searchReducer(searched, { type: 'close' })).toEqual({ ...initialSearch, scope: searched.scope });
  });
});
