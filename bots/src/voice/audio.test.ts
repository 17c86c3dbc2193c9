import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES, SAMPLE_RATE, estimateFrequency, sineFrames } from './audio.js';

function tone(frequencyHz: number, frames: number, keep: (index: number) => boolean = () => true): Int16Array {
  const source = sineFrames(frequencyHz);
  const kept: Int16Array[] = [];
  for (let i = 0; i < frames; i += 1) {
    const frame = source.next().value as Int16Array;
    if (keep(i)) kept.push(frame);
  }
  const joined = new Int16Array(kept.length * FRAME_SAMPLES);
  kept.forEach((frame, i) => joined.set(frame, i * FRAME_SAMPLES));
  return joined;
}

describe('estimateFrequency', () => {
  it('reads a clean tone to within a hertz', () => {
    expect(Math.abs(estimateFrequency(tone(660, 50), SAMPLE_RATE) - 660)).toBeLessThan(1);
    expect(Math.abs(estimateFrequency(tone(440, 3), SAMPLE_RATE) - 440)).toBeLessThan(1);
  });

  it('is not moved by dropped frames or a concealed frame of noise', () => {
    const dropped = tone(660, 70, (i) => i % 7 !== 3);
    expect(Math.abs(estimateFrequency(dropped, SAMPLE_RATE) - 660)).toBeLessThan(1);
    // Every tenth frame replaced by quiet noise, as packet-loss concealment can produce: a plain
    // crossing count over the whole buffer reads that as hundreds of hertz higher.
    const concealed = tone(660, 60);
    let seed = 7;
    for (let frame = 5; frame < 60; frame += 10) {
      for (let i = 0; i < FRAME_SAMPLES; i += 1) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        concealed[frame * FRAME_SAMPLES + i] = (seed % 1200) - 600;
      }
    }
    expect(Math.abs(estimateFrequency(concealed, SAMPLE_RATE) - 660)).toBeLessThan(1);
  });

  it('says 0 for silence', () => {
    expect(estimateFrequency(new Int16Array(FRAME_SAMPLES * 4), SAMPLE_RATE)).toBe(0);
  });
});
