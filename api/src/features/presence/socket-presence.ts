import { randomUUID } from 'node:crypto';
import { everyInSlices } from '../../kernel/time/sliced-rounds.js';
import type { PresenceService } from './presence.service.js';

/**
 * Keeps users with an open graphql-ws connection on this API process online: one device per
 * (process, user) however many sockets, refreshed every third of the timeout, a slice at a time
 * (everyInSlices: all at once, the beats' scripts and queue writes stalled the process); the last
 * socket closing leaves a short grace so a reconnect does not flap. A crashed process simply stops
 * refreshing.
 */
export class SocketPresence {
  private readonly device = `api:${randomUUID()}`;
  private readonly sockets = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly presence: Pick<PresenceService, 'beat'>,
    timeoutMs: number,
    private readonly graceMs: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.timer = everyInSlices(
      Math.max(250, Math.floor(timeoutMs / 3)),
      () => this.sockets.keys(),
      (userId) => {
        // Gone since the round began: its closing beat (the grace) must stand.
        if (this.sockets.has(userId)) this.presence.beat(userId, this.device).catch(this.onError);
      },
    );
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

  /** On shutdown: every user held here gets the grace period, as if their sockets closed. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    const users = [...this.sockets.keys()];
    this.sockets.clear();
    await Promise.all(users.map((userId) => this.presence.beat(userId, this.device, this.graceMs).catch(this.onError)));
  }
}
