/** 10 ms of 48 kHz mono 16-bit PCM: the frame WebRTC's audio source expects. */
export const SAMPLE_RATE = 48_000;
export const FRAME_SAMPLES = SAMPLE_RATE / 100;

export interface AudioFrame {
  samples: Int16Array;
  sampleRate: number;
  channelCount: number;
}

/** Endless frames of a sine tone; `phase` carries over so frames join without clicks. */
export function* sineFrames(frequencyHz: number, amplitude = 8000): Generator<Int16Array> {
  let phase = 0;
  const step = (2 * Math.PI * frequencyHz) / SAMPLE_RATE;
  for (;;) {
    const samples = new Int16Array(FRAME_SAMPLES);
    for (let i = 0; i < FRAME_SAMPLES; i += 1) {
      samples[i] = Math.round(Math.sin(phase) * amplitude);
      phase += step;
    }
    phase %= 2 * Math.PI;
    yield samples;
  }
}

/** Mono view of interleaved samples (first channel). */
export function firstChannel(frame: AudioFrame): Int16Array {
  if (frame.channelCount === 1) return frame.samples;
  const mono = new Int16Array(frame.samples.length / frame.channelCount);
  for (let i = 0; i < mono.length; i += 1) mono[i] = frame.samples[i * frame.channelCount]!;
  return mono;
}

/**
 * Dominant frequency of a tone: per 20 ms window, the spacing of its (interpolated) zero crossings;
 * then the median over windows. A dropped or concealed frame puts a seam with a spurious crossing
 * into one window, and the median does not move for it.
 */
export function estimateFrequency(samples: Int16Array, sampleRate: number): number {
  const window = Math.min(samples.length, sampleRate / 50);
  const estimates: number[] = [];
  for (let start = 0; window > 1 && start + window <= samples.length; start += window) {
    const estimate = windowFrequency(samples.subarray(start, start + window), sampleRate);
    if (estimate !== undefined) estimates.push(estimate);
  }
  estimates.sort((a, b) => a - b);
  return estimates[Math.floor(estimates.length / 2)] ?? 0;
}

function windowFrequency(samples: Int16Array, sampleRate: number): number | undefined {
  let first = -1;
  let last = -1;
  let crossings = 0;
  for (let i = 1; i < samples.length; i += 1) {
    const before = samples[i - 1]!;
    const after = samples[i]!;
    if (before < 0 === after < 0) continue;
    const at = i - 1 + before / (before - after);
    if (first < 0) first = at;
    last = at;
    crossings += 1;
  }
  return crossings >= 2 && last > first ? ((crossings - 1) / 2) * (sampleRate / (last - first)) : undefined;
}

export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}
