'use client';

import { graphql, getFragmentData, type FragmentType } from '@/gql';

export const VoiceChannelViewFragment = graphql(`
  fragment VoiceChannelView on Channel {
    id
    name
    userLimit
    voiceStates {
      sessionId
      selfMute
      selfDeaf
      user {
        id
        displayName
      }
    }
  }
`);

/** Who is in a voice channel right now. Joining happens from the channel sidebar's voice hook. */
export function VoiceChannelView({ channel: ref }: { channel: FragmentType<typeof VoiceChannelViewFragment> }) {
  const channel = getFragmentData(VoiceChannelViewFragment, ref);
  return (
    <div className="voice-view">
      <h2 className="group-title">
        In {channel.name} — {channel.voiceStates.length}
        {channel.userLimit > 0 ? ` / ${channel.userLimit}` : ''}
      </h2>
      {channel.voiceStates.length === 0 ? (
        <p className="muted">Nobody is here yet.</p>
      ) : (
        <ul className="member-rows">
          {channel.voiceStates.map((state) => (
            <li key={state.sessionId} className="member-row">
              <span className="member-name">{state.user.displayName}</span>
              {state.selfMute && <span className="badge">muted</span>}
              {state.selfDeaf && <span className="badge">deafened</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
