'use client';

import { useRef } from 'react';
import { useQuery } from 'urql';
import { MemberList } from '@/components/members/member-list';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { graphql } from '@/gql';
import { apiErrorOf } from '@/lib/api-errors';
import { chatAbilities, ChatView, type ChatViewHandle } from './chat-view';
import { PinnedMessagesButton } from './pinned-messages';
import { useMemberPanel } from './use-member-panel';
import { VoiceChannelView } from './voice-channel-view';

export const ChannelPageQuery = graphql(`
  query ChannelPage($channelId: ID!) {
    me {
      id
      username
    }
    channel(id: $channelId) {
      id
      name
      topic
      type
      slowmodeSeconds
      myPermissions
      lastReadMessageId
      server {
        id
        myMember {
          timedOutUntil
        }
      }
      ...VoiceChannelView
    }
  }
`);

/** One channel: its header, then the chat (text) or who is in it (voice), with the member list beside. */
export function ChannelPage({ serverId, channelId }: { serverId: string; channelId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ChannelPageQuery, variables: { channelId } });
  const [membersOpen, toggleMembers] = useMemberPanel();
  const chat = useRef<ChatViewHandle>(null);
  // The marker as it was on arrival; reading moves it at once, the divider should stay put.
  const lastReadAtOpen = useRef<string | null | undefined>(undefined);
  if (lastReadAtOpen.current === undefined && data?.channel) lastReadAtOpen.current = data.channel.lastReadMessageId ?? null;
  if (!data && fetching) return <LoadingState label="Loading channel…" />;
  if (!data?.channel || !data.me) {
    const notFound = data && !data.channel;
    return (
      <ErrorState
        error={notFound ? { code: 'NOT_FOUND', message: 'This channel does not exist or you cannot see it.' } : apiErrorOf(error)}
        onRetry={notFound ? undefined : () => refetch({ requestPolicy: 'network-only' })}
      />
    );
  }
  const channel = data.channel;
  const { can, canPin } = chatAbilities(channel.myPermissions, channel.server.myMember?.timedOutUntil);
  return (
    <section className={membersOpen ? 'channel-view members-open' : 'channel-view'} aria-label={`Channel ${channel.name}`}>
      <header className="channel-header">
        <h1 className="channel-title">
          <span aria-hidden className="muted">
            {channel.type === 'TEXT' ? '#' : '🔊'}
          </span>{' '}
          {channel.name}
        </h1>
        {channel.topic && (
          <p className="muted small channel-topic" title={channel.topic}>
            {channel.topic}
          </p>
        )}
        <span className="spacer" />
        {channel.type === 'TEXT' && can('READ_MESSAGE_HISTORY') && (
          <PinnedMessagesButton
            channelId={channel.id}
            canPin={canPin}
            onJump={(messageId) => chat.current?.jumpTo(messageId)}
            onUnpin={(messageId) => chat.current?.setPinned(messageId, false)}
          />
        )}
        <button
          type="button"
          className="icon-button"
          aria-label={membersOpen ? 'Hide member list' : 'Show member list'}
          aria-pressed={membersOpen}
          onClick={toggleMembers}
        >
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden fill="currentColor">
            <circle cx="9" cy="8" r="3.5" />
            <path d="M2.5 19c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6z" />
            <circle cx="17" cy="9" r="2.5" />
            <path d="M16 13.2c3 .2 5.5 2.3 5.5 5.8H17" />
          </svg>
        </button>
      </header>
      <div className="channel-body">
        {channel.type === 'TEXT' ? (
          <ChatView
            ref={chat}
            serverId={serverId}
            channel={channel}
            myUserId={data.me.id}
            myUsername={data.me.username}
            timedOutUntil={channel.server.myMember?.timedOutUntil}
            lastReadAtOpen={lastReadAtOpen.current}
          />
        ) : (
          <VoiceChannelView channel={channel} />
        )}
        <div className="member-panel">
          <MemberList serverId={serverId} />
        </div>
      </div>
    </section>
  );
}
