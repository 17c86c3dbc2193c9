'use client';

import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { useGraphqlQuery } from '@/hooks/use-graphql-query';

interface Channel {
  id: string;
  name: string;
  type: 'TEXT' | 'VOICE';
}

interface ServerChannels {
  server: { id: string; name: string; channels: Channel[] } | null;
}

const SERVER_CHANNELS = /* GraphQL */ `
  query ServerChannels($id: ID!) {
    server(id: $id) {
      id
      name
      channels {
        id
        name
        type
      }
    }
  }
`;

export function ChannelList({ serverId, token }: { serverId: string; token: string }) {
  const { data, error, loading } = useGraphqlQuery<ServerChannels>(SERVER_CHANNELS, { id: serverId }, token);

  if (error) return <Alert>{error.message}</Alert>;
  if (!data || (loading && data.server?.id !== serverId)) return <p className="muted">Loading channels…</p>;
  if (!data.server) return <Alert>This server no longer exists or you cannot see it.</Alert>;

  const text = data.server.channels.filter((c) => c.type === 'TEXT');
  const voice = data.server.channels.filter((c) => c.type === 'VOICE');
  return (
    <section className="channels" aria-label={`Channels of ${data.server.name}`}>
      <h2>{data.server.name}</h2>
      <ChannelGroup title="Text channels" channels={text} icon={<span className="hash">#</span>} />
      <ChannelGroup title="Voice channels" channels={voice} icon={<SpeakerIcon />} />
    </section>
  );
}

function ChannelGroup({ title, channels, icon }: { title: string; channels: Channel[]; icon: ReactNode }) {
  return (
    <div className="channel-group">
      <h3 className="group-title">{title}</h3>
      {channels.length === 0 ? (
        <p className="muted small">None yet.</p>
      ) : (
        <ul className="channel-list">
          {channels.map((channel) => (
            <li key={channel.id} className="channel-item">
              <span className="channel-icon" aria-hidden>
                {icon}
              </span>
              {channel.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SpeakerIcon() {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" fill="currentColor">
      <path d="M4 9h4l5-4v14l-5-4H4z" />
      <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
