'use client';

import { useEffect, useRef } from 'react';

/** A user's display name as it is now. */
export interface UserName {
  id: string;
  displayName: string;
}

const names = new EventTarget();

/**
 * Someone's display name as a MemberUpdated event carries it (the sidebar hears them). The cache
 * updates what it holds by itself; an open chat holds its messages outside it, each with a copy of
 * its author's name, so it renames them (useUserNames).
 */
export const announceUserName = (user: UserName): void => void names.dispatchEvent(new CustomEvent<UserName>('name', { detail: user }));

/** Runs `onName` on each announceUserName. */
export function useUserNames(onName: (user: UserName) => void): void {
  // The latest callback runs, without listening again on every render.
  const latest = useRef(onName);
  useEffect(() => {
    latest.current = onName;
  });
  useEffect(() => {
    const listener = (event: Event) => latest.current((event as CustomEvent<UserName>).detail);
    names.addEventListener('name', listener);
    return () => names.removeEventListener('name', listener);
  }, []);
}
