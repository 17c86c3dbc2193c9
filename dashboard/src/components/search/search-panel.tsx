'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from 'urql';
import { ErrorState } from '@/components/ui/states';
import { CrossIcon } from '@/components/ui/line-icon';
import { apiErrorOf, type ApiError } from '@/lib/api-errors';
import { isPhoneScreen, ScopeChoice, SEARCH_RESULTS_ID, SearchField } from './search-box';
import { SearchResultItem } from './search-result';
import { useMessageSearch, type SearchChannel, type SearchRequest } from './search-state';
import { highlightPattern, highlightTerms, readSearchText } from './search-terms';
import { SEARCH_PAGE_SIZE, SearchMessagesQuery } from './search.operations';

interface SearchPanelProps {
  serverId: string;
  /** The channel being read: the "This channel" scope. */
  channel: SearchChannel;
  /** Opens a result: the message in its channel, in context. */
  onJump: (messageId: string, channelId: string) => void;
  /** The panel closed: focus goes back to the search box. */
  onClosed: () => void;
}

/**
 * The search's results: beside the chat on a wide screen (in the member list's place), over it on a
 * narrower one, the whole screen on a phone (with the search box, which the header then lacks).
 * Escape or the close button ends the search.
 */
export function SearchPanel({ serverId, channel, onJump, onClosed }: SearchPanelProps) {
  const { state, dispatch } = useMessageSearch();
  const { request } = state;
  const query = request?.query;
  const highlight = useMemo(() => (query ? highlightPattern(highlightTerms(query)) : undefined), [query]);
  // Back after navigating to a result's channel (or reopened on a phone): focus returns to that result.
  const restoring = useRef(state.activeId !== null);
  const close = () => {
    dispatch({ type: 'close' });
    onClosed();
  };
  const jump = useCallback(
    (messageId: string, channelId: string) => {
      dispatch({ type: 'jumped', messageId });
      // A phone shows the chat instead; the results come back with the search button.
      if (isPhoneScreen()) {
        dispatch({ type: 'hide' });
        onClosed();
      }
      onJump(messageId, channelId);
    },
    [dispatch, onClosed, onJump],
  );
  return (
    <aside
      className="side-panel search-panel"
      aria-label="Search results"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        close();
      }}
    >
      <header className="search-panel-header">
        <h2 className="search-panel-title">
          {request ? (
            <>
              Results for “{request.query}”{request.channel && ` in #${request.channel.name}`}
            </>
          ) : (
            'Search messages'
          )}
        </h2>
        <SearchField className="search-panel-field" channel={channel} autoFocus={!request && isPhoneScreen()} onClose={close} />
        <button type="button" className="icon-button" aria-label="Close search" onClick={close}>
          <CrossIcon />
        </button>
      </header>
      <ScopeChoice className="search-scope" channel={channel} />
      {request ? (
        <SearchResults
          // A new search starts a new list (its pages and counts).
          key={`${request.query}\n${request.channel?.id ?? ''}`}
          serverId={serverId}
          request={request}
          pages={state.pages}
          activeId={state.activeId}
          focusActive={restoring.current}
          highlight={highlight}
          onJump={jump}
          onMore={(before) => dispatch({ type: 'more', before })}
        />
      ) : (
        <p className="muted small search-hint">
          Type words and press Enter. Words match whole: “release” does not find “released”. <code>&quot;two words&quot;</code> match as a
          phrase, <code>-word</code> leaves one out, <code>or</code> allows either. <code>from:username</code> finds someone’s messages and{' '}
          <code>in:channel</code> a channel’s, with or without words.
        </p>
      )}
    </aside>
  );
}

/** How a page of results came back: its size and cursor, or the refusal. */
type PageOutcome = { count: number; hasMore: boolean; lastId: string | undefined } | { error: ApiError };

interface SearchResultsProps {
  serverId: string;
  request: SearchRequest;
  pages: (string | null)[];
  activeId: string | null;
  focusActive: boolean;
  highlight: RegExp | undefined;
  onJump: (messageId: string, channelId: string) => void;
  onMore: (before: string) => void;
}

/**
 * The pages of one search, newest first, each its own query (so the cache keeps every page current
 * and a panel shown again after navigating has them at once); a count or the state, announced.
 */
export function SearchResults({ serverId, request, pages, activeId, focusActive, highlight, onJump, onMore }: SearchResultsProps) {
  const [outcomes, setOutcomes] = useState<(PageOutcome | undefined)[]>([]);
  // The page "Load more" asked for: its first result takes focus, where the button was.
  const [askedPage, setAskedPage] = useState<number>();
  const report = useCallback(
    (index: number, outcome: PageOutcome | undefined) =>
      setOutcomes((current) => {
        if (current[index] === outcome) return current;
        const next = current.slice();
        next[index] = outcome;
        return next;
      }),
    [],
  );
  const shown = outcomes.slice(0, pages.length);
  const first = shown[0];
  const last = shown[pages.length - 1];
  const total = shown.reduce((sum, outcome) => sum + (outcome && 'count' in outcome ? outcome.count : 0), 0);
  const loadingMore = pages.length > 1 && !last;
  const where = request.channel ? ` in #${request.channel.name}` : '';
  const status = !first
    ? 'Searching…'
    : 'error' in first
      ? ''
      : first.count === 0
        ? `No messages match “${request.query}”${where}.`
        : `${total} ${total === 1 ? 'result' : 'results'}${loadingMore ? ', loading more…' : last && 'hasMore' in last && last.hasMore ? ', older ones follow' : ''}`;

  const moveFocus = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>('.search-result .action')];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };

  return (
    <div className="search-results-frame">
      <p
        className={first && 'count' in first && first.count === 0 ? 'search-status search-empty' : 'muted small search-status'}
        role="status"
      >
        {status}
      </p>
      {first && 'count' in first && first.count === 0 && <NothingFoundHint request={request} />}
      <ol id={SEARCH_RESULTS_ID} className="search-results" aria-label="Results" onKeyDown={moveFocus}>
        {pages.map((before, index) => (
          <SearchResultsPage
            key={before ?? 'newest'}
            index={index}
            serverId={serverId}
            request={request}
            before={before}
            activeId={activeId}
            focusActive={focusActive}
            focusFirst={index === askedPage}
            highlight={highlight}
            onJump={onJump}
            report={report}
          />
        ))}
      </ol>
      {last && 'hasMore' in last && last.hasMore && last.lastId && (
        <button
          type="button"
          className="button ghost search-more"
          onClick={() => {
            setAskedPage(pages.length);
            onMore(last.lastId!);
          }}
        >
          Load more
        </button>
      )}
    </div>
  );
}

/** Why a search may have found nothing: the words match whole, and the names after from: and in: exactly. */
function NothingFoundHint({ request }: { request: SearchRequest }) {
  const { words, from, in: channels } = readSearchText(request.query);
  if (from.length === 0 && channels.length === 0)
    return (
      <p className="muted small search-hint">
        Words match whole (“release” does not find “released”): try other or fewer words{request.channel ? ', or the whole server' : ''}.
      </p>
    );
  const names = from.length + channels.length > 1 ? 'names' : 'name';
  return (
    <p className="muted small search-hint">
      {from.length > 0 && (
        <>
          The name after <code>from:</code> must be a username, exactly (the @name, not the display name).{' '}
        </>
      )}
      {channels.length > 0 && (
        <>
          The name after <code>in:</code> must be a channel’s name, exactly.{' '}
        </>
      )}
      {words && <>Words match whole (“release” does not find “released”). </>}
      Check the {names}
      {words ? ', or try other or fewer words' : ''}
      {request.channel ? ', or search the whole server' : ''}.
    </p>
  );
}

interface SearchResultsPageProps {
  index: number;
  serverId: string;
  request: SearchRequest;
  before: string | null;
  activeId: string | null;
  focusActive: boolean;
  focusFirst: boolean;
  highlight: RegExp | undefined;
  onJump: (messageId: string, channelId: string) => void;
  report: (index: number, outcome: PageOutcome | undefined) => void;
}

function SearchResultsPage(props: SearchResultsPageProps) {
  const { index, request, report } = props;
  const [{ data, error }, refetch] = useQuery({
    query: SearchMessagesQuery,
    variables: {
      serverId: props.serverId,
      query: request.query,
      channelId: request.channel?.id ?? null,
      before: props.before,
      limit: SEARCH_PAGE_SIZE,
    },
    requestPolicy: 'cache-and-network',
  });
  const page = data?.searchMessages;
  const refusal = useMemo(() => (!page && error ? searchRefusal(apiErrorOf(error)) : undefined), [page, error]);
  const outcome = useMemo<PageOutcome | undefined>(
    () =>
      refusal
        ? { error: refusal }
        : page && { count: page.messages.length, hasMore: page.hasMore, lastId: page.messages[page.messages.length - 1]?.id },
    [page, refusal],
  );
  useEffect(() => report(index, outcome), [report, index, outcome]);

  if (refusal)
    return (
      <li className="search-error">
        <ErrorState
          error={refusal}
          // Words the API refused stay refused: only a failure is worth another try.
          onRetry={refusal.code === 'BAD_USER_INPUT' ? undefined : () => refetch({ requestPolicy: 'network-only' })}
        />
      </li>
    );
  if (!page)
    return index === 0 ? (
      <li className="search-loading" aria-hidden>
        <span className="spinner" />
      </li>
    ) : (
      <li className="muted small search-loading">Loading older results…</li>
    );
  return (
    <>
      {page.messages.map((result, i) => (
        <SearchResultItem
          key={result.id}
          result={result}
          highlight={props.highlight}
          active={result.id === props.activeId}
          focusOnMount={(props.focusFirst && i === 0) || (props.focusActive && result.id === props.activeId)}
          onJump={props.onJump}
        />
      ))}
    </>
  );
}

/** What the panel says when the API refused a search: the words' problem, in a sentence. */
export function searchRefusal(error: ApiError | undefined): ApiError {
  if (!error) return { code: 'INTERNAL', message: 'The search failed. Try again.' };
  switch (error.code) {
    case 'BAD_USER_INPUT': {
      const reason = error.message.replace(/^[\w.]+: /, '');
      return { ...error, message: error.field === 'query' ? `The search ${reason}.` : `The search was refused: ${reason}.` };
    }
    case 'NOT_FOUND':
      return { ...error, message: 'That channel was deleted, or you can no longer see it: search the whole server.' };
    default:
      return error;
  }
}
