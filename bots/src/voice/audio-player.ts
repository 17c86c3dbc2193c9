import { EventEmitter } from 'node:events';
import type { AudioResource } from './audio-resource.js';
import type { VoiceConnection } from './voice-connection.js';

export enum AudioPlayerStatus {
  Idle = 'idle',
  Playing = 'playing',
  Paused = 'paused',
}

export type AudioPlayerState =
  | { status: AudioPlayerStatus.Idle }
  | { status: AudioPlayerStatus.Playing; resource: AudioResource }
  | { status: AudioPlayerStatus.Paused; resource: AudioResource };

export interface AudioPlayerEvents {
  stateChange: [oldState: AudioPlayerState, newState: AudioPlayerState];
}

export interface AudioPlayerOptions {
  /** Drive the clock yourself with `tick()` (tests); default: a 10 ms timer while playing. */
  manualClock?: boolean;
}

/**
 * Plays resources one after another into every subscribed connection, in real time (like
 * @discordjs/voice's AudioPlayer): `play` starts now, `enqueue` adds to the queue; pause, resume,
 * stop and volume; `idle` when nothing is left.
 */
export class AudioPlayer extends EventEmitter<AudioPlayerEvents> {
  private currentState: AudioPlayerState = { status: AudioPlayerStatus.Idle };
  private readonly queue: AudioResource[] = [];
  private readonly connections = new Set<VoiceConnection>();
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private sent = 0;
  private gain = 1;

  constructor(private readonly options: AudioPlayerOptions = {}) {
    super();
  }

  get state(): AudioPlayerState {
    return this.currentState;
  }

  /** 0 (silent) to 2 (double); 1 leaves samples as they are. */
  get volume(): number {
    return this.gain;
  }

  set volume(value: number) {
    this.gain = Math.min(2, Math.max(0, value));
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Sends through `connection` too; returns a function that stops that. */
  subscribe(connection: VoiceConnection): () => void {
    this.connections.add(connection);
    connection.attach(this);
    return () => this.detach(connection);
  }

  detach(connection: VoiceConnection): void {
    this.connections.delete(connection);
  }

  /** Plays `resource` now, replacing whatever plays (the queue stays). */
  play(resource: AudioResource): void {
    this.current()?.close();
    this.setState({ status: AudioPlayerStatus.Playing, resource });
    this.startClock();
  }

  /** Plays `resource` after everything before it. */
  enqueue(resource: AudioResource): void {
    if (this.currentState.status === AudioPlayerStatus.Idle) this.play(resource);
    else this.queue.push(resource);
  }

  pause(): boolean {
    if (this.currentState.status !== AudioPlayerStatus.Playing) return false;
    this.stopClock();
    this.setState({ status: AudioPlayerStatus.Paused, resource: this.currentState.resource });
    return true;
  }

  resume(): boolean {
    if (this.currentState.status !== AudioPlayerStatus.Paused) return false;
    this.setState({ status: AudioPlayerStatus.Playing, resource: this.currentState.resource });
    this.startClock();
    return true;
  }

  /** Stops the current resource and clears the queue. */
  stop(): void {
    for (const resource of this.queue.splice(0)) resource.close();
    this.current()?.close();
    this.stopClock();
    if (this.currentState.status !== AudioPlayerStatus.Idle) this.setState({ status: AudioPlayerStatus.Idle });
  }

  /** Sends one 10 ms frame (the timer calls this; tests with `manualClock` do). */
  tick(): void {
    if (this.currentState.status !== AudioPlayerStatus.Playing) return;
    const frame = this.currentState.resource.read();
    if (frame === undefined) {
      this.next();
      return;
    }
    if (frame === null) return; // the stream has not caught up: a gap, not the end
    const out = this.gain === 1 ? frame : frame.map((s) => Math.max(-32768, Math.min(32767, Math.round(s * this.gain))));
    for (const connection of this.connections) connection.sendFrame(out);
  }

  private next(): void {
    this.current()?.close();
    const resource = this.queue.shift();
    if (resource) this.setState({ status: AudioPlayerStatus.Playing, resource });
    else {
      this.stopClock();
      this.setState({ status: AudioPlayerStatus.Idle });
    }
  }

  private current(): AudioResource | null {
    return this.currentState.status === AudioPlayerStatus.Idle ? null : this.currentState.resource;
  }

  private startClock(): void {
    if (this.options.manualClock || this.timer) return;
    this.startedAt = Date.now();
    this.sent = 0;
    // Catch up on timer drift: send however many frames real time says are due.
    this.timer = setInterval(() => {
      const due = Math.floor((Date.now() - this.startedAt) / 10) + 1;
      while (this.sent < due && this.currentState.status === AudioPlayerStatus.Playing) {
        this.tick();
        this.sent += 1;
      }
    }, 10);
  }

  private stopClock(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private setState(next: AudioPlayerState): void {
    const previous = this.currentState;
    this.currentState = next;
    this.emit('stateChange', previous, next);
  }
}
