import pg from 'pg';

type Handler = (payload: string) => void;

/**
 * Postgres LISTEN on one dedicated connection per process, opened on first use. NOTIFY is delivered
 * at commit, so what arrives here was written for good, by any process. A dropped connection is
 * reopened and its channels listened to again; what was sent meanwhile is not delivered (the audit
 * feed's live view misses it, the audit log has it). A connection gone silent is not detected.
 */
export class PgNotifications {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private closed = false;

  constructor(private readonly databaseUrl: string) {}

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
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    client.on('error', () => {
      if (this.client === client) this.client = null;
      if (!this.closed && this.handlers.size > 0) setTimeout(() => void this.relisten(), 1000);
    });
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    this.client = client;
    return client;
  }

  private async relisten(): Promise<void> {
    if (this.closed || this.client) return;
    await this.connection().catch(() => setTimeout(() => void this.relisten(), 1000));
  }
}
