import type { EntityManager, Orm } from '../../kernel/db/orm.js';
import type { AuditAction } from './audit-action.js';
import { AuditLogEntry } from './audit-log-entry.entity.js';

export interface AuditRecord {
  serverId: string;
  action: AuditAction;
  /** Null for the system. */
  actorId: string | null;
  targetId?: string | null;
  reason?: string | null;
  /** Before/after pairs, stored as JSON. */
  changes?: Record<string, unknown> | null;
}

export interface AuditLogEntryView {
  id: string;
  serverId: string;
  action: string;
  actorId: string | null;
  targetId: string | null;
  reason: string | null;
  changes: string | null;
  createdAt: Date;
}

/** Only changed fields, as {field: [before, after]}; null when nothing changed. */
export function diff<T extends object>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> | null {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    const old = (before as Record<string, unknown>)[key];
    if (value !== undefined && value !== old) changes[key] = [old, value];
  }
  return Object.keys(changes).length ? changes : null;
}

export class AuditService {
  constructor(private readonly orm: Orm) {}

  /** Adds the entry to the caller's transaction, so the action and its audit entry commit together. */
  record(em: EntityManager, record: AuditRecord): void {
    const entry = new AuditLogEntry();
    entry.server = record.serverId;
    entry.action = record.action;
    entry.actor = record.actorId;
    entry.targetId = record.targetId ?? null;
    entry.reason = record.reason ?? null;
    entry.changes = record.changes ? JSON.stringify(record.changes, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) : null;
    em.persist(entry);
  }

  /** Newest first; `before` is an entry id; optionally only some actions, or one actor (null: the system). */
  async page(serverId: string, before: string | null, limit: number, filter: AuditFilter = {}): Promise<AuditLogEntryView[]> {
    const entries = await this.orm.em.fork().find(
      AuditLogEntry,
      {
        server: serverId,
        ...(before ? { id: { $lt: before } } : {}),
        ...(filter.actions ? { action: { $in: [...filter.actions] } } : {}),
        ...(filter.actorId !== undefined ? { actor: filter.actorId } : {}),
      },
      { orderBy: { id: 'desc' }, limit },
    );
    return entries.map(viewOf);
  }

  /** Oldest first: the server's entries with an id above `afterId` (of `actions` only, if given), at most `limit`. */
  async after(serverId: string, afterId: string, limit: number, actions?: readonly string[]): Promise<AuditLogEntryView[]> {
    const entries = await this.orm.em
      .fork()
      .find(
        AuditLogEntry,
        { server: serverId, id: { $gt: afterId }, ...(actions ? { action: { $in: [...actions] } } : {}) },
        { orderBy: { id: 'asc' }, limit },
      );
    return entries.map(viewOf);
  }

  async get(id: string): Promise<AuditLogEntryView | null> {
    const entry = await this.orm.em.fork().findOne(AuditLogEntry, { id });
    return entry ? viewOf(entry) : null;
  }
}

export interface AuditFilter {
  actions?: readonly string[];
  /** null: entries by the system. */
  actorId?: string | null;
}

function viewOf(e: AuditLogEntry): AuditLogEntryView {
  return {
    id: e.id,
    serverId: e.server,
    action: e.action,
    actorId: e.actor,
    targetId: e.targetId,
    reason: e.reason,
    changes: e.changes,
    createdAt: e.createdAt,
  };
}
