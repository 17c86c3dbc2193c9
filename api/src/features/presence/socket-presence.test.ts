import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SLICES_PER_ROUND } from '../../kernel/time/sliced-rounds.js';
import { SocketPresence } from './socket-presence.js';

// The refresh schedule alone (presence.test.ts runs the real thing against Redis): a recorder
// stands in for the presence service so each beat's time and user can be asserted exactly.
const TIMEOUT_MS = 60_000;
const REFRESH_MS = TIMEOUT_MS / 3;
const TICK_MS = REFRESH_MS / SLICES_PER_ROUND;
const GRACE_MS = 15_000;

describe('SocketPresence refresh', () => {
  let beats: { userId: string; at: number; aliveForMs: number | undefined }[];
  let sockets: SocketPresence;

  beforeEach(() => {
    vi.useFakeTimers();
    beats = [];
    const presence = {
      beat: async (userId: string, _device: string, aliveForMs?: number) => void beats.push({ userId, at: Date.now(), aliveForMs }),
    };
    sockets = new SocketPresence(presence, TIMEOUT_MS, GRACE_MS, (err) => {
      throw err;
    });
  });
  afterEach(async () => {
    await sockets.stop();
    vi.useRealTimers();
  });

  const users = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

  it('refreshes every user once per round, a slice per tick rather than all at once', () => {
    const ids = users(200);
    for (const id of ids) sockets.opened(id);
    beats = [];
    vi.advanceTimersByTime(REFRESH_MS);
    expect(beats.map((b) => b.userId).sort()).toEqual([...ids].sort());
    const perTick = new Map<number, number>();
    for (const b of beats) perTick.set(b.at, (perTick.get(b.at) ?? 0) + 1);
    expect(perTick.size).toBe(SLICES_PER_ROUND);
    expect(Math.max(...perTick.values())).toBe(200 / SLICES_PER_ROUND);
  });

  it('keeps every user within two thirds of the timeout as users come and go', () => {
    const last = new Map<string, number>();
    let worstGap = 0;
    const open = new Set<string>();
    for (let step = 0; step < 400; step++) {
      // Churn: a few users leave and a few new ones arrive every tick.
      for (const id of [...open].slice(0, step % 3)) {
        sockets.closed(id);
        open.delete(id);
        last.delete(id);
      }
      for (let k = 0; k < 4; k++) {
        const id = `s${step}-${k}`;
        sockets.opened(id);
        open.add(id);
      }
      for (const b of beats) {
        if (!open.has(b.userId)) continue;
        const prev = last.get(b.userId);
        if (prev !== undefined) worstGap = Math.max(worstGap, b.at - prev);
        last.set(b.userId, b.at);
      }
      beats = [];
      for (const id of open) worstGap = Math.max(worstGap, Date.now() - (last.get(id) ?? Date.now()));
      vi.advanceTimersByTime(TICK_MS);
    }
    expect(open.size).toBeGreaterThan(500);
    expect(worstGap).toBeGreaterThan(REFRESH_MS / 2);
    expect(worstGap).toBeLessThanOrEqual((2 * TIMEOUT_MS) / 3);
  });

  it('does not refresh a user whose last socket closed mid-round: its grace stands', () => {
    for (const id of users(40)) sockets.opened(id);
    vi.advanceTimersByTime(TICK_MS); // the round has begun with all 40
    sockets.closed('u39');
    beats = [];
    vi.advanceTimersByTime(REFRESH_MS); // the rest of the round, and the next one begun without it
    expect(beats.filter((b) => b.userId === 'u39')).toEqual([]);
    expect(new Set(beats.map((b) => b.userId)).size).toBe(39);
  });

  it('shutdown gives every user held here the grace', async () => {
    for (const id of users(3)) sockets.opened(id);
    beats = [];
    await sockets.stop();
    expect(beats.map((b) => [b.userId, b.aliveForMs])).toEqual([
      ['u0', GRACE_MS],
      ['u1', GRACE_MS],
      ['u2', GRACE_MS],
    ]);
  });
});
