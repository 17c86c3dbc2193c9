'use client';

import { useEffect, useRef } from 'react';

/** How a user is shown, as it is now: their display name and avatar. */
export interface ShownUser {
  id: string;
  displayName: string;
  avatarUrl?: string | null;
}

const changes = new EventTarget();

/**
 * Someone's name and avatar as a MemberUpdated event carries them (the sidebar hears them). The cache
 * updates what it holds by itself; an open chat holds its messages outside it, each with a copy of
 * its author, so it updates them (useUserChanges).
 */
export const announceUser = (user: ShownUser): void => void changes.dispatchEvent(new CustomEvent<ShownUser>('user', { detail: user }));

/** Runs `onChange` on each announceUser. */
export function useUserChanges(onChange: (user: ShownUser) => void): void {
  // The latest callback runs, without listening again on every render.
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    const listener = (event: Event) => latest.current((event as CustomEvent<ShownUser>).detail);
    changes.addEventListener('user', listener);
    return () => changes.removeEventListener('user', listener);
  }, []);
}
