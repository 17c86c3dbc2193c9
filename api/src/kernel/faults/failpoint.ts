/**
 * Crash points for the fault tests: a process started with RASHIGO_FAILPOINTS=name[,name] kills
 * itself (SIGKILL, as a crash would) when it reaches one of them. Unset in any real deployment.
 */
const armed = new Set((process.env.RASHIGO_FAILPOINTS ?? '').split(',').filter(Boolean));

/** Between a commit and the side effects that follow it. */
export const Failpoint = {
  timeoutCommitted: 'timeout-committed',
  outboxCommitted: 'outbox-committed',
  /** A voice session is in its server's keys, the lookups by session and by user not yet written. */
  voiceStored: 'voice-stored',
} as const;

export function failpoint(name: (typeof Failpoint)[keyof typeof Failpoint]): void {
  if (armed.has(name)) process.kill(process.pid, 'SIGKILL');
}
