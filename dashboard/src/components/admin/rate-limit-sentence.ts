import type { AdminRateLimitsQuery } from '@/gql/graphql';

/** The server's limits as the API reports them (ServerRateLimits). */
export type RateLimits = Omit<NonNullable<AdminRateLimitsQuery['server']>['rateLimits'], '__typename'>;

/** "90 s", "5 minutes", "2 hours", "1 day". */
export function duration(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds % 86400 === 0) return unit(seconds / 86400, 'day');
  if (seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  if (seconds % 60 === 0 && seconds >= 120) return unit(seconds / 60, 'minute');
  return `${seconds} s`;
}

/** The limits as one plain sentence, so an admin sees what the numbers do. */
export function rateLimitSentence(l: RateLimits): string {
  const parts: string[] = [];
  if (l.channelMessageLimit > 0) {
    parts.push(`more than ${l.channelMessageLimit} messages in ${duration(l.channelMessageWindowSeconds)} in one channel is refused`);
  }
  if (l.serverMessageLimit > 0) {
    parts.push(`more than ${l.serverMessageLimit} messages in ${duration(l.serverMessageWindowSeconds)} across the server is refused`);
  }
  if (parts.length === 0) parts.push('messages are not limited (slowmode still applies per channel)');
  const escalation = l.escalationEnabled
    ? `${l.escalationRefusals} refusals in ${duration(l.escalationWindowSeconds)} gives a ${duration(l.escalationTimeoutSeconds).replace(/s$/, '').replace(' ', '-')} timeout`
    : 'refusals never lead to a timeout';
  const text = `${parts.join('; ')}; ${escalation}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
