import type { PgNotifications } from '../../kernel/db/notifications.js';
import type { AuditLogEntryView, AuditService } from './audit.service.js';

/** The Postgres channel migrations/0005_audit_notify.sql notifies on every committed audit entry. */
const AUDIT_CHANNEL = 'audit_log';

type Listener = (entry: AuditLogEntryView) => void;

/**
 * New audit entries, live, per server: whoever wrote them (a moderator through the API, the
 * escalation worker, a bot), since the database announces each at commit. Each entry is loaded once
 * per process however many subscribers it has.
 */
export class AuditFeed {
  private readonly listeners = new Map<string, Set<Listener>>();
  private started: Promise<unknown> | null = null;

  constructor(
    private readonly notifications: PgNotifications,
    private readonly audit: AuditService,
  ) {}

  async subscribe(serverId: string, listener: Listener): Promise<() => void> {
    const set = this.listeners.get(serverId) ?? new Set();
    set.add(listener);
    this.listeners.set(serverId, set);
    this.started ??= this.notifications.listen(AUDIT_CHANNEL, (payload) => void this.deliver(payload));
    await this.started;
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(serverId);
    };
  }

  private async deliver(payload: string): Promise<void> {
    const { serverId, id } = JSON.parse(payload) as { serverId: string; id: string };
    if (!this.listeners.has(serverId)) return;
    const entry = await this.audit.get(id).catch(() => null);
    if (!entry) return;
    for (const listener of [...(this.listeners.get(serverId) ?? [])]) listener(entry);
  }
}
