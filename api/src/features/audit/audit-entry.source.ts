import { badInput } from '../../kernel/errors/app-error.js';
import { isSnowflake } from '../../kernel/ids/snowflake.js';
import type { PermissionName } from '../../permissions/bits.js';
import { hasAll, requirePermissions } from '../../permissions/require.js';
import { closeWith, EventStream } from '../../realtime/event-stream.js';
import type { Services } from '../../services.js';
import type { Viewer } from '../auth/viewer.js';
import { AUDIT_GAP_LIMIT } from './audit-feed.js';
import type { AuditLogEntryView } from './audit.service.js';

/** The `since` argument of the audit subscriptions, as the schema describes it. */
export const AUDIT_SINCE_DESCRIPTION =
  'since: an audit entry id; the entries committed after it (at most 1,000, oldest first) come before the live ones, each once, so a client closes the gap between reading the log and subscribing.';

/**
 * New audit entries of a server (of `actions` only, if given), for as long as the viewer holds `permission`
 * there (checked at subscribe time and again on every entry: losing it ends the stream). With
 * `since` (an entry id), the entries committed after it come first, oldest first and at most
 * AUDIT_GAP_LIMIT of them, then the live ones: listening starts before the replay is read, so an
 * entry committed in between is in one or the other, and delivered once.
 */
export async function auditEntrySource<T>(
  services: Services,
  viewer: Viewer,
  serverId: string,
  permission: PermissionName,
  /** Only entries of these actions; undefined: every entry. */
  actions: readonly string[] | undefined,
  present: (entry: AuditLogEntryView) => Promise<T>,
  since: string | null,
): Promise<AsyncIterableIterator<T>> {
  if (since !== null && !isSnowflake(since)) throw badInput('since', 'must be an audit entry id');
  const allowed = async () => {
    const access = await services.access.server(serverId, viewer.userId);
    return access.member !== null && hasAll(access.permissions, [permission]);
  };
  requirePermissions((await services.access.server(serverId, viewer.userId)).permissions, [permission]);

  let stop = () => {};
  const stream = new EventStream<AuditLogEntryView>(() => stop());
  // Live entries wait here while the replay is read; replayed ids are not delivered again live.
  let early: AuditLogEntryView[] | null = since === null ? null : [];
  const replayed = new Set<string>();
  const deliver = (entry: AuditLogEntryView) => {
    if ((!actions || actions.includes(entry.action)) && !replayed.has(entry.id)) stream.push(entry);
  };
  stop = await services.auditFeed.subscribe(serverId, (entry) => (early ? early.push(entry) : deliver(entry)));
  if (since !== null) {
    try {
      for (const entry of await services.audit.after(serverId, since, AUDIT_GAP_LIMIT, actions)) {
        deliver(entry);
        replayed.add(entry.id);
      }
    } catch (error) {
      await stream.return();
      throw error;
    }
    for (const entry of early!) deliver(entry);
    early = null;
  }

  async function* entries(): AsyncGenerator<T> {
    for await (const entry of stream) {
      if (!(await allowed().catch(() => false))) return;
      yield await present(entry);
    }
  }
  return closeWith(stream, entries());
}
