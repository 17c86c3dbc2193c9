import { randomUUID } from 'node:crypto';
import type { PresenceService } from './presence.service.js';

/**
 * Keeps users with an open graphql-ws connection on this API process online: one device per
 * (process, user) however many sockets, refreshed on a timer; the last socket closing leaves a
 * short grace so a reconnect does not flap. A crashed process simply stops refreshing.
 */
export class SocketPresence {
  private readonly device = `api:${randomUUID()}`;
  private readonly sockets = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly presence: PresenceService,
    timeoutMs: number,
    private readonly graceMs: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.timer = setInterval(() => this.refreshAll(), Math.max(250, Math.floor(timeoutMs / 3)));
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

  private refreshAll(): void {
    for (const userId of this.sockets.keys()) this.presence.beat(userId, this.device).catch(this.onError);
  }

  /** On shutdown: every user held here gets the grace period, as if their sockets closed. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    const users = [...this.sockets.keys()];
    this.sockets.clear();
    await Promise.all(users.map((userId) => this.presence.beat(userId, this.device, this.graceMs).catch(this.onError)));
  }
}
