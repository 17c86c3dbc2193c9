'use client';

import { useCallback, useState } from 'react';

const key = (channelId: string) => `rashigo.draft.${channelId}`;

/**
 * A channel's unsent text, kept in sessionStorage so switching channels or reloading loses nothing.
 * `restore` puts back a refused message: alone when the composer is empty, else before what was typed since.
 */
export function useDraft(channelId: string): [string, (value: string) => void, (refused: string) => void] {
  const [draft, setDraftState] = useState(() =>
    typeof window === 'undefined' ? '' : (window.sessionStorage.getItem(key(channelId)) ?? ''),
  );
  const setDraft = useCallback(
    (value: string) => {
      setDraftState(value);
      if (value) window.sessionStorage.setItem(key(channelId), value);
      else window.sessionStorage.removeItem(key(channelId));
    },
    [channelId],
  );
  const restore = useCallback(
    (refused: string) => {
      setDraftState((current) => {
        const value = current ? `${refused}\n${current}` : refused;
        window.sessionStorage.setItem(key(channelId), value);
        return value;
      });
    },
    [channelId],
  );
  return [draft, setDraft, restore];
}
