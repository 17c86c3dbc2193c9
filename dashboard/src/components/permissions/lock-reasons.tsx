'use client';

import { useId } from 'react';
import type { Permission } from '@/gql/graphql';
import { needs, type Me } from './hierarchy';
import './lock-reasons.css';

/**
 * Why controls are disabled, as visible text that each disabled control points at with
 * aria-describedby (a `title` tooltip reaches neither a touch screen nor most screen readers). A
 * `lock` about who or what is acted on (the owner, a higher role) outranks a missing permission and
 * is said once; each missing permission is said once, whichever controls need it.
 */
export function useLockReasons(me: Me, lock: string | null) {
  const base = useId();
  const lockId = `${base}lock`;
  const idOf = (permission: Permission) => `${base}${permission}`;
  type ControlProps = { disabled: boolean; 'aria-describedby'?: string };
  const control = (permission: Permission): ControlProps => {
    if (lock) return { disabled: true, 'aria-describedby': lockId };
    return needs(me, permission) ? { disabled: true, 'aria-describedby': idOf(permission) } : { disabled: false };
  };
  return {
    /** Spread on a control that needs `permission`: disabled, described by its reason. */
    control,
    /** Spread on a control serving several actions (a reason for any of them): disabled once none is allowed. */
    anyOf(...permissions: Permission[]): ControlProps {
      const each = permissions.map(control);
      if (each.some((c) => !c.disabled)) return { disabled: false };
      return { disabled: true, 'aria-describedby': [...new Set(each.map((c) => c['aria-describedby']))].join(' ') };
    },
    /** The lock, to show once where the controls begin. */
    lockNote: lock ? (
      <p id={lockId} className="lock-reason">
        {lock}
      </p>
    ) : null,
    /** One line naming the missing ones among these permissions (nothing while the lock is shown). */
    needsNote(...permissions: Permission[]) {
      const missing = lock ? [] : permissions.map((p) => ({ permission: p, text: needs(me, p) })).filter((m) => m.text);
      if (missing.length === 0) return null;
      return (
        <p className="lock-note">
          {missing.map(({ permission, text }) => (
            <span key={permission} id={idOf(permission)}>
              {text}{' '}
            </span>
          ))}
        </p>
      );
    },
  };
}
