'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Alert } from '@/components/ui/alert';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { graphql } from '@/gql';
import { apiErrorOf } from '@/lib/api-errors';
import { initials } from './server-rail';
import { JoinServerMutation, ShellQuery } from './servers.operations';

const DiscoverQuery = graphql(`
  query DiscoverServers($query: String) {
    discoverServers(query: $query, first: 50) {
      id
      name
      description
      memberCount
    }
  }
`);

/** Public servers anyone may join, searchable by name. */
export function DiscoverView() {
  const router = useRouter();
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim());
  const [{ data, error, fetching }, refetch] = useQuery({ query: DiscoverQuery, variables: { query: query || null } });
  const [{ data: shell }] = useQuery({ query: ShellQuery });
  const [joinState, join] = useMutation(JoinServerMutation);
  const mine = new Set(shell?.myServers.map((s) => s.id));

  async function onJoin(serverId: string) {
    const result = await join({ serverId, inviteCode: null });
    if (result.data) router.push(`/servers/${serverId}`);
  }

  return (
    <section className="discover" aria-labelledby="discover-title">
      <header className="channel-header">
        <h1 id="discover-title" className="channel-title">
          Discover public servers
        </h1>
      </header>
      <div className="discover-body">
        <input
          className="field-input"
          type="search"
          placeholder="Search servers"
          aria-label="Search servers"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        {joinState.error && <Alert>{apiErrorOf(joinState.error)?.message}</Alert>}
        {!data && fetching ? (
          <LoadingState label="Loading servers…" />
        ) : !data ? (
          <ErrorState error={apiErrorOf(error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : data.discoverServers.length === 0 ? (
          <p className="muted">No public server matches{query ? ` “${query}”` : ''}.</p>
        ) : (
          <ul className="discover-list">
            {data.discoverServers.map((server) => (
              <li key={server.id} className="discover-item">
                <span className="server-avatar" aria-hidden>
                  {initials(server.name)}
                </span>
                <span className="discover-text">
                  <strong>{server.name}</strong>
                  {server.description && <span className="muted small">{server.description}</span>}
                  <span className="muted small">
                    {server.memberCount} {server.memberCount === 1 ? 'member' : 'members'}
                  </span>
                </span>
                {mine.has(server.id) ? (
                  <Link className="button ghost" href={`/servers/${server.id}`} aria-label={`Open ${server.name}`}>
                    Open
                  </Link>
                ) : (
                  <button
                    type="button"
                    className="button primary"
                    disabled={joinState.fetching}
                    onClick={() => void onJoin(server.id)}
                    aria-label={`Join ${server.name}`}
                  >
                    Join
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
