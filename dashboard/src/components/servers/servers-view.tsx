'use client';

import { useEffect, useState } from 'react';
import { ChannelList } from '@/components/channels/channel-list';
import { Alert } from '@/components/ui/alert';
import { useGraphqlQuery } from '@/hooks/use-graphql-query';
import { CreateServerForm } from './create-server-form';
import { ServerList } from './server-list';
import { HOME_QUERY, type HomeData } from './server-operations';

interface ServersViewProps {
  token: string;
  onSignOut: () => void;
  /** The stored token is no longer valid: forget it without calling the API. */
  onSessionExpired: () => void;
}

export function ServersView({ token, onSignOut, onSessionExpired }: ServersViewProps) {
  const { data, error, loading, reload } = useGraphqlQuery<HomeData>(HOME_QUERY, {}, token);
  const [selectedId, setSelectedId] = useState<string>();

  const expired = error?.code === 'UNAUTHENTICATED' || (data !== undefined && data.me === null);
  useEffect(() => {
    if (expired) onSessionExpired();
  }, [expired, onSessionExpired]);

  const servers = data?.myServers ?? [];
  const selected = servers.find((s) => s.id === selectedId) ?? servers[0];

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand small-brand">Rashigo</span>
        <span className="spacer" />
        {data?.me && (
          <span className="muted">
            Signed in as <strong className="username">{data.me.displayName || data.me.username}</strong>
          </span>
        )}
        <button type="button" className="button ghost" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <div className="columns">
        <aside className="sidebar">
          <h2 className="group-title">My servers</h2>
          {error && !expired ? (
            <Alert>{error.message}</Alert>
          ) : loading && !data ? (
            <p className="muted">Loading…</p>
          ) : (
            <ServerList servers={servers} selectedId={selected?.id} onSelect={setSelectedId} />
          )}
          <CreateServerForm
            token={token}
            onCreated={(server) => {
              setSelectedId(server.id);
              reload();
            }}
          />
        </aside>
        <main className="content">
          {selected ? (
            <ChannelList key={selected.id} serverId={selected.id} token={token} />
          ) : (
            <p className="muted empty">Select or create a server to see its channels.</p>
          )}
        </main>
      </div>
    </div>
  );
}
