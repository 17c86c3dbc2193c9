import { print } from 'graphql';
import type { Client as WsClient } from 'graphql-ws';
import type { Client, CombinedError } from 'urql';
import { getFragmentData, type FragmentType } from '@/gql';
import { apiErrorOf } from '@/lib/api-errors';
import {
  JoinVoiceMutation,
  LeaveVoiceMutation,
  SendVoiceSignalMutation,
  UpdateVoiceStateMutation,
  VoiceChannelStatesQuery,
  VoiceSessionStateFragment,
  VoiceSignalsSubscription,
  VoiceStateChangesSubscription,
} from './voice.operations';
import {
  VoiceRequestError,
  type IncomingVoiceSignal,
  type SignalStreamEnd,
  type VoiceChannelState,
  type VoiceSignalling,
} from './voice-signalling';

const VOICE_SIGNALS = print(VoiceSignalsSubscription);

/**
 * The voice engine's signalling over the dashboard's API client. Mutations and voice state go through
 * urql, so the normalised cache (and the sidebar) sees every join, mute and departure. The signal
 * stream goes straight over graphql-ws: there is nothing in it to cache, and its completion is the
 * session's end, which urql would not report.
 */
export function createVoiceSignalling(api: { urql: Client; ws: WsClient }): VoiceSignalling {
  /** The data of a query or mutation, or its refusal as a VoiceRequestError. */
  async function dataOf<T>(result: Promise<{ data?: T; error?: CombinedError }>): Promise<T> {
    const { data, error } = await result;
    if (error || !data) {
      const apiError = apiErrorOf(error);
      throw new VoiceRequestError(apiError?.message ?? 'no answer', apiError?.code, { permission: apiError?.permission });
    }
    return data;
  }

  return {
    async join(channelId, self) {
      const { joinVoice } = await dataOf(api.urql.mutation(JoinVoiceMutation, { channelId, ...self }).toPromise());
      const own = joinVoice.channel.voiceStates.map(channelState).find((s) => s.sessionId === joinVoice.sessionId);
      return {
        sessionId: joinVoice.sessionId,
        channelId: joinVoice.channel.id,
        bitrate: joinVoice.channel.bitrate,
        iceServers: joinVoice.iceServers.map((s) => ({
          urls: s.urls,
          ...(s.username ? { username: s.username } : {}),
          ...(s.credential ? { credential: s.credential } : {}),
        })),
        participants: joinVoice.participants.map(channelState),
        self: own?.flags ?? { ...self, serverMute: false, serverDeaf: false },
      };
    },
    async leave(sessionId) {
      await dataOf(api.urql.mutation(LeaveVoiceMutation, { sessionId }).toPromise());
    },
    async updateSelf(sessionId, patch) {
      await dataOf(api.urql.mutation(UpdateVoiceStateMutation, { sessionId, ...patch }).toPromise());
    },
    async sendSignal(sessionId, toSessionId, type, payload) {
      await dataOf(api.urql.mutation(SendVoiceSignalMutation, { sessionId, toSessionId, type, payload }).toPromise());
    },
    signals(sessionId, onSignal, onEnd) {
      let active = true;
      const finish = (why: SignalStreamEnd) => {
        if (active) onEnd(why);
        active = false;
      };
      const stop = api.ws.subscribe<{ voiceSignals: { fromSessionId: string; fromUser: { id: string }; type: string; payload: string } }>(
        { query: VOICE_SIGNALS, variables: { sessionId } },
        {
          next: ({ data }) => {
            const s = data?.voiceSignals;
            if (!s || !active) return;
            const signal: IncomingVoiceSignal = {
              fromSessionId: s.fromSessionId,
              fromUserId: s.fromUser.id,
              type: s.type as IncomingVoiceSignal['type'],
              payload: s.payload,
            };
            onSignal(signal);
          },
          // GraphQL errors (NOT_FOUND: the session is gone) come as an array; anything else is the socket.
          error: (error: unknown) => finish(Array.isArray(error) ? 'ended' : 'lost'),
          complete: () => finish('ended'),
        },
      );
      return () => {
        active = false;
        stop();
      };
    },
    async channelStates(channelId) {
      const { channel } = await dataOf(
        api.urql.query(VoiceChannelStatesQuery, { channelId }, { requestPolicy: 'network-only' }).toPromise(),
      );
      return { states: (channel?.voiceStates ?? []).map(channelState), bitrate: channel?.bitrate ?? null };
    },
    stateChanges(serverId, onChange, onBitrate, onMissed) {
      const { unsubscribe } = api.urql.subscription(VoiceStateChangesSubscription, { serverId }).subscribe(({ data }) => {
        const event = data?.serverEvents;
        if (event?.__typename === 'ChannelUpdated') return onBitrate(event.channel.id, event.channel.bitrate);
        if (event?.__typename === 'ServerEventsMissed') return onMissed();
        if (event?.__typename !== 'VoiceStateUpdated') return;
        const state = event.state ? channelState(event.state).flags : null;
        onChange({
          sessionId: event.sessionId,
          userId: event.userId,
          channelId: event.channelId ?? null,
          state,
          movedToSessionId: event.movedToSessionId ?? null,
        });
      });
      return unsubscribe;
    },
  };
}

/** A voice state as the engine reads it. */
function channelState(ref: FragmentType<typeof VoiceSessionStateFragment>): VoiceChannelState {
  const s = getFragmentData(VoiceSessionStateFragment, ref);
  const flags = { selfMute: s.selfMute, selfDeaf: s.selfDeaf, serverMute: s.serverMute, serverDeaf: s.serverDeaf };
  return { sessionId: s.sessionId, userId: s.user.id, silenced: s.serverMute || s.serverDeaf, flags };
}
