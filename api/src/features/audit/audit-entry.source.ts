import type { PermissionName } from '../../permissions/bits.js';
import { hasAll, requirePermissions } from '../../permissions/require.js';
import { closeWith, EventStream } from '../../realtime/event-stream.js';
import type { Services } from '../../services.js';
import type { Viewer } from '../auth/viewer.js';
import type { AuditLogEntryView } from './audit.service.js';

/**
 * New audit entries of a server that `accept` keeps, for as long as the viewer holds `permission`
 * there (checked at subscribe time and again on every entry: losing it ends the stream).
 */
export async function auditEntrySource<T>(
  services: Services,
  viewer: Viewer,
  serverId: string,
  permission: PermissionName,
  accept: (entry: AuditLogEntryView) => boolean,
  present: (entry: AuditLogEntryView) => Promise<T>,
): Promise<AsyncIterableIterator<T>> {
  const allowed = async () => {
    const access = await services.access.server(serverId, viewer.userId);
    return access.member !== null && hasAll(access.permissions, [permission]);
  };
  requirePermissions((await services.access.server(serverId, viewer.userId)).permissions, [permission]);

  let stop = () => {};
  const stream = new EventStream<AuditLogEntryView>(() => stop());
  stop = await services.auditFeed.subscribe(serverId, (entry) => {
    if (accept(entry)) stream.push(entry);
  });

  async function* entries(): AsyncGenerator<T> {
    for await (const entry of stream) {
      if (!(await allowed().catch(() => false))) return;
      yield await present(entry);
    }
  }
  return closeWith(stream, entries());
}
