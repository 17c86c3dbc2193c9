'use client';

import { RadioGroup } from 'radix-ui';
import { forwardRef, useImperativeHandle, useRef, type KeyboardEvent } from 'react';
import { LineIcon } from '@/components/ui/line-icon';
import { useMessageSearch, type SearchChannel, type SearchScope } from './search-state';

/** The id of the results list: the box controls it, and ArrowDown moves into it. */
export const SEARCH_RESULTS_ID = 'message-search-results';
/** Where the search is a full-screen overlay opened by a button (globals.css places it the same way). */
export const PHONE_SCREEN = '(max-width: 600px)';

export const isPhoneScreen = () => typeof window.matchMedia === 'function' && window.matchMedia(PHONE_SCREEN).matches;

export function SearchIcon({ className }: { className?: string }) {
  return (
    <LineIcon className={className} size={18} strokeWidth={2.2}>
      <circle cx="10.5" cy="10.5" r="6" />
      <path d="M15 15l5 5" />
    </LineIcon>
  );
}

/** Where the search looks: the whole server (the default) or the channel being read. A change searches again. */
export function ScopeChoice({ className, channel }: { className: string; channel: SearchChannel }) {
  const { state, dispatch } = useMessageSearch();
  return (
    <RadioGroup.Root
      className={className}
      aria-label="Search in"
      orientation="horizontal"
      value={state.scope}
      onValueChange={(scope) => dispatch({ type: 'scope', scope: scope as SearchScope, channel })}
    >
      <RadioGroup.Item className="search-scope-option" value="server">
        Whole server
      </RadioGroup.Item>
      <RadioGroup.Item className="search-scope-option" value="channel">
        This channel
      </RadioGroup.Item>
    </RadioGroup.Root>
  );
}

interface SearchFieldProps {
  className: string;
  /** The channel being read, for the "This channel" scope. */
  channel: SearchChannel;
  autoFocus?: boolean;
  /** Escape: the search ends. */
  onClose: () => void;
  /** Below the box while it (or this) has focus and no results show (they have their own): the scope, to choose before searching. */
  withScope?: boolean;
}

/** The search input: Enter runs it, Escape ends it, ArrowDown moves to the first result. */
export const SearchField = forwardRef<HTMLInputElement, SearchFieldProps>(function SearchField(
  { className, channel, autoFocus, onClose, withScope },
  ref,
) {
  const { state, dispatch } = useMessageSearch();
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'ArrowDown') {
      const first = document.getElementById(SEARCH_RESULTS_ID)?.querySelector<HTMLElement>('.search-result .action');
      if (!first) return;
      event.preventDefault();
      first.focus();
    }
  };
  return (
    <form
      role="search"
      className={`search-field ${className}`}
      onSubmit={(event) => {
        event.preventDefault();
        dispatch({ type: 'submit', channel });
      }}
    >
      <input
        ref={ref}
        type="search"
        className="field-input search-input"
        aria-label="Search messages"
        placeholder="Search"
        enterKeyHint="search"
        autoComplete="off"
        aria-controls={state.request ? SEARCH_RESULTS_ID : undefined}
        autoFocus={autoFocus}
        value={state.draft}
        onChange={(event) => dispatch({ type: 'draft', text: event.target.value })}
        onKeyDown={onKeyDown}
      />
      <SearchIcon className="search-field-icon" />
      {withScope && !state.open && (
        <div className="menu search-box-options">
          <div className="menu-label" aria-hidden>
            Search in
          </div>
          <ScopeChoice className="search-scope-choice" channel={channel} />
        </div>
      )}
    </form>
  );
});

export interface SearchBoxHandle {
  /** Focus back on the search (after the panel closes): the box, or on a phone its button. */
  focus: () => void;
}

/**
 * The channel header's search: a compact box that widens while focused (the scope choice below it),
 * or on a phone a button that opens the full-screen search (which holds the box). Both are there,
 * one shown at a time by the screen's width.
 */
export const SearchBox = forwardRef<SearchBoxHandle, { channel: SearchChannel }>(function SearchBox({ channel }, ref) {
  const { state, dispatch } = useMessageSearch();
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => (isPhoneScreen() ? button : input).current?.focus() }), []);
  return (
    <>
      <SearchField ref={input} className="search-box" channel={channel} withScope onClose={() => dispatch({ type: 'close' })} />
      <button
        ref={button}
        type="button"
        className="icon-button search-open-button"
        aria-label="Search messages"
        aria-expanded={state.open}
        onClick={() => dispatch({ type: 'open' })}
      >
        <SearchIcon />
      </button>
    </>
  );
});
