import type { PgNotifications } from '../../kernel/db/notifications.js';
import { snowflakeAt, snowflakeTime } from '../../kernel/ids/snowflake.js';
import type { AuditLogEntryView, AuditService } from './audit.service.js';

/** The Postgres channel migrations/0005_audit_notify.sql notifies on every committed audit entry. */
const AUDIT_CHANNEL = 'audit_log';
/** Entries commit out of id order by at most about this (a transaction's length): a gap is looked for this far back. */
const OUT_OF_ORDER_MS = 10_000;
/** Ids delivered lately per server, so an entry found again after a reconnect is not delivered twice. */
const RECENT_IDS = 1000;
/** Most entries one server's gap can bring: after the feed's reconnect, or a subscriber's `since`. */
export const AUDIT_GAP_LIMIT = 1000;

type Listener = (entry: AuditLogEntryView) => void;

/** One server's subscribers in this process, and what they were given. */
class ServerFeed {
  readonly listeners = new Set<Listener>();
  private readonly delivered = new Set<string>();
  /** Entries above this id may not have been delivered yet. */
  since: string;

  constructor(subscribedAt: Date) {
    this.since = snowflakeAt(subscribedAt);
  }

  deliver(entry: AuditLogEntryView): void {
    if (this.delivered.has(entry.id)) return;
    this.delivered.add(entry.id);
    if (this.delivered.size > RECENT_IDS) this.delivered.delete(this.delivered.values().next().value!);
    const trailing = snowflakeAt(new Date(snowflakeTime(entry.id).getTime() - OUT_OF_ORDER_MS));
    if (BigInt(trailing) > BigInt(this.since)) this.since = trailing;
    for (const listener of [...this.listeners]) listener(entry);
  }
}

/**
 * New audit entries, live, per server: whoever wrote them (a moderator through the API, the
 * escalation worker, a bot), since the database announces each at commit. Each entry is loaded once
 * per process however many subscribers it has. When the LISTEN connection was lost, the entries
 * committed meanwhile are read from the table once it is back, each delivered once.
 */
export class AuditFeed {
  private readonly feeds = new Map<string, ServerFeed>();
  private started: Promise<unknown> | null = null;

  constructor(
    private readonly notifications: PgNotifications,
    private readonly audit: AuditService,
  ) {
    notifications.onReconnect(() => void this.fillGaps());
  }

  async subscribe(serverId: string, listener: Listener): Promise<() => void> {
    const feed = this.feeds.get(serverId) ?? new ServerFeed(new Date());
    feed.listeners.add(listener);
    this.feeds.set(serverId, feed);
    this.started ??= this.notifications.listen(AUDIT_CHANNEL, (payload) => void this.deliver(payload));
    await this.started;
    return () => {
      feed.listeners.delete(listener);
      if (feed.listeners.size === 0 && this.feeds.get(serverId) === feed) this.feeds.delete(serverId);
    };
  }

  private async deliver(payload: string): Promise<void> {
    const { serverId, id } = JSON.parse(payload) as { serverId: string; id: string };
    if (!this.feeds.has(serverId)) return;
    const entry = await this.audit.get(id).catch(() => null);
    if (entry) this.feeds.get(serverId)?.deliver(entry);
  }

  private async fillGaps(): Promise<void> {
    for (const [serverId, feed] of this.feeds) {
      const missed = await this.audit.after(serverId, feed.since, AUDIT_GAP_LIMIT).catch(() => []);
      for (const entry of missed) feed.deliver(entry);
    }
  }
}
