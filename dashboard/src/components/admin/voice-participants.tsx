'use client';

import { useMutation } from 'urql';
import type { Me } from '@/components/permissions/hierarchy';
import { Alert } from '@/components/ui/alert';
import { useVoiceModeration, VOICE_MODERATION, VoiceTargetRankQuery } from '@/components/voice/voice-moderation-rules';
import { useReadQueryAgain } from '@/hooks/use-read-again';
import { apiErrorOf } from '@/lib/api-errors';
import { ModerateVoiceMutation } from '@/lib/voice/voice.operations';
import type { AdminChannel, AdminServer } from './admin-types';

type VoiceAction = { serverMute?: boolean; serverDeaf?: boolean; moveToChannelId?: string; disconnect?: boolean };

/** A voice channel's participants with server mute, deafen, move and disconnect, as the members' voice menu offers them. */
export function VoiceParticipants({
  channel,
  server,
  me,
  onChanged,
}: {
  channel: AdminChannel;
  server: AdminServer;
  me: Me;
  onChanged: () => void;
}) {
  const [state, moderate] = useMutation(ModerateVoiceMutation);
  const others = server.channels.filter((c) => c.type === 'VOICE' && c.id !== channel.id);
  const act = (userId: string, change: VoiceAction) =>
    void moderate({ serverId: server.id, userId, ...change }).then((r) => !r.error && onChanged());

  return (
    <section className="stack" aria-labelledby="voice-title">
      <h3 id="voice-title">In {channel.name} now</h3>
      {channel.voiceStates.length === 0 && <p className="muted">Nobody is connected.</p>}
      <ul className="audit-list" aria-label={`Participants of ${channel.name}`}>
        {channel.voiceStates.map((v) => (
          <Participant
            key={v.sessionId}
            state={v}
            serverId={server.id}
            ownerId={server.owner.id}
            me={{ ...me, permissions: channel.myPermissions }}
            others={others}
            act={act}
          />
        ))}
      </ul>
      {state.error && <Alert>{apiErrorOf(state.error)?.message}</Alert>}
    </section>
  );
}

function Participant({
  state: v,
  serverId,
  ownerId,
  me,
  others,
  act,
}: {
  state: AdminChannel['voiceStates'][number];
  serverId: string;
  ownerId: string;
  /** Me with the permissions of this voice channel. */
  me: Me;
  others: readonly AdminChannel[];
  act: (userId: string, change: VoiceAction) => void;
}) {
  const { reasons, destinations } = useVoiceModeration({ serverId, ownerId, me, target: v.user, destinations: others });
  // Their roles decide the rank rule and may have changed unheard.
  useReadQueryAgain(serverId, VoiceTargetRankQuery, { serverId, userId: v.user.id });
  const name = v.user.displayName;
  return (
    <li className="audit-entry voice-participant">
      <strong>{name}</strong>
      <span className="inline wrap">
        <button
          type="button"
          className="chip"
          {...reasons.control('MUTE_MEMBERS')}
          onClick={() => act(v.user.id, { serverMute: !v.serverMute })}
        >
          {v.serverMute ? 'Unmute' : 'Server mute'} {name}
        </button>
        <button
          type="button"
          className="chip"
          {...reasons.control('DEAFEN_MEMBERS')}
          onClick={() => act(v.user.id, { serverDeaf: !v.serverDeaf })}
        >
          {v.serverDeaf ? 'Undeafen' : 'Server deafen'} {name}
        </button>
        {destinations.length > 0 && (
          <select
            className="field-input"
            aria-label={`Move ${name} to`}
            {...reasons.control('MOVE_MEMBERS')}
            value=""
            onChange={(e) => e.target.value && act(v.user.id, { moveToChannelId: e.target.value })}
          >
            <option value="">Move to…</option>
            {destinations.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          className="button danger"
          {...reasons.control('MOVE_MEMBERS')}
          onClick={() => act(v.user.id, { disconnect: true })}
        >
          Disconnect {name}
        </button>
      </span>
      {reasons.lockNote}
      {reasons.needsNote(...VOICE_MODERATION)}
    </li>
  );
}
