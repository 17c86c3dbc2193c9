/** What one actor's call of one operation answers: success, an error code (FORBIDDEN naming what is missing), or not applicable. */
export type Outcome =
  | { kind: 'ok' }
  | { kind: 'error'; code: string; permission?: string }
  /** Never silent: says why this actor has nothing to show for this operation. */
  | { kind: 'n/a'; reason: string };

export const ok: Outcome = { kind: 'ok' };
export const unauthenticated: Outcome = { kind: 'error', code: 'UNAUTHENTICATED' };
export const notFound: Outcome = { kind: 'error', code: 'NOT_FOUND' };
export const conflict: Outcome = { kind: 'error', code: 'CONFLICT' };
/** FORBIDDEN naming the permission (or OWNER, AUTHOR: what only one user may do) in extensions.permission. */
export const forbidden = (permission: string): Outcome => ({ kind: 'error', code: 'FORBIDDEN', permission });
export const notApplicable = (reason: string): Outcome => ({ kind: 'n/a', reason });

/** One line per outcome, for comparing a row's expected and observed answers side by side. */
export function describeOutcome(outcome: Outcome | { kind: 'no answer'; detail: string }): string {
  switch (outcome.kind) {
    case 'ok':
      return 'ok';
    case 'error':
      return outcome.permission ? `${outcome.code}(${outcome.permission})` : outcome.code;
    case 'n/a':
      return `n/a: ${outcome.reason}`;
    case 'no answer':
      return `no answer: ${outcome.detail}`;
  }
}
