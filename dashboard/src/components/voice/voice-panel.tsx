'use client';

import { useQuery } from 'urql';
import { graphql } from '@/gql';
import { useVoice } from '@/hooks/use-voice';
import type { VoiceSnapshot } from '@/lib/voice/voice-state';
import { HangUpIcon, HeadphonesIcon, MicIcon } from './voice-icons';
import styles from './voice.module.css';

const VoicePanelQuery = graphql(`
  query VoicePanel($channelId: ID!) {
    channel(id: $channelId) {
      id
      name
      myPermissions
      server {
        id
        name
      }
    }
  }
`);

/**
 * The member's own voice connection, above their user panel: where they are, how the connection
 * stands, mute / deafen / disconnect, and why something did not work.
 */
export function VoicePanel() {
  const { voice, engine } = useVoice();
  const [{ data }] = useQuery({ query: VoicePanelQuery, variables: { channelId: voice.channelId ?? '' }, pause: !voice.channelId });
  if (voice.status === 'idle' && !voice.error) return null;
  const channel = data?.channel?.id === voice.channelId ? data.channel : null;
  const canSpeak = channel ? channel.myPermissions.includes('SPEAK') || channel.myPermissions.includes('ADMINISTRATOR') : true;
  const notice = voice.status === 'joined' ? imposedNotice(voice, canSpeak) : null;
  const failed = voice.peers.filter((p) => p.connectionState === 'failed').length;

  return (
    <section className={styles.panel} aria-label="Voice connection">
      {voice.error && (
        <div className={styles.error} role="alert">
          <span>{voice.error.message}</span>
          <button type="button" className={styles.linkButton} onClick={() => engine.dismissError()}>
            Dismiss
          </button>
        </div>
      )}
      {voice.status !== 'idle' && (
        <>
          <div className={styles.status}>
            <span className={styles.statusLine} role="status">
              {statusText(voice, failed)}
            </span>
            <span className={`muted small ${styles.where}`}>{channel ? `${channel.name} / ${channel.server.name}` : 'Voice channel'}</span>
          </div>
          {notice && (
            <p className={styles.notice} role="note">
              {notice}
            </p>
          )}
          <div className={styles.controls}>
            <ToggleButton
              pressed={voice.selfMute || voice.selfDeaf}
              disabled={voice.status !== 'joined'}
              label={voice.selfMute || voice.selfDeaf ? 'Unmute' : 'Mute'}
              onClick={() => engine.setSelfMute(!(voice.selfMute || voice.selfDeaf))}
              icon={<MicIcon off={voice.selfMute || voice.selfDeaf || voice.serverMute} />}
            />
            <ToggleButton
              pressed={voice.selfDeaf}
              disabled={voice.status !== 'joined'}
              label={voice.selfDeaf ? 'Undeafen' : 'Deafen'}
              onClick={() => engine.setSelfDeaf(!voice.selfDeaf)}
              icon={<HeadphonesIcon off={voice.selfDeaf || voice.serverDeaf} />}
            />
            <button
              type="button"
              className={`${styles.control} ${styles.leave}`}
              onClick={() => void engine.leave()}
              aria-label="Disconnect from voice"
            >
              <HangUpIcon />
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function ToggleButton(props: { pressed: boolean; disabled: boolean; label: string; icon: React.ReactNode; onClick: () => void }) {
  return (
    <button
      type="button"
      className={props.pressed ? `${styles.control} ${styles.pressed}` : styles.control}
      aria-label={props.label}
      title={props.label}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.icon}
    </button>
  );
}

function statusText(voice: VoiceSnapshot, failed: number): string {
  if (voice.status === 'joining') return 'Connecting to voice…';
  if (voice.signallingLost) return 'Voice connected, reconnecting to the server…';
  if (failed > 0) return `Voice connected, ${failed} connection${failed > 1 ? 's' : ''} failed`;
  if (voice.peers.some((p) => p.connectionState !== 'connected')) return 'Voice connected, reaching the others…';
  return 'Voice connected';
}

/** Why the member cannot be heard or cannot hear, when it was not their own choice. */
function imposedNotice(voice: VoiceSnapshot, canSpeak: boolean): string | null {
  if (voice.serverDeaf) return 'A moderator deafened you in this server: you can neither hear nor be heard.';
  if (voice.serverMute && !canSpeak) return "You don't have permission to speak in this channel: you can listen only.";
  if (voice.serverMute) return 'A moderator muted you in this server: the others cannot hear you.';
  return null;
}
