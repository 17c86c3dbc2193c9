import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { EVENT_LOOP_SAMPLE_MS, collectProcessMetrics } from './process-metrics.js';

// A tenth of the production period, so the test waits a few hundred milliseconds, not seconds.
const SAMPLE_MS = EVENT_LOOP_SAMPLE_MS / 10;
const PERIOD_S = SAMPLE_MS / 1000;

async function lag(registry: Registry): Promise<Record<string, number>> {
  const metrics = await registry.getMetricsAsJSON();
  const read = (name: string) => metrics.find((m) => m.name === `nodejs_eventloop_lag_${name}_seconds`)!.values[0]!.value;
  return { min: read('min'), p50: read('p50'), max: read('max') };
}

describe('collectProcessMetrics', () => {
  it('reports the event loop lag without the sampling period in it', async () => {
    const registry = new Registry();
    collectProcessMetrics(registry, SAMPLE_MS);
    await lag(registry); // starts a fresh window
    await sleep(SAMPLE_MS * 4.5);
    const idle = await lag(registry);
    // Read as Node records it, every sample is at least one period long.
    expect(idle.min).toBeLessThan(PERIOD_S);
    expect(idle.p50).toBeLessThan(PERIOD_S);

    // Node skips the first interval after a reset (each scrape resets), so the block comes a period later.
    await sleep(SAMPLE_MS * 1.5);
    const until = Date.now() + 3 * SAMPLE_MS;
    while (Date.now() < until); // the loop is blocked for three periods
    await sleep(SAMPLE_MS * 1.5);
    expect((await lag(registry)).max).toBeGreaterThanOrEqual(1.5 * PERIOD_S);
  });

  it('reports how busy the event loop was since the last scrape, without a timer of its own', async () => {
    const registry = new Registry();
    collectProcessMetrics(registry, SAMPLE_MS);
    const utilization = async () =>
      (await registry.getMetricsAsJSON()).find((m) => m.name === 'nodejs_eventloop_utilization')!.values[0]!.value;
    await utilization();
    await sleep(300);
    const idle = await utilization();
    const until = Date.now() + 300;
    while (Date.now() < until); // busy for the whole window
    const busy = await utilization();
    expect(idle).toBeLessThan(0.5);
    expect(busy).toBeGreaterThan(0.9);
  });

  it('keeps the rest of the default process metrics', async () => {
    const registry = new Registry();
    collectProcessMetrics(registry);
    const names = (await registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names).toEqual(
      expect.arrayContaining(['process_cpu_seconds_total', 'nodejs_heap_size_used_bytes', 'nodejs_gc_duration_seconds']),
    );
  });
});
