/** A server's message rate limits and escalation policy: what the access snapshot carries and the API edits. */
export interface ServerLimits {
  channelMessageLimit: number;
  channelMessageWindowSeconds: number;
  serverMessageLimit: number;
  serverMessageWindowSeconds: number;
  escalationEnabled: boolean;
  escalationRefusals: number;
  escalationWindowSeconds: number;
  escalationTimeoutSeconds: number;
}

export const LIMIT_FIELDS = [
  'channelMessageLimit',
  'channelMessageWindowSeconds',
  'serverMessageLimit',
  'serverMessageWindowSeconds',
  'escalationEnabled',
  'escalationRefusals',
  'escalationWindowSeconds',
  'escalationTimeoutSeconds',
] as const satisfies readonly (keyof ServerLimits)[];

export const pickLimits = (s: ServerLimits): ServerLimits =>
  Object.fromEntries(LIMIT_FIELDS.map((f) => [f, s[f]])) as unknown as ServerLimits;
