import type { Viewer } from './viewer.js';

/**
 * tokenHash -> viewer, per process, so a request costs no database read. Entries live for `ttlMs`;
 * logout and token regeneration evict them everywhere through the session-revoked topic.
 */
export class SessionCache {
  private readonly entries = new Map<string, { viewer: Viewer | null; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  get(tokenHash: string): Viewer | null | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.expiresAt < Date.now()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.viewer;
  }

  set(tokenHash: string, viewer: Viewer | null): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, { viewer, expiresAt: Date.now() + this.ttlMs });
  }

  evict(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }
}
