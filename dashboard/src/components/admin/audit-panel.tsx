'use client';

import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useReadAgain } from '@/hooks/use-read-again';
import { apiErrorOf } from '@/lib/api-errors';
import { AuditLogAddedSubscription, AuditLogQuery } from './admin.operations';
import { AuditEntry } from './audit-entry';
import { AUDIT_ACTIONS } from './audit-text';
import { MemberPicker } from './member-picker';
import { useAuditReload } from './use-audit-reload';

/** Every audit entry, newest first, filtered and paged by the API; new entries arrive live (auditLogAdded). */
export function AuditPanel({ serverId }: { serverId: string }) {
  const [before, setBefore] = useState<string[]>([]);
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AuditLogQuery,
    variables: {
      serverId,
      before: before.at(-1) ?? null,
      action: action || null,
      actorId: actor && actor !== 'system' ? actor : null,
      bySystem: actor === 'system',
    },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const newestPage = before.length === 0 && !action && !actor;
  useAuditReload({
    document: AuditLogAddedSubscription,
    serverId,
    newestRead: newestPage && data ? (data.auditLog[0]?.id ?? null) : undefined,
    live: before.length === 0,
    idOf: (added) => added.auditLogAdded.id,
    reload,
  });
  // The page shown (and its filters) is read again, not the first one.
  useReadAgain(serverId, reload);
  const entries = data?.auditLog ?? [];

  return (
    <section className="admin-section" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <div className="admin-filters">
        <label className="field">
          <span className="field-label">Action</span>
          <select className="field-input" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">Any action</option>
            {Object.entries(AUDIT_ACTIONS).map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <MemberPicker serverId={serverId} label="Actor" value={actor} onChange={setActor}>
          <option value="">Anyone</option>
          <option value="system">System</option>
        </MemberPicker>
      </div>
      {!data && fetching && <LoadingState label="Loading the audit log…" />}
      {error && <ErrorState error={apiErrorOf(error)} onRetry={reload} />}
      <ol className="audit-list" aria-label="Audit entries">
        {entries.map((e) => (
          <AuditEntry key={e.id} entry={e} />
        ))}
      </ol>
      <div className="inline">
        {before.length > 0 && (
          <button type="button" className="button ghost" onClick={() => setBefore(before.slice(0, -1))}>
            Newer
          </button>
        )}
        {(data?.auditLog.length ?? 0) === 50 && (
          <button type="button" className="button ghost" onClick={() => setBefore([...before, data!.auditLog.at(-1)!.id])}>
            Older
          </button>
        )}
      </div>
    </section>
  );
}
