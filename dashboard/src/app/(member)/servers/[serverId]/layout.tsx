import type { ReactNode } from 'react';
import { ServerRolesProvider } from '@/components/chat/server-roles';
import { MessageSearchProvider } from '@/components/search/search-state';

/**
 * A server's pages share its message search (results stay open while the member moves between
 * channels) and its roles (role mentions in the chat, pins and search results).
 */
export default async function ServerLayout({ children, params }: { children: ReactNode; params: Promise<{ serverId: string }> }) {
  const { serverId } = await params;
  return (
    <MessageSearchProvider key={serverId}>
      <ServerRolesProvider serverId={serverId}>{children}</ServerRolesProvider>
    </MessageSearchProvider>
  );
}
