'use client';

import { useCallback, useEffect, useState } from 'react';

/** Where the member list fits beside the chat (globals.css places it the same way). */
const WIDE_SCREEN = '(min-width: 1100px)';

/**
 * Whether the member list shows, and its toggle. On a wide screen it sits beside the chat, shown
 * unless hidden there; on a narrow one it is an overlay, closed until asked for. Each width keeps
 * its own choice, so a tablet turned upright or a window narrowed does not find the list covering
 * the chat. Closed until mounted, so the server render matches.
 */
export function useMemberPanel(): [open: boolean, toggle: () => void] {
  const [wide, setWide] = useState<boolean | null>(null);
  const [shownBeside, setShownBeside] = useState(true);
  const [overlayOpen, setOverlayOpen] = useState(false);
  useEffect(() => {
    const query = window.matchMedia(WIDE_SCREEN);
    setWide(query.matches);
    const follow = (event: MediaQueryListEvent) => {
      setWide(event.matches);
      setOverlayOpen(false);
    };
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  const toggle = useCallback(() => (wide ? setShownBeside((shown) => !shown) : setOverlayOpen((open) => !open)), [wide]);
  return [wide ? shownBeside : overlayOpen, toggle];
}
