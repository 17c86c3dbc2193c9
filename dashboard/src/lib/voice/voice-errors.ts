import { VoiceRequestError } from './voice-signalling';

export type VoiceErrorKind =
  | 'MICROPHONE_DENIED'
  | 'MICROPHONE_UNAVAILABLE'
  | 'NO_WEBRTC'
  | 'CHANNEL_FULL'
  | 'NO_JOIN_PERMISSION'
  | 'TIMED_OUT'
  | 'SESSION_ENDED'
  | 'FAILED';

export interface VoiceError {
  kind: VoiceErrorKind;
  message: string;
}

/** What went wrong when joining or while in voice, in words a member can act on. */
export function voiceErrorFrom(error: unknown): VoiceError {
  if (error instanceof VoiceRequestError) return fromApi(error);
  const name = error instanceof Error || isDomException(error) ? (error as { name: string }).name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return {
        kind: 'MICROPHONE_DENIED',
        message: 'Microphone access was denied. Allow the microphone for this site in your browser, then join again.',
      };
    case 'NotFoundError':
    case 'NotReadableError':
    case 'OverconstrainedError':
      return {
        kind: 'MICROPHONE_UNAVAILABLE',
        message: 'No usable microphone was found. Connect one (or close the app using it), then join again.',
      };
    case 'NoWebRtcError':
      return { kind: 'NO_WEBRTC', message: 'This browser cannot do voice here (WebRTC or microphone access needs HTTPS).' };
    default:
      return { kind: 'FAILED', message: `Voice failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export const sessionEnded = (): VoiceError => ({
  kind: 'SESSION_ENDED',
  message: 'You were disconnected from voice (by a moderator, or you lost access to the channel).',
});

function fromApi(error: VoiceRequestError): VoiceError {
  switch (error.code) {
    case 'CHANNEL_FULL': {
      const limit = typeof error.meta.userLimit === 'number' ? ` (limit ${error.meta.userLimit})` : '';
      return { kind: 'CHANNEL_FULL', message: `This voice channel is full${limit}. Try again when someone leaves.` };
    }
    case 'FORBIDDEN':
      return {
        kind: 'NO_JOIN_PERMISSION',
        message: "You don't have permission to connect to this voice channel (Join voice). Ask a moderator for access.",
      };
    case 'TIMED_OUT':
      return { kind: 'TIMED_OUT', message: 'You are timed out in this server and cannot join voice until it ends.' };
    default:
      return { kind: 'FAILED', message: `Could not join voice: ${error.message}` };
  }
}

function isDomException(error: unknown): boolean {
  return typeof DOMException !== 'undefined' && error instanceof DOMException;
}
