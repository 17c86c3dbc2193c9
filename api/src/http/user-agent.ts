import type { IncomingMessage } from 'node:http';

/** The longest User-Agent a session keeps: room for any real browser's, bounded for a hostile one. */
export const MAX_USER_AGENT_LENGTH = 256;

/** The request's User-Agent, trimmed and cut to MAX_USER_AGENT_LENGTH; null when absent or blank. */
export function userAgentOf(request: IncomingMessage): string | null {
  const value = request.headers['user-agent']?.trim();
  return value ? value.slice(0, MAX_USER_AGENT_LENGTH) : null;
}
