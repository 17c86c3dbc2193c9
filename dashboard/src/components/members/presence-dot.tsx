import type { PresenceStatus } from '@/gql/graphql';

const LABEL: Record<PresenceStatus, string> = { ONLINE: 'online', IDLE: 'idle', DND: 'do not disturb', OFFLINE: 'offline' };

export function PresenceDot({ status }: { status: PresenceStatus }) {
  return <span className={`presence-dot presence-${status.toLowerCase()}`} role="img" aria-label={LABEL[status]} />;
}
