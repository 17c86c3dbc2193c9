import { performance } from 'node:perf_hooks';
import { Gauge, type Registry, collectDefaultMetrics } from 'prom-client';

/**
 * How often the event-loop delay is sampled. Each sample wakes an idle process: with prom-client's
 * default of 10 ms an idle API process spent 12-15 ms of CPU a second (2-core VM), with 100 ms about
 * 1.7 ms, ten wake-ups a second that a second API process pays for every second it idles. A lag that
 * lasts shows in every sample; how busy the loop was in between, `nodejs_eventloop_utilization` says
 * without a timer.
 */
export const EVENT_LOOP_SAMPLE_MS = 1000;

// Node's delay histogram records the whole interval between two samples (the period plus the lag), and
// prom-client reports it as is: an idle process sampled every 100 ms would show 0.1 s of "lag".
const PERIOD_INCLUDED = ['min', 'max', 'mean', 'p50', 'p90', 'p99'].map((s) => `nodejs_eventloop_lag_${s}_seconds`);

/** prom-client's process metrics (CPU, memory, GC, handles, event loop), the event-loop gauges reading lag alone. */
export function collectProcessMetrics(registry: Registry, sampleMs = EVENT_LOOP_SAMPLE_MS): void {
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: sampleMs });
  for (const name of PERIOD_INCLUDED) {
    const gauge = registry.getSingleMetric(name) as Gauge | undefined;
    if (!gauge) throw new Error(`prom-client no longer registers ${name}`);
    const read = gauge.get.bind(gauge);
    gauge.get = async () => {
      const metric = await read();
      const values = metric.values.map((v) => ({ ...v, value: Math.max(0, v.value - sampleMs / 1000) }));
      return { ...metric, values };
    };
  }
  let since = performance.eventLoopUtilization();
  new Gauge({
    name: 'nodejs_eventloop_utilization',
    help: 'Share of the time since the last scrape the event loop spent running callbacks (0-1).',
    registers: [registry],
    collect() {
      const now = performance.eventLoopUtilization();
      this.set(performance.eventLoopUtilization(now, since).utilization);
      since = now;
    },
  });
}
