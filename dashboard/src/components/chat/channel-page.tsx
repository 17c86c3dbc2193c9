'use client';

import { useQuery } from 'urql';
import { graphql } from '@/gql';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { apiErrorOf } from '@/lib/api-errors';

export const ChannelPageQuery = graphql(`
  query ChannelPage($channelId: ID!) {
    channel(id: $channelId) {
      id
      name
      description
      type
      slowmodeSeconds
      myPermissions
    }
  }
`);

/** One channel: its header, then the chat (text) or who is in it (voice). */
export function ChannelPage({ channelId }: { serverId: string; channelId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ChannelPageQuery, variables: { channelId } });
  if (!data && fetching) return <LoadingState label="Loading channel…" />;
  if (!data?.channel) {
    const notFound = data && !data.channel;
    return (
      <ErrorState
        error={notFound ? { code: 'NOT_FOUND', message: 'This channel does not exist or you cannot see it.' } : apiErrorOf(error)}
        onRetry={notFound ? undefined : () => refetch({ requestPolicy: 'network-only' })}
      />
    );
  }
  const channel = data.channel;
  return (
    <section className="channel-view" aria-label={`Channel ${channel.name}`}>
      <header className="channel-header">
        <h1 className="channel-title">
          <span aria-hidden>{channel.type === 'TEXT' ? '#' : '🔊'}</span> {channel.name}
        </h1>
        {channel.description && <p className="muted small channel-topic">{channel.description}</p>}
      </header>
    </section>
  );
}
