'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';

/** How long "is typing" shows after the last TypingStarted (the API's throttle is a few seconds). */
export const TYPING_SHOWN_MS = 8_000;

/** Who is typing in a channel, not counting the member themself; entries expire on their own. */
export function useTypingUsers(myUserId: string) {
  const [typing, setTyping] = useState<ReadonlyMap<string, { name: string; until: number }>>(new Map());

  const started = useCallback(
    (userId: string, name: string) => {
      if (userId === myUserId) return;
      setTyping((current) => new Map(current).set(userId, { name, until: Date.now() + TYPING_SHOWN_MS }));
    },
    [myUserId],
  );
  const stopped = useCallback((userId: string) => {
    setTyping((current) => {
      if (!current.has(userId)) return current;
      const next = new Map(current);
      next.delete(userId);
      return next;
    });
  }, []);

  useEffect(() => {
    if (typing.size === 0) return;
    const timer = setInterval(() => {
      const now = Date.now();
      setTyping((current) => {
        const next = new Map([...current].filter(([, entry]) => entry.until > now));
        return next.size === current.size ? current : next;
      });
    }, 1_000);
    return () => clearInterval(timer);
  }, [typing.size]);

  const names = useMemo(() => [...typing.values()].map((entry) => entry.name), [typing]);
  return { names, started, stopped };
}

/** "alice is typing…", "alice and bob are typing…", "several people are typing…". */
export function typingText(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'several people are typing…';
}
