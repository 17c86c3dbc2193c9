import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const API = fileURLToPath(new URL('..', import.meta.url));

// `npm run bench` is too long for the suite; its smoke run (tiny rooms, one short step each) keeps it
// from rotting: every server answers, every benchmark measures something. No figure is judged.
it('npm run bench runs end to end (smoke): API, bare, naive and raw servers all measured, and the history pages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rashigo-bench-'));
  try {
    const out = join(dir, 'results.json');
    const run = spawnSync('node', ['bench/run.mjs'], {
      cwd: API,
      env: { ...process.env, SMOKE: '1', BENCH_OUT: out },
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8'));
    const room = results.benches['B1-6'];
    for (const server of ['api', 'bare', 'naive']) expect(room[server].rows[0].delivered).toBeGreaterThan(0);
    // The latency phase (3 msg/s held, after a warm-up) measured every server it compares, losing nothing.
    for (const server of ['api', 'bare', 'floor']) {
      expect(room.latencyAt3PerSecond[server].p50).toBeGreaterThan(0);
      expect(room.latencyAt3PerSecond[server].lost).toBe(0);
    }
    expect(results.benches.B1x2.two.rows[0].delivered).toBeGreaterThan(0);
    expect(results.benches.B1x2.two.duplicates).toBe(0);
    expect(results.benches.B1x2.two.rows[0].cpuMs).toHaveLength(2);
    // The cross-process comparison: one-two-two-one paired steps in two rooms held open at once, each
    // process's CPU read per step, every message delivered once in each room.
    const paired = results.benches.B1x2.paired;
    expect(paired.rows.map((r: { phase: string }) => r.phase)).toEqual(['one', 'two', 'two', 'one']);
    for (const row of paired.rows) {
      expect(row.cpuMs).toHaveLength(2);
      expect(row.delivered).toBeGreaterThan(0);
    }
    // Every message of the paired steps was counted, and each reached every subscriber (however late).
    expect(paired.counted).toBe(paired.rows.reduce((n: number, r: { sent: number }) => n + r.sent, 0));
    expect(paired.counted).toBeGreaterThan(0);
    expect(results.benches.B1x2.undelivered).toBe(0);
    expect(paired.duplicates).toBe(0);
    expect(results.benches.B1x2.cpuPer1000Both).toBeGreaterThan(0);
    // 20 connections move resident memory by less than its noise: only that it was measured.
    expect(Number.isFinite(results.benches.B2.api)).toBe(true);
    expect(results.benches.B5.api.sends).toBeGreaterThan(0);
    expect(results.benches.B5.api.errors).toBe(0);
    expect(results.benches.B5.floor.sends).toBeGreaterThan(0);
    expect(results.benches.B7.deepP99).toBeGreaterThan(0);
    expect(results.benches.B7.newestP99).toBeGreaterThan(0);
    expect(results.benches.B7.constantPage.p99.filter((ms: number) => ms > 0)).toHaveLength(2);
    expect(run.stdout).toContain('| B1 fan-out, room 6');
    expect(run.stdout).toContain('| B7 history page');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
