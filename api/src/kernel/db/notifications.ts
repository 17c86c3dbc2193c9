import pg from 'pg';
import { silenceGuard } from './silent-postgres.js';

type Handler = (payload: string) => void;

/**
 * Postgres LISTEN on one dedicated connection per process, opened on first use. NOTIFY is delivered
 * at commit, so what arrives here was written for good, by any process. A dropped connection is
 * reopened and its channels listened to again; what was notified meanwhile is not delivered, so
 * `onReconnect` listeners look it up. An idle LISTEN connection sends nothing, so a `select 1`
 * every `answerTimeoutMs` is what lets a silent Postgres show (silent-postgres.ts): it is cut then.
 */
export class PgNotifications {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly guard: (client: unknown) => void;
  /** Whether a connection was open before: the next one is a reconnect. */
  private everOpen = false;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly answerTimeoutMs: number,
  ) {
    this.guard = silenceGuard(databaseUrl, answerTimeoutMs);
  }

  async listen(channel: string, handler: Handler): Promise<() => void> {
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(handler);
    const client = await this.connection();
    if (first) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return () => {
      set.delete(handler);
    };
  }

  /** Runs once a lost connection is open and listening again: notifications sent meanwhile were not delivered. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: this.answerTimeoutMs });
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    client.on('error', () => {
      if (this.client === client) this.client = null;
      if (!this.closed && this.handlers.size > 0) setTimeout(() => void this.relisten(), 1000);
    });
    await client.connect();
    this.guard(client);
    let asking = false;
    const heartbeat = setInterval(() => {
      if (asking) return;
      asking = true;
      client
        .query('select 1')
        .catch(() => undefined)
        .finally(() => (asking = false));
    }, this.answerTimeoutMs).unref();
    client.once('end', () => clearInterval(heartbeat));
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    this.client = client;
    if (this.everOpen) for (const listener of [...this.reconnectListeners]) listener();
    this.everOpen = true;
    return client;
  }

  private async relisten(): Promise<void> {
    if (this.closed || this.client) return;
    await this.connection().catch(() => setTimeout(() => void this.relisten(), 1000));
  }
}
