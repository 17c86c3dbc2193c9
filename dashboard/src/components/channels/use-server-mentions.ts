'use client';

import { useQuery } from 'urql';
import { ServerSidebarQuery } from './channels.operations';
import { unreadState } from './unread';

/**
 * Mentions waiting in the server's channels other than the one being read, from the sidebar's query
 * in the cache (never a request of its own): for the menu button, when the sidebar is out of sight.
 */
export function useServerMentions(serverId: string | undefined, readingId: string | undefined): number {
  const [{ data }] = useQuery({
    query: ServerSidebarQuery,
    variables: { serverId: serverId ?? '' },
    pause: !serverId,
    requestPolicy: 'cache-only',
  });
  if (!data?.server) return 0;
  let total = 0;
  for (const count of unreadState(data.server.channels, readingId).mentions.values()) total += count;
  return total;
}
