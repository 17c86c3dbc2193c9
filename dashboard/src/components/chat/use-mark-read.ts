'use client';

import { useEffect, useRef } from 'react';
import { useMutation } from 'urql';
import { MarkChannelReadMutation } from './chat.operations';
import { compareIds } from './message-log';

/**
 * Moves the member's read marker to the newest message while the page is in view: on open, as
 * messages arrive, and when the tab becomes visible again. The API keeps the marker, so every
 * device of the member shows the same unread dots.
 */
export function useMarkRead(channelId: string, newestId: string | undefined): void {
  const [, markRead] = useMutation(MarkChannelReadMutation);
  const marked = useRef<string | undefined>(undefined);

  useEffect(() => {
    const mark = () => {
      if (!newestId || document.visibilityState !== 'visible') return;
      if (marked.current && compareIds(newestId, marked.current) <= 0) return;
      marked.current = newestId;
      void markRead({ channelId, messageId: newestId });
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [channelId, newestId, markRead]);
}
