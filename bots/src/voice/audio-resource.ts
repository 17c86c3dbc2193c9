import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { FRAME_SAMPLES, SAMPLE_RATE, sineFrames } from './audio.js';
import { decodeWav, framesOf } from './wav.js';

/**
 * Something an AudioPlayer plays: 10 ms frames of 48 kHz mono PCM, pulled one at a time.
 * `read()` answers a frame, `null` when none is ready yet (a stream that has not caught up), or
 * `undefined` when the resource is finished.
 */
export interface AudioResource {
  read(): Int16Array | null | undefined;
  /** Releases what it holds (a stream is destroyed). */
  close(): void;
}

/** A generated sine tone, for `durationMs` (endless when omitted). */
export function toneResource(frequencyHz: number, durationMs?: number, amplitude = 8000): AudioResource {
  const frames = sineFrames(frequencyHz, amplitude);
  let left = durationMs === undefined ? Number.POSITIVE_INFINITY : Math.ceil(durationMs / 10);
  return {
    read: () => (left-- > 0 ? frames.next().value : undefined),
    close: () => void (left = 0),
  };
}

/** A 16-bit PCM WAV file (any rate and channel count), read at once. */
export function wavResource(pathOrBytes: string | Buffer): AudioResource {
  const bytes = typeof pathOrBytes === 'string' ? readFileSync(pathOrBytes) : pathOrBytes;
  return framesResource(framesOf(decodeWav(bytes)));
}

/** Frames from any iterator (e.g. `sineFrames`). */
export function framesResource(frames: Iterator<Int16Array>): AudioResource {
  let done = false;
  return {
    read: () => {
      if (done) return undefined;
      const next = frames.next();
      done = next.done === true;
      return done ? undefined : next.value;
    },
    close: () => void (done = true),
  };
}

/** Raw 48 kHz mono s16le PCM from a stream (a file, ffmpeg's stdout, another bot's receiver). */
export function pcmStreamResource(stream: Readable): AudioResource {
  const frameBytes = FRAME_SAMPLES * 2;
  let pending: Buffer = Buffer.alloc(0);
  let ended = false;
  stream.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    // Hold back at most a second so a fast producer does not fill memory.
    if (pending.length > SAMPLE_RATE * 2) stream.pause();
  });
  stream.once('end', () => (ended = true));
  stream.once('error', () => (ended = true));
  return {
    read: () => {
      if (pending.length < frameBytes) {
        if (!ended) return null;
        if (pending.length === 0) return undefined;
        pending = Buffer.concat([pending, Buffer.alloc(frameBytes - pending.length)]);
      }
      const frame = new Int16Array(FRAME_SAMPLES);
      for (let i = 0; i < FRAME_SAMPLES; i += 1) frame[i] = pending.readInt16LE(i * 2);
      pending = pending.subarray(frameBytes);
      if (stream.isPaused() && pending.length < SAMPLE_RATE) stream.resume();
      return frame;
    },
    close: () => {
      ended = true;
      pending = Buffer.alloc(0);
      stream.destroy();
    },
  };
}
