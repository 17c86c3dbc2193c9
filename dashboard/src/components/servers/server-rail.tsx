'use client';

import Link from 'next/link';
import { MentionBadge } from '@/components/channels/mention-badge';
import { unreadSuffix, type ServerUnread } from '@/components/channels/unread';
import { useServerUnread } from '@/components/channels/use-server-unread';
import { graphql, getFragmentData, type FragmentType } from '@/gql';
import { CreateServerDialog } from './create-server-dialog';
import { ServerContextMenu } from './server-context-menu';
import { useRailRefresh } from './use-rail-refresh';

export const ServerRailItemFragment = graphql(`
  fragment ServerRailItem on Server {
    id
    name
    icon
    hasUnread
    mentionCount
  }
`);

type ServerRailItem = FragmentType<typeof ServerRailItemFragment>;

/**
 * What each listed server's icon marks, by id. The selected server's channels are followed live by its
 * sidebar (the channel being read, `readingChannelId`, marks nothing); the server just left shows them
 * as last followed until the list, read again on leaving, answers. The list's marks for every other
 * server are a snapshot, read again from time to time (useRailRefresh). Call it once per page: it owns
 * those reads.
 */
export function useServerMarks(
  servers: readonly ServerRailItem[],
  selectedId: string | undefined,
  readingChannelId: string | undefined,
): ReadonlyMap<string, ServerUnread> {
  const leftId = useRailRefresh(selectedId);
  const selectedUnread = useServerUnread(selectedId, readingChannelId);
  const leftUnread = useServerUnread(leftId, undefined);
  return new Map(
    servers.map((ref) => {
      const server = getFragmentData(ServerRailItemFragment, ref);
      const { hasUnread, mentionCount } = (server.id === selectedId && selectedUnread) || (server.id === leftId && leftUnread) || server;
      return [server.id, { hasUnread, mentionCount }];
    }),
  );
}

/** Every server's marks together: what the phone's menu button, over the folded rail, carries. */
export function allServersMarks(marks: ReadonlyMap<string, ServerUnread>): ServerUnread {
  let mentionCount = 0;
  let hasUnread = false;
  for (const server of marks.values()) {
    mentionCount += server.mentionCount;
    hasUnread ||= server.hasUnread;
  }
  return { hasUnread, mentionCount };
}

interface ServerRailProps {
  servers: ServerRailItem[];
  /** From useServerMarks. */
  marks: ReadonlyMap<string, ServerUnread>;
  selectedId: string | undefined;
  onNavigate?: () => void;
}

/**
 * The column of server icons: one per server the member is in, then create and discover. Each icon
 * marks unread messages with a pill at the rail's edge and mentions with a red count; its right-click
 * menu marks the server read.
 */
export function ServerRail({ servers, marks, selectedId, onNavigate }: ServerRailProps) {
  return (
    <nav className="rail" aria-label="Servers">
      <ul className="rail-list">
        {servers.map((ref) => {
          const server = getFragmentData(ServerRailItemFragment, ref);
          const selected = server.id === selectedId;
          const { hasUnread, mentionCount } = marks.get(server.id) ?? server;
          return (
            <li key={server.id}>
              <ServerContextMenu serverId={server.id} hasUnread={hasUnread}>
                <Link
                  href={`/servers/${server.id}`}
                  className={selected ? 'rail-item selected' : 'rail-item'}
                  aria-current={selected ? 'page' : undefined}
                  aria-label={`${server.name}${unreadSuffix(hasUnread, mentionCount)}`}
                  title={server.name}
                  onClick={onNavigate}
                >
                  {/* Unread, or tall: the server open. */}
                  {(selected || hasUnread) && <span className="rail-pill" aria-hidden />}
                  {initials(server.name)}
                  {mentionCount > 0 && <MentionBadge count={mentionCount} />}
                </Link>
              </ServerContextMenu>
            </li>
          );
        })}
      </ul>
      <CreateServerDialog />
      <Link
        href="/discover"
        className="rail-item rail-action"
        aria-label="Discover public servers"
        title="Discover public servers"
        onClick={onNavigate}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="12" cy="12" r="9" />
          <path d="m15.5 8.5-2 5-5 2 2-5z" fill="currentColor" />
        </svg>
      </Link>
    </nav>
  );
}

export function initials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0]?.toUpperCase() ?? '')
    .join('');
}
