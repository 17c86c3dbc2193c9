'use client';

import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { reloadMemberList } from '@/components/members/member-list-pages';
import { announceUser } from '@/components/members/user-changes';
import { ServerActions } from '@/components/servers/server-actions';
import { useSession } from '@/components/session/api-provider';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useOnReconnect } from '@/hooks/use-on-reconnect';
import { readServerAgain, useReadAgain } from '@/hooks/use-read-again';
import { useResumableSubscription } from '@/hooks/use-resumable-subscription';
import { apiErrorOf } from '@/lib/api-errors';
import { activitySince, ChannelActivity } from './channel-activity';
import { ChannelSidebar } from './channel-sidebar';
import { ServerEventsSubscription, ServerSidebarQuery } from './channels.operations';
import { unreadState } from './unread';

interface ServerSidebarContainerProps {
  serverId: string;
  channelId: string | undefined;
  onNavigate: () => void;
  /** Browser voice plugs in here (see ChannelSidebar): joining a voice channel, and its panel. */
  onJoinVoice?: (channelId: string) => void;
  voicePanel?: ReactNode;
}

/**
 * The selected server's channels, kept current by serverEvents (channels, overwrites, roles change
 * visibility); read again with the member list after a reconnect or ServerEventsMissed, which it
 * also passes on to the server's other readers (readServerAgain).
 */
export function ServerSidebarContainer({ serverId, channelId, onNavigate, onJoinVoice, voicePanel }: ServerSidebarContainerProps) {
  const router = useRouter();
  const { setNotice, reportLoss } = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: ServerSidebarQuery, variables: { serverId } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // The member list, wherever it is shown, reads its pages again (it reads them afresh when it opens).
  const reloadMembers = () => reloadMemberList(serverId);
  // Events that never came (our socket dropped, or the API's event bus did) are never replayed: all
  // of it is read again, channels with their voice states and the member list, and so is whatever
  // else of the server is open (the settings), through readServerAgain.
  const reloadAll = () => {
    reload();
    reloadMembers();
  };

  const leave = (message: string) => {
    setNotice({ code: 'NOT_FOUND', message });
    router.replace('/');
  };

  useResumableSubscription({
    document: ServerEventsSubscription,
    variables: () => ({ serverId }),
    key: serverId,
    onData: ({ serverEvents: event }) => {
      switch (event.__typename) {
        case 'ChannelDeleted':
          if (event.channelId === channelId) {
            setNotice({ code: 'NOT_FOUND', message: 'The channel you were reading was deleted.' });
            router.replace(`/servers/${serverId}`);
          }
          return reload();
        case 'ServerDeleted':
          return leave('This server was deleted.');
        case 'MemberJoined':
        case 'MemberLeft':
          return reloadMembers();
        case 'MemberUpdated':
          announceUser(event.member.user);
          reloadMembers();
          return reload();
        case 'RoleUpdated':
        case 'RoleDeleted':
          reloadMembers();
          return reload();
        case 'ChannelUpdated':
        case 'ServerUpdated':
          // Any of these may change which channels the member sees and what they may do there.
          return reload();
        case 'ServerEventsMissed':
          return readServerAgain(serverId);
        default:
          return;
      }
    },
    onEnded: () => {
      reportLoss({ code: 'NOT_FOUND', message: 'You are no longer a member of this server.' });
      router.replace('/');
    },
  });
  useOnReconnect(() => readServerAgain(serverId));
  useReadAgain(serverId, reloadAll);

  if (!data && fetching) return <LoadingState label="Loading channels…" />;
  if (!data?.server) {
    if (data && !data.server)
      return <ErrorState error={{ code: 'NOT_FOUND', message: 'This server does not exist or you are not a member.' }} />;
    return <ErrorState error={apiErrorOf(error)} onRetry={reload} />;
  }
  const server = data.server;
  const textChannels = server.channels.filter((c) => c.type === 'TEXT');
  const { unread, mentions } = unreadState(server.channels, channelId);
  return (
    <>
      {textChannels
        .filter((c) => c.id !== channelId)
        .map((c) => (
          <ChannelActivity key={c.id} channelId={c.id} since={activitySince(c)} />
        ))}
      <ChannelSidebar
        serverId={server.id}
        serverName={server.name}
        moderator={server}
        channels={[...server.channels].sort((a, b) => a.position - b.position)}
        selectedChannelId={channelId}
        unread={unread}
        mentions={mentions}
        actions={
          <ServerActions serverId={server.id} serverName={server.name} permissions={server.myPermissions} readingChannelId={channelId} />
        }
        onNavigate={onNavigate}
        onJoinVoice={onJoinVoice}
        voicePanel={voicePanel}
      />
    </>
  );
}
