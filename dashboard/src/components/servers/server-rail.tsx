'use client';

import Link from 'next/link';
import { graphql, getFragmentData, type FragmentType } from '@/gql';
import { CreateServerDialog } from './create-server-dialog';

export const ServerRailItemFragment = graphql(`
  fragment ServerRailItem on Server {
    id
    name
    icon
  }
`);

interface ServerRailProps {
  servers: FragmentType<typeof ServerRailItemFragment>[];
  selectedId: string | undefined;
  onNavigate?: () => void;
}

/** The column of server icons: one per server the member is in, then create and discover. */
export function ServerRail({ servers, selectedId, onNavigate }: ServerRailProps) {
  return (
    <nav className="rail" aria-label="Servers">
      <ul className="rail-list">
        {servers.map((ref) => {
          const server = getFragmentData(ServerRailItemFragment, ref);
          const selected = server.id === selectedId;
          return (
            <li key={server.id}>
              <Link
                href={`/servers/${server.id}`}
                className={selected ? 'rail-item selected' : 'rail-item'}
                aria-current={selected ? 'page' : undefined}
                aria-label={server.name}
                title={server.name}
                onClick={onNavigate}
              >
                {initials(server.name)}
              </Link>
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
