'use client';

import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import { useOnReconnect } from '@/hooks/use-on-reconnect';
import { ShellQuery } from './servers.operations';

/** How often the rail's marks are read again while the page is in view. */
const RAIL_REFRESH_MS = 60_000;

/** Coming back to the page fires both visibilitychange and focus: one read for the two. */
const RETURN_GAP_MS = 2_000;

/**
 * Reads the server list, with each server's unread and mention marks, again from the API. The API has
 * no stream across servers, and following every channel of every server would take a subscription
 * each: one short query instead, whenever the marks may have moved unseen. On leaving a server (its
 * channels no longer followed), on coming back to the page, after a reconnect, and every minute while
 * the page is in view. The selected server's marks are live from the sidebar's channels (useServerUnread).
 *
 * Returns the server just left while the read on leaving it is on its way: the list's marks of it are
 * from before the visit, so its channels in the cache, followed until then, stand in meanwhile.
 */
export function useRailRefresh(selectedId: string | undefined): string | undefined {
  const client = useClient();
  const readList = useCallback(() => client.query(ShellQuery, {}, { requestPolicy: 'network-only' }).toPromise(), [client]);

  // Noticed while rendering, so the server just left never shows its old marks, not even for a frame.
  const [shownId, setShownId] = useState(selectedId);
  const [left, setLeft] = useState<{ id: string | undefined }>();
  if (shownId !== selectedId) {
    setShownId(selectedId);
    setLeft({ id: shownId });
  }
  useEffect(() => {
    if (!left) return;
    let waiting = true;
    void readList().then(() => waiting && setLeft(undefined));
    return () => {
      waiting = false;
    };
  }, [left, readList]);

  useOnReconnect(() => void readList());

  useEffect(() => {
    const visible = () => document.visibilityState === 'visible';
    let lastReturn = -Infinity;
    const onReturn = () => {
      if (!visible() || Date.now() - lastReturn < RETURN_GAP_MS) return;
      lastReturn = Date.now();
      void readList();
    };
    const timer = setInterval(() => {
      if (visible()) void readList();
    }, RAIL_REFRESH_MS);
    document.addEventListener('visibilitychange', onReturn);
    window.addEventListener('focus', onReturn);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onReturn);
      window.removeEventListener('focus', onReturn);
    };
  }, [readList]);

  return left?.id;
}
