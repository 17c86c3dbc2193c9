import type { ReactNode } from 'react';
import { getFragmentData, type FragmentType } from '@/gql';
import { AuditEntryFragment } from './admin.operations';
import { changeLines, parseChanges, sentenceOf } from './audit-text';

/**
 * One audit entry as a sentence a person reads: "alice BOT banned @carol — raid · time", with what
 * changed as a list underneath (the audit log) or an action beside it (the moderation queue).
 */
export function AuditEntry({
  entry: ref,
  showChanges = true,
  className,
  children,
}: {
  entry: FragmentType<typeof AuditEntryFragment>;
  showChanges?: boolean;
  /** Beside audit-entry, e.g. the queue's row layout. */
  className?: string;
  children?: ReactNode;
}) {
  const entry = getFragmentData(AuditEntryFragment, ref);
  const changes = parseChanges(entry.changes);
  const { verb, target, after } = sentenceOf(entry, changes);
  const lines = showChanges ? changeLines(entry, changes) : [];
  return (
    <li className={className ? `audit-entry ${className}` : 'audit-entry'}>
      <span className="audit-sentence">
        <span className="audit-actor">{entry.actor?.displayName ?? 'System'}</span>
        {!entry.actor && (
          <>
            {' '}
            <span className="badge" title="Taken by the system (rate limits, a timeout ending), not a person or a bot">
              AUTO
            </span>
          </>
        )}
        {entry.actor?.isBot && (
          <>
            {' '}
            <span className="badge" title="A bot took this action">
              BOT
            </span>
          </>
        )}{' '}
        {verb} {target && <strong>{target}</strong>}
        {after && ` ${after}`}
        {entry.reason && <span className="muted"> — {entry.reason}</span>}
        <time className="muted small" dateTime={entry.createdAt}>
          {' · '}
          {new Date(entry.createdAt).toLocaleString()}
        </time>
      </span>
      {lines.length > 0 && (
        <ul className="audit-changes" aria-label="Changes">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {children}
    </li>
  );
}
