import type { Orm } from '../../kernel/db/orm.js';

/** Sessions this process remembers touching; past it, it forgets them all (one extra write each). */
const MAX_REMEMBERED = 50_000;

/**
 * Keeps each session's `lastActiveAt` to the minute without a write per request: this process
 * writes at most once a minute per session, and the UPDATE skips a row any process touched within
 * the minute. Best effort and off the request's path: a failed write is forgotten, so the session's
 * next use tries again.
 */
export class SessionActivity {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly orm: Orm,
    private readonly resolutionMs = 60_000,
  ) {}

  /** Resolves once written or skipped (tests wait for it; requests do not). */
  touch(sessionId: string): Promise<void> {
    const now = Date.now();
    const last = this.touched.get(sessionId);
    if (last !== undefined && now - last < this.resolutionMs) return Promise.resolve();
    if (this.touched.size >= MAX_REMEMBERED) this.touched.clear();
    this.touched.set(sessionId, now);
    return this.orm.em
      .fork()
      .getConnection()
      .execute("update sessions set last_active_at = now() where id = ? and last_active_at < now() - ? * interval '1 millisecond'", [
        sessionId,
        this.resolutionMs,
      ])
      .then(
        () => undefined,
        () => void this.touched.delete(sessionId),
      );
  }
}
