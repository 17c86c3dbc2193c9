export {
  VoiceConnection,
  VoiceConnectionStatus,
  entersState,
  type VoiceConnectionState,
  type VoiceConnectionEvents,
  type ReceivedAudio,
  type VoiceSessionInfo,
  type DisconnectReason,
  type JoinOptions,
} from './voice-connection.js';
export { AudioPlayer, AudioPlayerStatus, type AudioPlayerState, type AudioPlayerOptions } from './audio-player.js';
export { toneResource, wavResource, pcmStreamResource, framesResource, type AudioResource } from './audio-resource.js';
export { VoiceReceiver } from './voice-receiver.js';
export {
  GraphqlVoiceSignalling,
  type VoiceSignalling,
  type JoinedVoice,
  type IncomingSignal,
  type VoiceStateChange,
  type SignalType,
} from './signalling.js';
export { WrtcMedia, type VoiceMedia, type VoicePeer, type PeerOptions } from './voice-media.js';
export { encodeWav, decodeWav } from './wav.js';
export { sineFrames, estimateFrequency, firstChannel, rms, SAMPLE_RATE, FRAME_SAMPLES, type AudioFrame } from './audio.js';
