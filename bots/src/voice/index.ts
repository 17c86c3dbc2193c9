export {
  VoiceConnection,
  VoiceConnectionStatus,
  entersState,
  type VoiceConnectionState,
  type ReceivedAudio,
  type VoiceSessionInfo,
} from './voice-connection.js';
export { sineFrames, estimateFrequency, firstChannel, rms, SAMPLE_RATE, FRAME_SAMPLES, type AudioFrame } from './audio.js';
