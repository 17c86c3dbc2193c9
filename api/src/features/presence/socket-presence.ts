import { randomUUID } from 'node:crypto';
import type { PresenceService } from './presence.service.js';

/** Each refresh round is spread over this many ticks. */
export const SLICES_PER_REFRESH = 20;

/**
 * Keeps users with an open graphql-ws connection on this API process online: one device per
 * (process, user) however many sockets, refreshed on a timer; the last socket closing leaves a
 * short grace so a reconnect does not flap. A crashed process simply stops refreshing.
 *
 * A round refreshes every user once per third of the timeout, a slice each tick rather than all
 * at once: each beat is a Redis script and a queue write, and thousands of them in one burst held
 * every send and delivery of the process behind them (100 ms and more with 200 users). A user's
 * beats are at most two rounds apart (two thirds of the timeout) as users come and go.
 */
export class SocketPresence {
  private readonly device = `api:${randomUUID()}`;
  private readonly sockets = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  /** The current round: the users it started with, and how far it has come. */
  private round: string[] = [];
  private next = 0;

  constructor(
    private readonly presence: Pick<PresenceService, 'beat'>,
    timeoutMs: number,
    private readonly graceMs: number,
    private readonly onError: (error: unknown) => void,
  ) {
    const refreshMs = Math.max(250, Math.floor(timeoutMs / 3));
    this.timer = setInterval(() => this.refreshSlice(), Math.max(10, Math.floor(refreshMs / SLICES_PER_REFRESH)));
    this.timer.unref();
  }

  opened(userId: string): void {
    const count = (this.sockets.get(userId) ?? 0) + 1;
    this.sockets.set(userId, count);
    if (count === 1) this.presence.beat(userId, this.device).catch(this.onError);
  }

  closed(userId: string): void {
    if (!this.sockets.has(userId)) return;
    const count = this.sockets.get(userId)! - 1;
    if (count > 0) {
      this.sockets.set(userId, count);
      return;
    }
    this.sockets.delete(userId);
    this.presence.beat(userId, this.device, this.graceMs).catch(this.onError);
  }

  private refreshSlice(): void {
    if (this.next >= this.round.length) {
      this.round = [...this.sockets.keys()];
      this.next = 0;
    }
    const end = Math.min(this.round.length, this.next + Math.ceil(this.round.length / SLICES_PER_REFRESH));
    for (; this.next < end; this.next++) {
      const userId = this.round[this.next]!;
      // Gone since the round began: its closing beat (the grace) must stand.
      if (this.sockets.has(userId)) this.presence.beat(userId, this.device).catch(this.onError);
    }
  }

  /** On shutdown: every user held here gets the grace period, as if their sockets closed. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    const users = [...this.sockets.keys()];
    this.sockets.clear();
    await Promise.all(users.map((userId) => this.presence.beat(userId, this.device, this.graceMs).catch(this.onError)));
  }
}
