import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/**
 * Who may read /metrics (API and workers). Metrics name queues, routes and load: not public. On the
 * public port only whoever sends METRICS_TOKEN as a bearer token: the client's address proves nothing
 * there (X-Forwarded-For is the client's to write, and behind a proxy on the same machine every
 * request comes from loopback). Without a token, the public port does not serve them at all: a
 * Prometheus on the same machine scrapes the loopback metrics port instead.
 */
export function publicMetricsRefusal(token: string, authorization: string | undefined): { status: 401 | 404; message: string } | null {
  if (!token)
    return {
      status: 404,
      message: '/metrics is served on the loopback metrics port (METRICS_PORT, WORKERS_METRICS_PORT); set METRICS_TOKEN to serve it here\n',
    };
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(authorization ?? '');
  if (given.length === expected.length && timingSafeEqual(given, expected)) return null;
  return { status: 401, message: '/metrics needs METRICS_TOKEN as a bearer token (Authorization: Bearer <token>)\n' };
}

/** Answers with the registry's metrics in Prometheus' text format. */
export function writeMetrics(registry: Registry, res: ServerResponse): void {
  registry.metrics().then(
    (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
    (err: unknown) => res.writeHead(500).end(String(err)),
  );
}

/**
 * /metrics without a token on 127.0.0.1:`port` (0: any free port), for a Prometheus on the same
 * machine; unreachable from anywhere else, whatever the headers say.
 */
export async function listenForMetricsOnLoopback(port: number, registry: Registry): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) writeMetrics(registry, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
