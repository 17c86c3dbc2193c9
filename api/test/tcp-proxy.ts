import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { Transform } from 'node:stream';

/**
 * A TCP proxy in front of a shared service (Redis, Postgres) that a fault test can cut and restore:
 * one process loses the service while the machine's service, which other tests use, stays up.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private open = true;
  /** Connections accepted so far (refused ones not counted): a test sees a client open a new one. */
  accepted = 0;
  /** While true, bytes are accepted and dropped both ways: a host or network gone quiet, no refusal, no reset. */
  private silent = false;
  /** What cutAfter waits for: the bytes, and what to do once they have passed. */
  private trigger: { marker: string; fire: () => void } | null = null;
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new TcpProxy(server, (server.address() as AddressInfo).port);
    server.on('connection', (client) => {
      if (!proxy.open) {
        client.destroy();
        return;
      }
      proxy.accepted += 1;
      const upstream = connect(targetPort, targetHost);
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        proxy.sockets.add(a);
        const gate = new Transform({
          transform: (chunk: Buffer, _encoding, passed) => passed(null, proxy.silent ? undefined : chunk),
        });
        a.pipe(gate).pipe(b);
        a.on('error', () => b.destroy());
        a.on('close', () => {
          proxy.sockets.delete(a);
          b.destroy();
        });
      }
      // After the pipe's listener, so the chunk is on its way to the service when the cut comes. A
      // statement is sent in one write, and a small one arrives in one chunk.
      client.on('data', (chunk: Buffer) => {
        if (proxy.trigger && chunk.includes(proxy.trigger.marker)) proxy.trigger.fire();
      });
    });
    return proxy;
  }

  /** A proxy in front of the Postgres or Redis that `serviceUrl` names (its default port when the URL has none). */
  static inFrontOf(serviceUrl: string): Promise<TcpProxy> {
    const url = new URL(serviceUrl);
    const defaultPort = url.protocol.startsWith('redis') ? 6379 : 5432;
    return TcpProxy.start(url.hostname, Number(url.port || defaultPort));
  }

  /** Drops every connection through the proxy and refuses new ones, as a dead service would. */
  cut(): void {
    this.open = false;
    for (const socket of this.sockets) socket.destroy();
  }

  /**
   * Cuts as `cut` does the moment `marker` (say a statement's text) has passed from a client to the
   * service, so a transaction can be cut between its statements; resolves then.
   */
  cutAfter(marker: string): Promise<void> {
    return new Promise((resolve) => {
      this.trigger = {
        marker,
        fire: () => {
          this.trigger = null;
          this.cut();
          resolve();
        },
      };
    });
  }

  /** Connections stay open and new ones are accepted, but nothing passes either way until `restore`. */
  silence(): void {
    this.silent = true;
  }

  restore(): void {
    this.open = true;
    this.silent = false;
  }

  /** A URL like `base` with this proxy's address instead of the service's. */
  url(base: string): string {
    const url = new URL(base);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
