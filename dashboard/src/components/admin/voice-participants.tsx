'use client';

import { useMutation } from 'urql';
import { Alert } from '@/components/ui/alert';
import { apiErrorOf } from '@/lib/api-errors';
import { ModerateVoiceMutation } from './admin.operations';
import type { AdminChannel, AdminServer } from './admin-types';
import { can, type Me } from './hierarchy';

/** A voice channel's participants with server mute, deafen, move and disconnect (the API checks each). */
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
  const act = (userId: string, change: { serverMute?: boolean; serverDeaf?: boolean; moveToChannelId?: string; disconnect?: boolean }) =>
    void moderate({ serverId: server.id, userId, ...change }).then((r) => !r.error && onChanged());

  return (
    <section className="stack" aria-labelledby="voice-title">
      <h3 id="voice-title">In {channel.name} now</h3>
      {channel.voiceStates.length === 0 && <p className="muted">Nobody is connected.</p>}
      <ul className="audit-list" aria-label={`Participants of ${channel.name}`}>
        {channel.voiceStates.map((v) => (
          <li key={v.sessionId} className="audit-entry voice-participant">
            <strong>{v.user.displayName}</strong>
            <span className="inline wrap">
              <button
                type="button"
                className="chip"
                disabled={!can(me, 'MUTE_MEMBERS')}
                onClick={() => act(v.user.id, { serverMute: !v.serverMute })}
              >
                {v.serverMute ? 'Unmute' : 'Server mute'} {v.user.displayName}
              </button>
              <button
                type="button"
                className="chip"
                disabled={!can(me, 'DEAFEN_MEMBERS')}
                onClick={() => act(v.user.id, { serverDeaf: !v.serverDeaf })}
              >
                {v.serverDeaf ? 'Undeafen' : 'Server deafen'} {v.user.displayName}
              </button>
              {others.length > 0 && (
                <select
                  className="field-input"
                  aria-label={`Move ${v.user.displayName} to`}
                  disabled={!can(me, 'MOVE_MEMBERS')}
                  value=""
                  onChange={(e) => e.target.value && act(v.user.id, { moveToChannelId: e.target.value })}
                >
                  <option value="">Move to…</option>
                  {others.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              )}
              <button
                type="button"
                className="button danger"
                disabled={!can(me, 'MOVE_MEMBERS')}
                onClick={() => act(v.user.id, { disconnect: true })}
              >
                Disconnect {v.user.displayName}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {state.error && <Alert>{apiErrorOf(state.error)?.message}</Alert>}
    </section>
  );
}
