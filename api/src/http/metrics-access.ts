import { timingSafeEqual } from 'node:crypto';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * Who may read /metrics (API and workers): with METRICS_TOKEN set, whoever sends it as a bearer
 * token; without, clients on this machine only. Metrics name queues, routes and load: not public.
 */
export function metricsAllowed(token: string, authorization: string | undefined, clientAddress: string | undefined): boolean {
  if (!token) return LOOPBACK.test(clientAddress ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
