import wrtc from '@roamhq/wrtc';

// @roamhq/wrtc is CommonJS; its nonstandard audio source and sink carry raw PCM in and out of WebRTC.
export const { RTCPeerConnection } = wrtc;
export const { RTCAudioSource, RTCAudioSink } = wrtc.nonstandard;
export type PeerConnection = InstanceType<typeof RTCPeerConnection>;
export type AudioSink = InstanceType<typeof RTCAudioSink>;
