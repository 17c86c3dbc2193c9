import { type Gauge, type Registry, collectDefaultMetrics } from 'prom-client';

/**
 * How often the event-loop delay is sampled. Each sample wakes the process: with prom-client's default
 * of 10 ms an idle API process spent 12-15 ms of CPU a second (2-core VM), with 100 ms 3 ms in all.
 */
export const EVENT_LOOP_SAMPLE_MS = 100;

// Node's delay histogram records the whole interval between two samples (the period plus the lag), and
// prom-client reports it as is: an idle process sampled every 100 ms would show 0.1 s of "lag".
const PERIOD_INCLUDED = ['min', 'max', 'mean', 'p50', 'p90', 'p99'].map((s) => `nodejs_eventloop_lag_${s}_seconds`);

/** prom-client's process metrics (CPU, memory, GC, handles, event loop), the event-loop gauges reading lag alone. */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  for (const name of PERIOD_INCLUDED) {
    const gauge = registry.getSingleMetric(name) as Gauge | undefined;
    if (!gauge) throw new Error(`prom-client no longer registers ${name}`);
    const read = gauge.get.bind(gauge);
    gauge.get = async () => {
      const metric = await read();
      const values = metric.values.map((v) => ({ ...v, value: Math.max(0, v.value - EVENT_LOOP_SAMPLE_MS / 1000) }));
      return { ...metric, values };
    };
  }
}
