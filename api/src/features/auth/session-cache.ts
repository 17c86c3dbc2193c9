import { TtlCache } from '../../kernel/cache/ttl-cache.js';
import type { Viewer } from './viewer.js';

/**
 * tokenHash -> viewer, per process, so a request costs no database read. Entries live for `ttlMs`;
 * logout and token regeneration evict them everywhere through the session-revoked topic, and a
 * process that lost its subscription (and so maybe a revocation) forgets them all.
 */
export class SessionCache extends TtlCache<Viewer | null> {
  constructor(ttlMs: number, maxEntries = 100_000) {
    super(ttlMs, maxEntries);
  }

  evict(tokenHash: string): void {
    this.delete(tokenHash);
  }
}
