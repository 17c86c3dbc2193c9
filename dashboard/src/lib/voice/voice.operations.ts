import { graphql } from '@/gql';

/** What the engine reads of a voice state; `channel` also lets the cache place it (voice-cache-updates.ts). */
export const VoiceSessionStateFragment = graphql(`
  fragment VoiceSessionState on VoiceState {
    sessionId
    selfMute
    selfDeaf
    serverMute
    serverDeaf
    user {
      id
    }
    channel {
      id
    }
  }
`);

export const JoinVoiceMutation = graphql(`
  mutation JoinVoice($channelId: ID!, $selfMute: Boolean, $selfDeaf: Boolean) {
    joinVoice(channelId: $channelId, selfMute: $selfMute, selfDeaf: $selfDeaf) {
      sessionId
      iceServers {
        urls
        username
        credential
      }
      participants {
        ...VoiceSessionState
      }
      channel {
        id
        bitrate
        voiceStates {
          ...VoiceSessionState
          ...VoiceParticipant
        }
      }
    }
  }
`);

export const LeaveVoiceMutation = graphql(`
  mutation LeaveVoice($sessionId: ID!) {
    leaveVoice(sessionId: $sessionId)
  }
`);

export const UpdateVoiceStateMutation = graphql(`
  mutation UpdateVoiceState($sessionId: ID!, $selfMute: Boolean, $selfDeaf: Boolean) {
    updateVoiceState(sessionId: $sessionId, selfMute: $selfMute, selfDeaf: $selfDeaf) {
      ...VoiceSessionState
      ...VoiceParticipant
    }
  }
`);

export const SendVoiceSignalMutation = graphql(`
  mutation SendVoiceSignal($sessionId: ID!, $toSessionId: ID!, $type: VoiceSignalType!, $payload: String!) {
    sendVoiceSignal(sessionId: $sessionId, toSessionId: $toSessionId, type: $type, payload: $payload)
  }
`);

export const VoiceSignalsSubscription = graphql(`
  subscription VoiceSignals($sessionId: ID!) {
    voiceSignals(sessionId: $sessionId) {
      fromSessionId
      fromUser {
        id
      }
      type
      payload
    }
  }
`);

export const VoiceStateChangesSubscription = graphql(`
  subscription VoiceStateChanges($serverId: ID!) {
    serverEvents(serverId: $serverId) {
      __typename
      ... on VoiceStateUpdated {
        channelId
        userId
        sessionId
        state {
          ...VoiceSessionState
          ...VoiceParticipant
        }
        movedToSessionId
      }
      ... on ChannelUpdated {
        channel {
          id
          bitrate
        }
      }
    }
  }
`);

export const VoiceChannelStatesQuery = graphql(`
  query VoiceChannelStates($channelId: ID!) {
    channel(id: $channelId) {
      id
      bitrate
      voiceStates {
        ...VoiceSessionState
        ...VoiceParticipant
      }
    }
  }
`);

/** Server mute, deafen, move or disconnect of a participant (the members' voice menu and the settings' lists). */
export const ModerateVoiceMutation = graphql(`
  mutation ModerateVoice(
    $serverId: ID!
    $userId: ID!
    $serverMute: Boolean
    $serverDeaf: Boolean
    $moveToChannelId: ID
    $disconnect: Boolean
  ) {
    moderateVoice(
      serverId: $serverId
      userId: $userId
      serverMute: $serverMute
      serverDeaf: $serverDeaf
      moveToChannelId: $moveToChannelId
      disconnect: $disconnect
    )
  }
`);
