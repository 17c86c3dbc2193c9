import { useSyncExternalStore } from 'react';

/** "online" while the realtime socket is up; "reconnecting" after it dropped until it is back. */
export type ConnectionStatus = 'idle' | 'online' | 'reconnecting';

/** Observable state of one realtime connection, for the "reconnecting…" banner and resumes. */
export class ConnectionMonitor {
  private status: ConnectionStatus = 'idle';
  private readonly listeners = new Set<() => void>();

  get current(): ConnectionStatus {
    return this.status;
  }

  set(next: ConnectionStatus): void {
    if (next === this.status) return;
    this.status = next;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): ConnectionStatus => this.status;
}

export function useConnectionStatus(monitor: ConnectionMonitor): ConnectionStatus {
  return useSyncExternalStore(monitor.subscribe, monitor.snapshot, () => 'idle' as const);
}
