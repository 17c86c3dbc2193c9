/**
 * Sets the Opus `maxaveragebitrate` (RFC 7587) on every Opus payload of a session description.
 * Applied to the *remote* description, it is the bitrate our encoder sends at: @roamhq/wrtc's
 * `RTCRtpSender.setParameters` refuses every change (InvalidModificationError: its encodings come
 * back without their SSRC), so the channel's bitrate reaches the encoder through the SDP instead.
 */
export function withOpusMaxBitrate(sdp: string, bitsPerSecond: number): string {
  const opus = new Set([...sdp.matchAll(/^a=rtpmap:(\d+) opus\/48000/gim)].map((m) => m[1]));
  return sdp.replace(/^a=fmtp:(\d+) ([^\r\n]*)/gm, (line, payload: string, params: string) => {
    if (!opus.has(payload)) return line;
    const kept = params
      .split(';')
      .map((p) => p.trim())
      .filter((p) => p && !p.toLowerCase().startsWith('maxaveragebitrate='));
    return `a=fmtp:${payload} ${[...kept, `maxaveragebitrate=${Math.round(bitsPerSecond)}`].join(';')}`;
  });
}
