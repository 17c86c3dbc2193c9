'use client';

import { serverSignal } from '@/hooks/server-signal';

const pagesShown = new Map<string, number>();

/** How many pages of a server's members the list shows: one, more once asked (kept while the app runs). */
export const memberPagesShown = (serverId: string): number => pagesShown.get(serverId) ?? 1;

export function showMoreMembers(serverId: string): number {
  const next = memberPagesShown(serverId) + 1;
  pagesShown.set(serverId, next);
  return next;
}

const reloads = serverSignal();

/** Someone joined, left or changed (the sidebar hears it): every page the list shows asks again. */
export const reloadMemberList = (serverId: string): void => reloads.raise(serverId);

/** Runs `reload` on each reloadMemberList(serverId). */
export const useMemberListReload = (serverId: string, reload: () => void): void => reloads.useOn(serverId, reload);
