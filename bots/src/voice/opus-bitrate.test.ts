import { describe, expect, it } from 'vitest';
import { withOpusMaxBitrate } from './opus-bitrate.js';

const SDP = [
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  '',
].join('\r\n');

describe('withOpusMaxBitrate', () => {
  it('adds the bitrate to the Opus payload only, keeping its other parameters', () => {
    const out = withOpusMaxBitrate(SDP, 24000);
    expect(out).toContain('a=fmtp:111 minptime=10;useinbandfec=1;maxaveragebitrate=24000\r\n');
    expect(out).toContain('a=fmtp:63 111/111\r\n');
    expect(out.split('\r\n')).toHaveLength(SDP.split('\r\n').length);
  });

  it('replaces a bitrate already there rather than adding a second', () => {
    const once = withOpusMaxBitrate(SDP, 24000);
    const twice = withOpusMaxBitrate(once, 64000);
    expect(twice).toContain('a=fmtp:111 minptime=10;useinbandfec=1;maxaveragebitrate=64000\r\n');
    expect(twice.match(/maxaveragebitrate/g)).toHaveLength(1);
  });

  it('leaves a description without Opus alone', () => {
    const noOpus = 'v=0\r\nm=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=fmtp:0 x=1\r\n';
    expect(withOpusMaxBitrate(noOpus, 8000)).toBe(noOpus);
  });
});
