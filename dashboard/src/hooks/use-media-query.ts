'use client';

import { useCallback, useSyncExternalStore } from 'react';

/**
 * Whether the CSS media query matches, following changes (a window resized, a phone turned). False on
 * the server and where matchMedia is missing (jsdom), so the server render matches the first one.
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof window.matchMedia !== 'function') return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches,
    () => false,
  );
}
