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

/** Dominant frequency by zero crossings: good enough to recognise a pure tone after Opus. */
export function estimateFrequency(samples: Int16Array, sampleRate: number): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i += 1) if (samples[i - 1]! < 0 !== samples[i]! < 0) crossings += 1;
  return (crossings / 2) * (sampleRate / samples.length);
}

export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}
