'use client';

import type { Permission } from '@/gql/graphql';
import { PERMISSION_LINES } from '@/components/permissions/permission-text';

export type OverwriteState = 'allow' | 'inherit' | 'deny';

export interface OverwriteValue {
  allow: readonly Permission[];
  deny: readonly Permission[];
}

export const stateOf = (value: OverwriteValue, permission: Permission): OverwriteState =>
  value.allow.includes(permission) ? 'allow' : value.deny.includes(permission) ? 'deny' : 'inherit';

/** The value with one permission moved to allow, inherit or deny. */
export function withState(value: OverwriteValue, permission: Permission, state: OverwriteState): OverwriteValue {
  const allow = value.allow.filter((p) => p !== permission);
  const deny = value.deny.filter((p) => p !== permission);
  if (state === 'allow') allow.push(permission);
  if (state === 'deny') deny.push(permission);
  return { allow, deny };
}

const STATES: ReadonlyArray<{ state: OverwriteState; label: string; symbol: string }> = [
  { state: 'allow', label: 'Allow', symbol: '✓' },
  { state: 'inherit', label: 'Inherit', symbol: '/' },
  { state: 'deny', label: 'Deny', symbol: '✕' },
];

interface OverwriteGridProps {
  /** Who the overwrite is for, as people read it ("@everyone", "Moderators", "alice"). */
  targetName: string;
  value: OverwriteValue;
  onChange: (value: OverwriteValue) => void;
  disabled?: boolean;
  /** The id of the text saying why the grid is disabled. */
  describedBy?: string;
}

/**
 * Every permission as a three-way choice for one role or member in one channel: allow, inherit (the
 * roles decide) or deny. Each row is a radio group, so arrow keys move within it and Tab between rows.
 */
export function OverwriteGrid({ targetName, value, onChange, disabled, describedBy }: OverwriteGridProps) {
  return (
    <fieldset className="overwrite-grid" disabled={disabled}>
      <legend className="muted small">Overwrites for {targetName}</legend>
      {PERMISSION_LINES.filter((p) => p.permission !== 'ADMINISTRATOR').map(({ permission, label, line }) => {
        const current = stateOf(value, permission);
        return (
          <div key={permission} className="overwrite-row" role="radiogroup" aria-label={label}>
            <div className="overwrite-text">
              <span className="overwrite-label">{label}</span>
              <span className="muted small">{line}</span>
            </div>
            <div className="tri-state">
              {STATES.map(({ state, label: stateLabel, symbol }) => (
                <label key={state} className={`tri-option ${state}${current === state ? ' selected' : ''}`}>
                  <input
                    type="radio"
                    name={`${targetName}-${permission}`}
                    value={state}
                    checked={current === state}
                    aria-label={`${stateLabel} ${label}`}
                    aria-describedby={describedBy}
                    onChange={() => onChange(withState(value, permission, state))}
                  />
                  <span aria-hidden>{symbol}</span>
                </label>
              ))}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
