import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../api/test/fixtures.js';
import { FRAME_SAMPLES, SAMPLE_RATE, sineFrames } from './audio.js';
import { MeshPeer } from './mesh-peer.js';
import type { SignalType } from './signalling.js';
import { RTCAudioSource } from './wrtc.js';

/**
 * Two real WebRTC peers wired to each other without the API, so the test decides when signals
 * arrive. Like the API, the wire keeps each direction's order: held signals, and whatever is sent
 * while they are handed over, arrive in the order they were sent.
 */
function link(maxBitrate: number) {
  const queued: (() => Promise<void>)[] = [];
  let holding = false;
  let flushing = false;
  let lostFrom: number | null = null;
  const flush = async () => {
    if (holding || flushing) return;
    flushing = true;
    for (let next = queued.shift(); next; next = queued.shift()) await next();
    flushing = false;
  };
  const sources = [new RTCAudioSource(), new RTCAudioSource()];
  const tracks = sources.map((source) => source.createTrack());
  const peers: MeshPeer[] = [];
  for (const [i, track] of tracks.entries()) {
    peers.push(
      new MeshPeer({
        remoteSessionId: `s${1 - i}`,
        remoteUserId: `u${1 - i}`,
        iceServers: [],
        localTrack: track,
        maxBitrate,
        sendSignal: async (type: SignalType, payload: string) => {
          if (lostFrom === i) return; // the other end is away: the API accepts it, nobody hears it
          // Accepted, not yet handled: like sendVoiceSignal, which resolves once the API has it.
          queued.push(() => peers[1 - i]!.handleSignal(type, payload));
          void flush();
        },
        onAudio: () => {},
        onConnectionState: () => {},
      }),
    );
  }
  const tones = sources.map((source) => {
    const frames = sineFrames(440);
    const frame = { sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: FRAME_SAMPLES };
    return setInterval(() => source.onData({ ...frame, samples: frames.next().value! }), 10);
  });
  return {
    peers,
    hold: () => void (holding = true),
    /** What peer `from` sends is lost until `lose(null)`. */
    lose: (from: number | null) => void (lostFrom = from),
    release: () => {
      holding = false;
      void flush();
    },
    close: () => {
      tones.forEach(clearInterval);
      peers.forEach((p) => p.close());
      tracks.forEach((t) => t.stop());
    },
  };
}

describe('MeshPeer and the channel bitrate (real WebRTC)', () => {
  let close = () => {};
  afterEach(() => close());

  it('both ends offering a new bitrate at once: the polite end yields, both encoders follow, the link holds', async () => {
    const { peers, hold, release, close: done } = link(48_000);
    close = done;
    const [offerer, answerer] = peers as [MeshPeer, MeshPeer];
    await offerer.offer();
    await eventually(async () => expect([await offerer.sendBitrate(), await answerer.sendBitrate()]).toEqual([48_000, 48_000]), 10_000);

    hold();
    await Promise.all([offerer.setMaxBitrate(12_000), answerer.setMaxBitrate(12_000)]);
    release(); // both offers cross
    await eventually(async () => expect([await offerer.sendBitrate(), await answerer.sendBitrate()]).toEqual([12_000, 12_000]), 10_000);
    expect([offerer.connectionState, answerer.connectionState]).toEqual(['connected', 'connected']);
  });

  it('a first offer lost while they were away yields to theirs on their return; later collisions go their way', async () => {
    const { peers, hold, release, lose, close: done } = link(48_000);
    close = done;
    const [newcomer, returner] = peers as [MeshPeer, MeshPeer];
    lose(0);
    await newcomer.offer();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // its candidates are lost too
    lose(null);
    await returner.offer(); // back, it finds the newcomer and offers (the dashboard's resume)
    await eventually(async () => expect([await newcomer.sendBitrate(), await returner.sendBitrate()]).toEqual([48_000, 48_000]), 10_000);

    // The returner made the offer the link stands on: in a collision now, the newcomer yields.
    hold();
    await Promise.all([newcomer.setMaxBitrate(12_000), returner.setMaxBitrate(12_000)]);
    release();
    await eventually(async () => expect([await newcomer.sendBitrate(), await returner.sendBitrate()]).toEqual([12_000, 12_000]), 10_000);
    expect([newcomer.connectionState, returner.connectionState]).toEqual(['connected', 'connected']);
  });

  it('a candidate that no longer fits, held until the offer came, is left out and the answer still goes', async () => {
    const { peers, close: done } = link(48_000);
    close = done;
    const [offerer, answerer] = peers as [MeshPeer, MeshPeer];
    // From an offer taken back (its credentials are gone), arriving before the offer the link stands on.
    const stale = {
      candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 9 typ host',
      sdpMid: 'gone',
      sdpMLineIndex: 7,
      usernameFragment: 'gone',
    };
    await answerer.handleSignal('ICE_CANDIDATE', JSON.stringify(stale));
    await offerer.offer();
    await eventually(() => expect([offerer.connectionState, answerer.connectionState]).toEqual(['connected', 'connected']), 10_000);
  });
});
