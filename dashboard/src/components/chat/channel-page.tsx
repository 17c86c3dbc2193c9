'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { MemberList } from '@/components/members/member-list';
import { SearchBox, type SearchBoxHandle } from '@/components/search/search-box';
import { SearchPanel } from '@/components/search/search-panel';
import { useMessageSearch } from '@/components/search/search-state';
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

/**
 * One channel: its header, then the chat (text) or who is in it (voice), with the member list beside,
 * or the search's results in its place. `?message=<id>` opens the chat at that message, in context
 * (a search result in another channel, a link); the address then drops it.
 */
export function ChannelPage({ serverId, channelId }: { serverId: string; channelId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ChannelPageQuery, variables: { channelId } });
  const [membersOpen, toggleMembers] = useMemberPanel();
  const { state: search, dispatch: searchDispatch } = useMessageSearch();
  const chat = useRef<ChatViewHandle>(null);
  const searchBox = useRef<SearchBoxHandle>(null);
  const router = useRouter();
  const pathname = usePathname();
  const messageParam = useSearchParams().get('message') ?? undefined;
  // The chat opens at the first one itself; a later one (the same channel's link) is a jump.
  const openAt = useRef(messageParam);
  useEffect(() => {
    if (!messageParam || messageParam === openAt.current) return;
    chat.current?.jumpTo(messageParam);
    router.replace(pathname, { scroll: false });
  }, [messageParam, pathname, router]);
  const onOpenedAt = useCallback(() => {
    openAt.current = undefined;
    router.replace(pathname, { scroll: false });
  }, [pathname, router]);
  const openResult = useCallback(
    (messageId: string, resultChannelId: string) => {
      if (resultChannelId === channelId) chat.current?.jumpTo(messageId);
      else router.push(`/servers/${serverId}/${resultChannelId}?message=${messageId}`);
    },
    [channelId, router, serverId],
  );
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
  const isText = channel.type === 'TEXT';
  const searchOpen = isText && search.open;
  // The results take the member list's place; asking for the list ends that.
  const membersShown = membersOpen && !searchOpen;
  const classes = ['channel-view', membersShown ? 'members-open' : '', searchOpen ? 'search-open' : ''];
  return (
    <section className={classes.filter(Boolean).join(' ')} aria-label={`Channel ${channel.name}`}>
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
        {isText && <SearchBox ref={searchBox} channel={channel} />}
        {isText && can('READ_MESSAGE_HISTORY') && (
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
          aria-label={membersShown ? 'Hide member list' : 'Show member list'}
          aria-pressed={membersShown}
          onClick={() => {
            if (searchOpen) searchDispatch({ type: 'hide' });
            if (!searchOpen || !membersOpen) toggleMembers();
          }}
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
        {isText ? (
          <ChatView
            ref={chat}
            serverId={serverId}
            channel={channel}
            myUserId={data.me.id}
            myUsername={data.me.username}
            timedOutUntil={channel.server.myMember?.timedOutUntil}
            lastReadAtOpen={lastReadAtOpen.current}
            openAtId={openAt.current}
            onOpenedAt={onOpenedAt}
          />
        ) : (
          <VoiceChannelView channel={channel} />
        )}
        <div className="side-panel member-panel">
          <MemberList serverId={serverId} />
        </div>
        {searchOpen && (
          <SearchPanel serverId={serverId} channel={channel} onJump={openResult} onClosed={() => searchBox.current?.focus()} />
        )}
      </div>
    </section>
  );
}
