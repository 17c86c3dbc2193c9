'use client';

import { meIn } from '@/components/permissions/hierarchy';
import { graphql, getFragmentData, type FragmentType } from '@/gql';
import type { Permission } from '@/gql/graphql';
import { Avatar } from '@/components/members/avatar';
import { useVoice } from '@/hooks/use-voice';
import type { PeerView } from '@/lib/voice/voice-state';
import { HeadphonesIcon, MicIcon } from './voice-icons';
import { VoiceModerationMenu } from './voice-moderation-menu';
import { moderatesVoice, type VoiceDestination } from './voice-moderation-rules';
import styles from './voice.module.css';

export const VoiceParticipantFragment = graphql(`
  fragment VoiceParticipant on VoiceState {
    sessionId
    selfMute
    selfDeaf
    serverMute
    serverDeaf
    user {
      id
      displayName
      avatarUrl
      isBot
    }
  }
`);

/** Who I am in the server, for the voice moderation rules: the owner, and my roles (their rank). */
export const VoiceModeratorFragment = graphql(`
  fragment VoiceModerator on Server {
    id
    owner {
      id
    }
    myMember {
      user {
        id
      }
      roles {
        id
        position
      }
    }
  }
`);

const PEER_LABEL: Partial<Record<RTCPeerConnectionState, string>> = {
  new: 'Connecting…',
  connecting: 'Connecting…',
  disconnected: 'Connection interrupted',
  failed: 'Connection failed',
};

/**
 * Who is in a voice channel, under it in the sidebar. In the member's own channel each one gets a
 * speaking ring (from their audio level) and, when it is not connected, the state of the peer
 * connection to them.
 */
export function VoiceParticipants({
  channelId,
  channelName,
  states,
  server,
  channelPermissions,
  moveTargets,
}: {
  channelId: string;
  channelName: string;
  states: FragmentType<typeof VoiceParticipantFragment>[];
  server: FragmentType<typeof VoiceModeratorFragment>;
  /** My permissions in this channel: voice moderators get a menu on each participant. */
  channelPermissions: readonly Permission[];
  /** Where a participant may be moved: the server's other voice channels. */
  moveTargets: readonly VoiceDestination[];
}) {
  const { voice, engine } = useVoice();
  const standing = getFragmentData(VoiceModeratorFragment, server);
  const participants = states.map((ref) => getFragmentData(VoiceParticipantFragment, ref));
  if (participants.length === 0) return null;
  const mine = voice.status === 'joined' && voice.channelId === channelId;
  const me = standing.myMember ? meIn(standing, standing.myMember.user.id, channelPermissions) : null;
  return (
    <ul className={styles.participants} aria-label={`In ${channelName}`}>
      {participants.map((p) => {
        const speaking = mine && voice.speaking.includes(p.sessionId);
        const peer = mine ? voice.peers.find((x) => x.sessionId === p.sessionId) : undefined;
        const muted = p.selfMute || p.serverMute || p.selfDeaf || p.serverDeaf;
        const deafened = p.selfDeaf || p.serverDeaf;
        const label = [p.user.displayName, p.user.isBot && 'bot', speaking && 'speaking', muted && 'muted', deafened && 'deafened']
          .filter(Boolean)
          .join(', ');
        return (
          <li key={p.sessionId} className={styles.participant} aria-label={label} data-speaking={speaking || undefined}>
            <span className={speaking ? `${styles.avatar} ${styles.speaking}` : styles.avatar} aria-hidden>
              <Avatar user={p.user} size={24} />
            </span>
            <span className={styles.name}>
              {p.user.displayName}
              {p.user.isBot && <span className={styles.botTag}>BOT</span>}
            </span>
            {muted && (
              <MicIcon
                off
                className={p.serverMute || p.serverDeaf ? styles.imposed : styles.stateIcon}
                title={p.serverMute ? 'Server muted' : 'Muted'}
              />
            )}
            {deafened && (
              <HeadphonesIcon
                off
                className={p.serverDeaf ? styles.imposed : styles.stateIcon}
                title={p.serverDeaf ? 'Server deafened' : 'Deafened'}
              />
            )}
            {me && moderatesVoice(me) && (
              <VoiceModerationMenu
                serverId={standing.id}
                ownerId={standing.owner.id}
                me={me}
                moveTargets={moveTargets}
                target={{ userId: p.user.id, displayName: p.user.displayName, serverMute: p.serverMute, serverDeaf: p.serverDeaf }}
              />
            )}
            {peer && <PeerState peer={peer} onRetry={() => engine.retryPeer(peer.sessionId)} name={p.user.displayName} />}
          </li>
        );
      })}
    </ul>
  );
}

function PeerState({ peer, name, onRetry }: { peer: PeerView; name: string; onRetry: () => void }) {
  const label = PEER_LABEL[peer.connectionState];
  if (!label) return null;
  const failed = peer.connectionState === 'failed';
  return (
    <span className={failed ? `${styles.peerState} ${styles.peerFailed}` : styles.peerState} role={failed ? 'alert' : 'status'}>
      {label}
      {failed && (
        <button type="button" className={styles.linkButton} onClick={onRetry} aria-label={`Retry the connection to ${name}`}>
          Retry
        </button>
      )}
    </span>
  );
}
