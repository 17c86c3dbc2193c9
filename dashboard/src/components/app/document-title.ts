'use client';

import { usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { ChannelItemFragment } from '@/components/channels/channel-sidebar';
import type { ServerUnread } from '@/components/channels/unread';
import { useCachedSidebar } from '@/components/channels/use-server-unread';
import { getFragmentData } from '@/gql';

interface OpenPage {
  pathname: string;
  /** The server open, by name, if one is. */
  server?: string;
  /** The channel open in it, if one is and its name is known. */
  channel?: { name: string; type: string };
}

/** What is open, in words: "#general | Book Club", "Settings | Book Club", "Discover servers"; undefined at home. */
export function pageName({ pathname, server, channel }: OpenPage): string | undefined {
  const inServer = (page: string) => (server ? `${page} | ${server}` : page);
  if (channel) return inServer(channel.type === 'TEXT' ? `#${channel.name}` : channel.name);
  if (server && pathname.endsWith('/settings')) return inServer('Settings');
  if (pathname === '/discover') return 'Discover servers';
  if (pathname === '/bots') return 'My bots';
  return server;
}

/**
 * The browser tab's title, as Discord's: the mentions waiting anywhere first ("(3) "), else a dot for
 * anything unread ("• "), then what is open, then the app's name.
 */
export function documentTitle(page: string | undefined, waiting: ServerUnread): string {
  const mark = waiting.mentionCount > 0 ? `(${waiting.mentionCount}) ` : waiting.hasUnread ? '• ' : '';
  return `${mark}${page ? `${page} | ` : ''}Rashigo`;
}

/** Keeps the tab's title on what is open and on the marks waiting (every server's, as the phone's menu button carries them). */
export function useDocumentTitle(
  serverId: string | undefined,
  channelId: string | undefined,
  listedName: string | undefined,
  waiting: ServerUnread,
): void {
  const pathname = usePathname();
  const sidebar = useCachedSidebar(serverId);
  const channel = sidebar?.channels.map((c) => getFragmentData(ChannelItemFragment, c)).find((c) => c.id === channelId);
  const title = documentTitle(pageName({ pathname, server: sidebar?.name ?? listedName, channel }), waiting);
  useEffect(() => {
    document.title = title;
    // Signed out, nothing of the member's stays in the tab.
    return () => {
      document.title = documentTitle(undefined, { hasUnread: false, mentionCount: 0 });
    };
  }, [title]);
}
