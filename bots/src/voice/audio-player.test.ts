import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES, estimateFrequency, rms } from './audio.js';
import { AudioPlayer, AudioPlayerStatus } from './audio-player.js';
import { pcmStreamResource, toneResource, wavResource } from './audio-resource.js';
import type { VoiceConnection } from './voice-connection.js';
import { decodeWav, encodeWav, resample } from './wav.js';

/** Stands in for a connection: only what the player calls. */
function sinkConnection() {
  const frames: Int16Array[] = [];
  const connection = { attach: () => undefined, sendFrame: (f: Int16Array) => void frames.push(f) } as unknown as VoiceConnection;
  return { frames, connection };
}

const ticks = (player: AudioPlayer, n: number) => {
  for (let i = 0; i < n; i += 1) player.tick();
};
const concat = (frames: Int16Array[]) => {
  const out = new Int16Array(frames.length * FRAME_SAMPLES);
  frames.forEach((f, i) => out.set(f, i * FRAME_SAMPLES));
  return out;
};

describe('AudioPlayer', () => {
  it('plays a tone for its duration, then goes idle; the queue plays in order', () => {
    const player = new AudioPlayer({ manualClock: true });
    const { frames, connection } = sinkConnection();
    player.subscribe(connection);
    const statuses: string[] = [];
    player.on('stateChange', (_o, n) => void statuses.push(n.status));
    player.enqueue(toneResource(440, 100));
    player.enqueue(toneResource(880, 50));
    expect(player.state.status).toBe(AudioPlayerStatus.Playing);
    expect(player.queued).toBe(1);
    ticks(player, 30);
    expect(frames).toHaveLength(15);
    expect(estimateFrequency(concat(frames.slice(0, 10)), 48_000)).toSatisfy((f: number) => f > 420 && f < 460);
    expect(estimateFrequency(concat(frames.slice(10)), 48_000)).toSatisfy((f: number) => f > 840 && f < 920);
    expect(statuses).toEqual(['playing', 'playing', 'idle']);
  });

  it('pause holds the position, resume continues, stop clears the queue', () => {
    const player = new AudioPlayer({ manualClock: true });
    const { frames, connection } = sinkConnection();
    player.subscribe(connection);
    player.play(toneResource(440, 1000));
    player.enqueue(toneResource(440, 1000));
    ticks(player, 3);
    expect(player.pause()).toBe(true);
    ticks(player, 5);
    expect(frames).toHaveLength(3);
    expect(player.resume()).toBe(true);
    ticks(player, 2);
    expect(frames).toHaveLength(5);
    player.stop();
    expect(player.state.status).toBe(AudioPlayerStatus.Idle);
    expect(player.queued).toBe(0);
  });

  it('volume scales samples (and clips)', () => {
    const player = new AudioPlayer({ manualClock: true });
    const { frames, connection } = sinkConnection();
    player.subscribe(connection);
    player.volume = 0.5;
    player.play(toneResource(440, 10, 8000));
    ticks(player, 1);
    expect(rms(frames[0]!)).toBeCloseTo(8000 / Math.SQRT2 / 2, -2);
    player.volume = 5;
    expect(player.volume).toBe(2);
  });

  it('a PCM stream plays as it arrives; a gap waits rather than ending', async () => {
    const player = new AudioPlayer({ manualClock: true });
    const { frames, connection } = sinkConnection();
    player.subscribe(connection);
    const stream = new PassThrough();
    player.play(pcmStreamResource(stream));
    stream.write(Buffer.alloc(FRAME_SAMPLES * 2 * 2, 1));
    await new Promise((resolve) => setImmediate(resolve));
    ticks(player, 4);
    expect(frames).toHaveLength(2);
    expect(player.state.status).toBe(AudioPlayerStatus.Playing);
    stream.end(Buffer.alloc(10, 1));
    await new Promise((resolve) => setImmediate(resolve));
    ticks(player, 3);
    expect(frames).toHaveLength(3);
    expect(player.state.status).toBe(AudioPlayerStatus.Idle);
  });
});

describe('WAV', () => {
  it('round-trips 48 kHz mono and converts other rates and channel counts', () => {
    const source = toneResource(440, 200);
    const tone = concat([...Array(20)].map(() => source.read()!));
    expect(decodeWav(encodeWav(tone))).toEqual(tone);
    const at24k = resample(tone, 48_000, 24_000);
    const decoded = decodeWav(encodeWav(at24k, 24_000));
    expect(decoded.length).toBe(tone.length);
    expect(estimateFrequency(decoded, 48_000)).toSatisfy((f: number) => f > 420 && f < 460);
    expect(() => decodeWav(Buffer.from('not a wav file at all, really'))).toThrow('not a WAV file');
  });

  it('a WAV resource plays its frames', () => {
    const player = new AudioPlayer({ manualClock: true });
    const { frames, connection } = sinkConnection();
    player.subscribe(connection);
    player.play(wavResource(encodeWav(new Int16Array(FRAME_SAMPLES * 3).fill(1000))));
    ticks(player, 5);
    expect(frames).toHaveLength(3);
    expect(player.state.status).toBe(AudioPlayerStatus.Idle);
  });
});
