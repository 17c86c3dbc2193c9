'use client';

import { useQuery } from 'urql';
import { ServerSidebarQuery } from './channels.operations';
import { serverUnread, type ServerUnread } from './unread';

/**
 * The server's unread marks from the sidebar's query in the cache (never a request of its own), which
 * the sidebar keeps live while the server is open: for the menu button and the rail's selected server.
 * Undefined while the cache holds nothing of it.
 */
export function useServerUnread(serverId: string | undefined, readingId: string | undefined): ServerUnread | undefined {
  const [{ data }] = useQuery({
    query: ServerSidebarQuery,
    variables: { serverId: serverId ?? '' },
    pause: !serverId,
    requestPolicy: 'cache-only',
  });
  return serverId && data?.server?.id === serverId ? serverUnread(data.server.channels, readingId) : undefined;
}
