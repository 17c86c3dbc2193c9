import type { AuditTargetKind, Permission } from '@/gql/graphql';
import { labelOf } from '@/components/permissions/permission-text';

export interface AuditTargetText {
  kind: AuditTargetKind;
  id: string;
  name?: string | null;
}

/**
 * Every audit action of the API (api/src/features/audit/audit-action.ts): its name in the filter,
 * and the verb of its sentence ("alice <verb> <target> <after>").
 */
export const AUDIT_ACTIONS: Record<string, { label: string; verb: string; after?: string }> = {
  SERVER_UPDATE: { label: 'Server updated', verb: 'updated' },
  CHANNEL_CREATE: { label: 'Channel created', verb: 'created' },
  CHANNEL_UPDATE: { label: 'Channel updated', verb: 'updated' },
  CHANNEL_DELETE: { label: 'Channel deleted', verb: 'deleted' },
  CHANNEL_REORDER: { label: 'Channels reordered', verb: 'reordered the channels' },
  CHANNEL_OVERWRITE_SET: { label: 'Channel permissions set', verb: 'set permissions in' },
  CHANNEL_OVERWRITE_REMOVE: { label: 'Channel permissions removed', verb: 'removed permissions in' },
  ROLE_CREATE: { label: 'Role created', verb: 'created' },
  ROLE_UPDATE: { label: 'Role updated', verb: 'updated' },
  ROLE_DELETE: { label: 'Role deleted', verb: 'deleted' },
  ROLE_REORDER: { label: 'Roles reordered', verb: 'reordered the roles' },
  MEMBER_ROLE_ADD: { label: 'Role given', verb: 'gave a role to' },
  MEMBER_ROLE_REMOVE: { label: 'Role taken away', verb: 'took a role from' },
  MEMBER_NICKNAME: { label: 'Nickname changed', verb: 'changed the nickname of' },
  MEMBER_KICK: { label: 'Member kicked', verb: 'kicked' },
  MEMBER_BAN: { label: 'Member banned', verb: 'banned' },
  MEMBER_UNBAN: { label: 'Member unbanned', verb: 'unbanned' },
  MEMBER_TIMEOUT: { label: 'Timeout given or lifted', verb: 'timed out' },
  INVITE_CREATE: { label: 'Invite created', verb: 'created' },
  INVITE_REVOKE: { label: 'Invite revoked', verb: 'revoked' },
  MESSAGE_DELETE: { label: 'Message deleted', verb: 'deleted a message by' },
  MESSAGE_PIN: { label: 'Message pinned', verb: 'pinned a message by' },
  MESSAGE_UNPIN: { label: 'Message unpinned', verb: 'unpinned a message by' },
  BOT_ADD: { label: 'Bot added', verb: 'added' },
  VOICE_MUTE: { label: 'Voice: server mute', verb: 'server-muted' },
  VOICE_DEAFEN: { label: 'Voice: server deafen', verb: 'server-deafened' },
  VOICE_DISCONNECT: { label: 'Voice: disconnected', verb: 'disconnected', after: 'from voice' },
  VOICE_MOVE: { label: 'Voice: moved', verb: 'moved', after: 'in voice' },
};

type Changes = Record<string, [unknown, unknown]>;

export function parseChanges(changes: string | null | undefined): Changes {
  if (!changes) return {};
  const parsed = JSON.parse(changes) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, [unknown, unknown]] => Array.isArray(e[1])));
}

export interface AuditEntryText {
  action: string;
  target: AuditTargetText | null;
  mentions: readonly AuditTargetText[];
}

/** Actions on one message: the target is its author, the channel is among the mentions. */
const MESSAGE_ACTIONS = new Set(['MESSAGE_DELETE', 'MESSAGE_PIN', 'MESSAGE_UNPIN']);

/**
 * What follows the actor's name: "deleted a message by @alice in #general", "lifted the timeout of
 * @bob", "created role Moderators (deleted)".
 */
export function sentenceOf(entry: AuditEntryText, changes: Changes): { verb: string; target: string | null; after?: string } {
  const target = entry.target ? targetText(entry.target, changes.name?.[0]) : null;
  if (MESSAGE_ACTIONS.has(entry.action)) {
    const channel = entry.mentions.find((m) => m.kind === 'CHANNEL');
    return { verb: AUDIT_ACTIONS[entry.action]!.verb, target, ...(channel ? { after: `in ${targetText(channel)}` } : {}) };
  }
  const role = entry.mentions.find((m) => m.kind === 'ROLE');
  if (entry.action === 'MEMBER_ROLE_ADD' && role) return { verb: `gave ${targetText(role)} to`, target };
  if (entry.action === 'MEMBER_ROLE_REMOVE' && role) return { verb: `took ${targetText(role)} from`, target };
  if (entry.action === 'MEMBER_TIMEOUT' && changes.timedOutUntil?.[1] === null) return { verb: 'lifted the timeout of', target };
  if (entry.action === 'VOICE_MUTE' && changes.serverMute?.[1] === false) return { verb: 'server-unmuted', target };
  if (entry.action === 'VOICE_DEAFEN' && changes.serverDeaf?.[1] === false) return { verb: 'server-undeafened', target };
  return { ...(AUDIT_ACTIONS[entry.action] ?? { verb: entry.action }), target };
}

/**
 * A target by kind and name: "@alice", "#general", "role Moderators", "invite AbC123". Gone, it
 * takes the name the entry recorded when it had one ("role Moderators (deleted)").
 */
export function targetText(target: AuditTargetText, recordedName?: unknown): string {
  const name = target.name ?? (typeof recordedName === 'string' ? recordedName : null);
  const gone = target.name == null;
  const named = (text: string) => (gone ? `${text} (deleted)` : text);
  switch (target.kind) {
    case 'USER':
      return name ? `@${name}` : 'a deleted user';
    case 'BOT':
      return name ? `bot ${name}` : 'a deleted bot';
    case 'ROLE':
      return name ? named(`role ${name}`) : 'a deleted role';
    case 'CHANNEL':
      return name ? named(`#${name}`) : 'a deleted channel';
    case 'INVITE':
      return `invite ${target.id}`;
    case 'SERVER':
      return name ? `the server ${name}` : 'the server';
  }
}

const LABELS: Record<string, string> = {
  channelMessageLimit: 'messages per channel',
  channelMessageWindowSeconds: 'per channel, within',
  serverMessageLimit: 'messages per server',
  serverMessageWindowSeconds: 'per server, within',
  escalationEnabled: 'timeouts for repeated refusals',
  escalationRefusals: 'refusals before a timeout',
  escalationWindowSeconds: 'refusals counted within',
  escalationTimeoutSeconds: 'timeout length',
  slowmodeSeconds: 'slowmode',
  userLimit: 'user limit',
  isPrivate: 'private',
  timedOutUntil: 'timed out until',
  expiresInSeconds: 'expires after',
  maxUses: 'max uses',
  deletedMessages: 'messages deleted',
  serverMute: 'server muted',
  serverDeaf: 'server deafened',
  ownerId: 'owner',
  target: 'for',
  allow: 'allowed',
  deny: 'denied',
};

/** Fields the sentence already says, or that say nothing a person needs (a message's id: the sentence names its author and channel). */
const HIDDEN: Record<string, readonly string[]> = {
  MESSAGE_DELETE: ['message', 'channel'],
  MESSAGE_PIN: ['message', 'channel'],
  MESSAGE_UNPIN: ['message', 'channel'],
  MEMBER_ROLE_ADD: ['role'],
  MEMBER_ROLE_REMOVE: ['role'],
  INVITE_CREATE: ['code'],
  INVITE_REVOKE: ['code'],
};

const labelOfField = (field: string) =>
  LABELS[field] ??
  field
    .replace(/Seconds$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();

/** One readable line per changed field: "name: General → Lobby", "slowmode: 0 s → 10 s", "permissions added: Send messages". */
export function changeLines(entry: AuditEntryText, changes: Changes): string[] {
  const { mentions } = entry;
  const lines: string[] = [];
  for (const [field, [before, after]] of Object.entries(changes)) {
    if (HIDDEN[entry.action]?.includes(field)) continue;
    const label = labelOfField(field);
    if (Array.isArray(before) || Array.isArray(after)) {
      lines.push(...listLines(field, label, (before as unknown[] | null) ?? null, (after as unknown[] | null) ?? []));
      continue;
    }
    const show = (value: unknown) => valueText(field, value, mentions);
    if (before == null) lines.push(`${label}: ${show(after)}`);
    else lines.push(`${label}: ${show(before)} → ${show(after)}`);
  }
  return lines;
}

/** A role's permissions as what was added and removed; an overwrite's allow and deny as before → after; orders as one line. */
function listLines(field: string, label: string, before: unknown[] | null, after: unknown[]): string[] {
  if (field === 'order') return [`new order of ${after.length}`];
  const names = (list: unknown[]) => (list.length ? list.map((p) => labelOf(p as Permission)).join(', ') : 'none');
  if (before === null) return [`${label}: ${names(after)}`];
  const added = after.filter((p) => !before.includes(p));
  const removed = before.filter((p) => !after.includes(p));
  if (field !== 'permissions') return added.length || removed.length ? [`${label}: ${names(before)} → ${names(after)}`] : [];
  return [
    ...(added.length ? [`permissions added: ${names(added)}`] : []),
    ...(removed.length ? [`permissions removed: ${names(removed)}`] : []),
  ];
}

function valueText(field: string, value: unknown, mentions: readonly AuditTargetText[]): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field === 'icon') return 'an image';
  if (field === 'maxUses' && value === 0) return 'no limit';
  if (field === 'timedOutUntil' && typeof value === 'string') return new Date(value).toLocaleString();
  if (field.endsWith('Seconds') && typeof value === 'number') return duration(value);
  if (field === 'bitrate' && typeof value === 'number') return `${value / 1000} kbps`;
  const id = typeof value === 'string' ? (/^(?:ROLE|MEMBER):(\d+)$/.exec(value)?.[1] ?? value) : null;
  const mention = id === null ? undefined : mentions.find((m) => m.id === id);
  return mention ? targetText(mention) : String(value);
}

/** Seconds as the largest whole unit: "10 s", "5 min", "2 h", "1 d". */
export function duration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['min', 60],
  ] as const)
    if (seconds >= size && seconds % size === 0) return `${seconds / size} ${unit}`;
  return `${seconds} s`;
}
