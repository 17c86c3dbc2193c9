'use client';

import { graphql, getFragmentData, type FragmentType } from '@/gql';
import { useVoice } from '@/hooks/use-voice';
import type { PeerView } from '@/lib/voice/voice-state';
import { HeadphonesIcon, MicIcon } from './voice-icons';
import { moderationAbilities, VoiceModerationMenu, type MoveTarget } from './voice-moderation-menu';
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
      isBot
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
  serverId,
  permissions,
  moveTargets,
}: {
  channelId: string;
  channelName: string;
  states: FragmentType<typeof VoiceParticipantFragment>[];
  serverId: string;
  /** The member's server permissions: moderators get a menu on each participant. */
  permissions: readonly string[];
  /** Where moderators may move a participant: the server's other voice channels. */
  moveTargets: readonly MoveTarget[];
}) {
  const { voice, engine } = useVoice();
  const participants = states.map((ref) => getFragmentData(VoiceParticipantFragment, ref));
  if (participants.length === 0) return null;
  const mine = voice.status === 'joined' && voice.channelId === channelId;
  const moderation = moderationAbilities(permissions);
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
              {p.user.displayName.slice(0, 1).toUpperCase()}
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
            {moderation && (
              <VoiceModerationMenu
                serverId={serverId}
                can={moderation}
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
