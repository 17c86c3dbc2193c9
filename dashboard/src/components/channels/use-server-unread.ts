'use client';

import { useQuery } from 'urql';
import { ServerSidebarQuery } from './channels.operations';
import { serverUnread, type ServerUnread } from './unread';

/**
 * The server as the sidebar's query left it in the cache (never a request of its own), which the
 * sidebar keeps live while the server is open. Undefined while the cache holds nothing of it.
 */
export function useCachedSidebar(serverId: string | undefined) {
  const [{ data }] = useQuery({
    query: ServerSidebarQuery,
    variables: { serverId: serverId ?? '' },
    pause: !serverId,
    requestPolicy: 'cache-only',
  });
  return serverId && data?.server?.id === serverId ? data.server : undefined;
}

/** The server's unread marks from the sidebar's channels: for the menu button and the rail's selected server. */
export function useServerUnread(serverId: string | undefined, readingId: string | undefined): ServerUnread | undefined {
  const server = useCachedSidebar(serverId);
  return server && serverUnread(server.channels, readingId);
}
