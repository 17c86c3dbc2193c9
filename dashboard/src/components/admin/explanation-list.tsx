'use client';

import type { Permission, PermissionReason } from '@/gql/graphql';
import { labelOf, reasonSentence, type Named } from '@/components/permissions/permission-text';

interface ExplanationListProps {
  decisions: readonly { permission: Permission; allowed: boolean; reason: PermissionReason; roleIds: readonly string[] }[];
  roles: readonly Named[];
  /** Who is explained, as a sentence's subject ("alice", "A member with only Moderators"). */
  subject: string;
  timedOutUntil?: string | null;
}

/** Each permission, allowed or denied, with the rule of the API's engine that decided it. */
export function ExplanationList({ decisions, roles, subject, timedOutUntil }: ExplanationListProps) {
  return (
    <ul className="explanation" aria-label={`Permissions of ${subject}`}>
      {decisions.map((d) => (
        <li key={d.permission} className={d.allowed ? 'explanation-row allowed' : 'explanation-row denied'}>
          <span className="explanation-mark" aria-hidden>
            {d.allowed ? '✓' : '✕'}
          </span>
          <span className="explanation-name">
            {labelOf(d.permission)} <span className="sr-only">{d.allowed ? 'allowed' : 'denied'}</span>
          </span>
          <span className="explanation-why">{reasonSentence(d, roles, subject, timedOutUntil)}</span>
        </li>
      ))}
    </ul>
  );
}
