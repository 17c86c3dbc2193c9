import type { ReactNode } from 'react';
import { MessageSearchProvider } from '@/components/search/search-state';

/** A server's pages share its message search: results stay open while the member moves between channels. */
export default async function ServerLayout({ children, params }: { children: ReactNode; params: Promise<{ serverId: string }> }) {
  const { serverId } = await params;
  return <MessageSearchProvider key={serverId}>{children}</MessageSearchProvider>;
}
