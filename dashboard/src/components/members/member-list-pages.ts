'use client';

import { useEffect, useRef } from 'react';

const pagesShown = new Map<string, number>();

/** How many pages of a server's members the list shows: one, more once asked (kept while the app runs). */
export const memberPagesShown = (serverId: string): number => pagesShown.get(serverId) ?? 1;

export function showMoreMembers(serverId: string): number {
  const next = memberPagesShown(serverId) + 1;
  pagesShown.set(serverId, next);
  return next;
}

const reloads = new EventTarget();

/** Someone joined, left or changed (the sidebar hears it): every page the list shows asks again. */
export function reloadMemberList(serverId: string): void {
  reloads.dispatchEvent(new Event(serverId));
}

/** Runs `reload` on each reloadMemberList(serverId). */
export function useMemberListReload(serverId: string, reload: () => void): void {
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  });
  useEffect(() => {
    const listener = () => latest.current();
    reloads.addEventListener(serverId, listener);
    return () => reloads.removeEventListener(serverId, listener);
  }, [serverId]);
}
