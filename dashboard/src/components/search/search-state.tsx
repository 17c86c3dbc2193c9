'use client';

import { createContext, useContext, useMemo, useReducer, type Dispatch, type ReactNode } from 'react';

/** Where a search looks: every channel of the server the member may read, or the one being read. */
export type SearchScope = 'server' | 'channel';

export interface SearchChannel {
  id: string;
  name: string;
}

/** One search as run: the results panel shows its answers. */
export interface SearchRequest {
  /** As typed, trimmed; the API reads its words. */
  query: string;
  /** Only this channel's messages; null for the whole server. */
  channel: SearchChannel | null;
}

/**
 * A server's search, kept above its channel pages (the server's layout), so the results stay open
 * while the member jumps from one channel to another through them.
 */
export interface SearchState {
  /** The results panel shows (on a phone, the full-screen search, perhaps before anything was searched). */
  open: boolean;
  /** The search box's text. */
  draft: string;
  scope: SearchScope;
  /** Null until something is searched, and again once closed. */
  request: SearchRequest | null;
  /** The `before` of each page of results shown: null for the newest, then the last id of the page above. */
  pages: (string | null)[];
  /** The result jumped to last: marked in the list, and focused when the panel comes back after navigating. */
  activeId: string | null;
}

export type SearchAction =
  | { type: 'draft'; text: string }
  /** Runs the draft; `channel` is the one being read, for the 'channel' scope. */
  | { type: 'submit'; channel: SearchChannel }
  /** Changes the scope, and runs the current search again with it. */
  | { type: 'scope'; scope: SearchScope; channel: SearchChannel }
  | { type: 'more'; before: string }
  /** Shows the panel (a phone's search button: the box is in it). */
  | { type: 'open' }
  /** Hides the panel and keeps the results, to show them again (a phone, after a jump). */
  | { type: 'hide' }
  /** Ends the search: the panel closes, the box empties. */
  | { type: 'close' }
  | { type: 'jumped'; messageId: string };

export const initialSearch: SearchState = { open: false, draft: '', scope: 'server', request: null, pages: [], activeId: null };

export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'draft':
      return { ...state, draft: action.text };
    case 'submit': {
      const query = state.draft.trim();
      if (!query) return state;
      return {
        ...state,
        open: true,
        request: { query, channel: state.scope === 'channel' ? { id: action.channel.id, name: action.channel.name } : null },
        pages: [null],
        activeId: null,
      };
    }
    case 'scope': {
      const channel = action.scope === 'channel' ? { id: action.channel.id, name: action.channel.name } : null;
      if (action.scope === state.scope && (!state.request || state.request.channel?.id === channel?.id)) return state;
      const request = state.request && { ...state.request, channel };
      return { ...state, scope: action.scope, request, pages: request ? [null] : [], activeId: null };
    }
    case 'more':
      return state.pages.includes(action.before) ? state : { ...state, pages: [...state.pages, action.before] };
    case 'open':
      return { ...state, open: true };
    case 'hide':
      return { ...state, open: false };
    case 'close':
      return { ...state, open: false, draft: '', request: null, pages: [], activeId: null };
    case 'jumped':
      return { ...state, activeId: action.messageId };
  }
}

const SearchContext = createContext<{ state: SearchState; dispatch: Dispatch<SearchAction> } | null>(null);

/** Holds one server's search for the pages under it. */
export function MessageSearchProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(searchReducer, initialSearch);
  const value = useMemo(() => ({ state, dispatch }), [state]);
  return <SearchContext.Provider value={value}>{children}</SearchContext.Provider>;
}

export function useMessageSearch(): { state: SearchState; dispatch: Dispatch<SearchAction> } {
  const search = useContext(SearchContext);
  if (!search) throw new Error('useMessageSearch outside <MessageSearchProvider>');
  return search;
}
