import { EventEmitter } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { firstChannel, rms, type AudioFrame } from './audio.js';

/** Louder than this (RMS of 16-bit samples) counts as speech; quieter for SILENCE_MS ends it. */
const SPEAKING_RMS = 300;
const SILENCE_MS = 300;

export interface ReceiverEvents {
  speaking: [event: { userId: string; speaking: boolean }];
}

/**
 * What a voice connection hears, one speaker at a time: `speaking` start and end per user, and
 * `subscribe(userId)` for that user's audio alone as 48 kHz mono s16le PCM. WebRTC's mesh gives
 * each speaker their own track, so nothing needs un-mixing.
 */
export class VoiceReceiver extends EventEmitter<ReceiverEvents> {
  private readonly streams = new Map<string, Set<PassThrough>>();
  private readonly silenceTimers = new Map<string, NodeJS.Timeout>();

  /** Users speaking now. */
  get speaking(): ReadonlySet<string> {
    return new Set(this.silenceTimers.keys());
  }

  /** This user's audio from now on; end it with `stream.destroy()`, or it ends when the connection does. */
  subscribe(userId: string): Readable {
    const stream = new PassThrough();
    const set = this.streams.get(userId) ?? new Set();
    set.add(stream);
    this.streams.set(userId, set);
    stream.once('close', () => set.delete(stream));
    return stream;
  }

  /** Fed by the connection for each frame a peer delivers. */
  push(userId: string, frame: AudioFrame): void {
    const mono = firstChannel(frame);
    if (rms(mono) >= SPEAKING_RMS) this.heard(userId);
    const subscribers = this.streams.get(userId);
    if (!subscribers?.size) return;
    const bytes = Buffer.from(mono.buffer, mono.byteOffset, mono.byteLength);
    for (const stream of subscribers) stream.write(Buffer.from(bytes));
  }

  /** Ends every stream and speaking state (the connection left). */
  close(): void {
    for (const userId of [...this.silenceTimers.keys()]) this.silent(userId);
    for (const set of this.streams.values()) for (const stream of set) stream.end();
    this.streams.clear();
  }

  private heard(userId: string): void {
    const timer = this.silenceTimers.get(userId);
    if (timer) timer.refresh();
    else {
      this.silenceTimers.set(
        userId,
        setTimeout(() => this.silent(userId), SILENCE_MS),
      );
      this.emit('speaking', { userId, speaking: true });
    }
  }

  private silent(userId: string): void {
    clearTimeout(this.silenceTimers.get(userId));
    if (this.silenceTimers.delete(userId)) this.emit('speaking', { userId, speaking: false });
  }
}
