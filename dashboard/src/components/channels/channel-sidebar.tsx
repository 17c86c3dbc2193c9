'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { VoiceParticipants, type VoiceModeratorFragment } from '@/components/voice/voice-participants';
import { graphql, getFragmentData, type FragmentType } from '@/gql';
import { MentionBadge } from './mention-badge';
import { unreadSuffix } from './unread';

export const ChannelItemFragment = graphql(`
  fragment ChannelItem on Channel {
    id
    name
    type
    isPrivate
    myPermissions
    voiceStates {
      sessionId
      ...VoiceParticipant
    }
  }
`);

interface ChannelSidebarProps {
  serverId: string;
  serverName: string;
  /** Who the member is in the server (owner, roles): what they may do to others in voice. */
  moderator: FragmentType<typeof VoiceModeratorFragment>;
  channels: FragmentType<typeof ChannelItemFragment>[];
  selectedChannelId: string | undefined;
  /** Channel ids with messages the member has not read. */
  unread: ReadonlySet<string>;
  /** Unread channels where someone mentioned or replied to the member: how many times. */
  mentions: ReadonlyMap<string, number>;
  /**
   * Called when the member picks a voice channel. Voice in the browser plugs in here; without it a
   * voice channel opens its page like a text channel does.
   */
  onJoinVoice?: (channelId: string) => void;
  /** Shown under the channel list: the voice connection panel, when voice is connected. */
  voicePanel?: ReactNode;
  /** Server actions (invite, leave) shown in the header. */
  actions?: ReactNode;
  onNavigate?: () => void;
}

export function ChannelSidebar(props: ChannelSidebarProps) {
  const channels = props.channels.map((ref) => getFragmentData(ChannelItemFragment, ref));
  const text = channels.filter((c) => c.type === 'TEXT');
  const voice = channels.filter((c) => c.type === 'VOICE');
  return (
    <nav className="sidebar" aria-label={`Channels of ${props.serverName}`}>
      <header className="sidebar-header">
        <h2 className="sidebar-title">{props.serverName}</h2>
        {props.actions}
      </header>
      <div className="sidebar-scroll">
        <ChannelGroup title="Text channels">
          {text.map((channel) => {
            const unread = props.unread.has(channel.id);
            const mentions = props.mentions.get(channel.id) ?? 0;
            return (
              <li key={channel.id}>
                <Link
                  href={`/servers/${props.serverId}/${channel.id}`}
                  className={channelClass(channel.id === props.selectedChannelId, unread)}
                  aria-current={channel.id === props.selectedChannelId ? 'page' : undefined}
                  aria-label={`${channel.name}${unreadSuffix(unread, mentions)}`}
                  onClick={props.onNavigate}
                >
                  <span className="channel-icon" aria-hidden>
                    {channel.isPrivate ? <LockIcon /> : '#'}
                  </span>
                  <span className="channel-name">{channel.name}</span>
                  {mentions > 0 ? <MentionBadge count={mentions} /> : unread && <span className="unread-dot" aria-hidden />}
                </Link>
              </li>
            );
          })}
        </ChannelGroup>
        <ChannelGroup title="Voice channels">
          {voice.map((channel) => {
            const content = (
              <>
                <span className="channel-icon" aria-hidden>
                  <SpeakerIcon />
                </span>
                <span className="channel-name">{channel.name}</span>
              </>
            );
            return (
              <li key={channel.id}>
                {props.onJoinVoice ? (
                  <button
                    type="button"
                    className={channelClass(channel.id === props.selectedChannelId, false)}
                    aria-label={`Join voice channel ${channel.name}`}
                    onClick={() => props.onJoinVoice?.(channel.id)}
                  >
                    {content}
                  </button>
                ) : (
                  <Link
                    href={`/servers/${props.serverId}/${channel.id}`}
                    className={channelClass(channel.id === props.selectedChannelId, false)}
                    aria-label={`Voice channel ${channel.name}`}
                    onClick={props.onNavigate}
                  >
                    {content}
                  </Link>
                )}
                <VoiceParticipants
                  channelId={channel.id}
                  channelName={channel.name}
                  states={channel.voiceStates}
                  server={props.moderator}
                  channelPermissions={channel.myPermissions}
                  moveTargets={voice.filter((c) => c.id !== channel.id)}
                />
              </li>
            );
          })}
        </ChannelGroup>
      </div>
      {props.voicePanel}
    </nav>
  );
}

function ChannelGroup({ title, children }: { title: string; children: ReactNode[] }) {
  return (
    <section className="channel-group" aria-label={title}>
      <h3 className="group-title">{title}</h3>
      {children.length === 0 ? <p className="muted small">None yet.</p> : <ul className="channel-list">{children}</ul>}
    </section>
  );
}

function channelClass(selected: boolean, unread: boolean): string {
  return ['channel-item', selected && 'selected', unread && 'unread'].filter(Boolean).join(' ');
}

function SpeakerIcon() {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" fill="currentColor">
      <path d="M4 9h4l5-4v14l-5-4H4z" />
      <path d="M16 8.5a5 5 0 0 1 0 7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

function LockIcon() {
  return (
    <svg viewBox="0 0 24 24" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="2">
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}
