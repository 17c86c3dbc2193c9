import { AuditAction } from './audit-action.js';
import type { AuditLogEntryView } from './audit.service.js';

/** What an audit entry's target (or an id its changes name) is. */
export enum AuditTargetKind {
  USER = 'USER',
  BOT = 'BOT',
  ROLE = 'ROLE',
  CHANNEL = 'CHANNEL',
  INVITE = 'INVITE',
  SERVER = 'SERVER',
}

/**
 * The kind of each action's target, the one place that says what `targetId` means. null: the
 * action has no single target (a reorder names every channel or role in its changes). A deleted
 * (or pinned) message's target is its author; an invite, whose key is its code, is named by its changes.
 */
const TARGET_KINDS = {
  [AuditAction.ServerUpdate]: AuditTargetKind.SERVER,
  [AuditAction.ChannelCreate]: AuditTargetKind.CHANNEL,
  [AuditAction.ChannelUpdate]: AuditTargetKind.CHANNEL,
  [AuditAction.ChannelDelete]: AuditTargetKind.CHANNEL,
  [AuditAction.ChannelReorder]: null,
  [AuditAction.OverwriteSet]: AuditTargetKind.CHANNEL,
  [AuditAction.OverwriteRemove]: AuditTargetKind.CHANNEL,
  [AuditAction.RoleCreate]: AuditTargetKind.ROLE,
  [AuditAction.RoleUpdate]: AuditTargetKind.ROLE,
  [AuditAction.RoleDelete]: AuditTargetKind.ROLE,
  [AuditAction.RoleReorder]: null,
  [AuditAction.MemberRoleAdd]: AuditTargetKind.USER,
  [AuditAction.MemberRoleRemove]: AuditTargetKind.USER,
  [AuditAction.MemberNickname]: AuditTargetKind.USER,
  [AuditAction.MemberKick]: AuditTargetKind.USER,
  [AuditAction.MemberBan]: AuditTargetKind.USER,
  [AuditAction.MemberUnban]: AuditTargetKind.USER,
  [AuditAction.MemberTimeout]: AuditTargetKind.USER,
  [AuditAction.InviteCreate]: AuditTargetKind.INVITE,
  [AuditAction.InviteRevoke]: AuditTargetKind.INVITE,
  [AuditAction.MessageDelete]: AuditTargetKind.USER,
  [AuditAction.MessagePin]: AuditTargetKind.USER,
  [AuditAction.MessageUnpin]: AuditTargetKind.USER,
  [AuditAction.BotAdd]: AuditTargetKind.BOT,
  [AuditAction.VoiceMute]: AuditTargetKind.USER,
  [AuditAction.VoiceDeafen]: AuditTargetKind.USER,
  [AuditAction.VoiceDisconnect]: AuditTargetKind.USER,
  [AuditAction.VoiceMove]: AuditTargetKind.USER,
} satisfies Record<AuditAction, AuditTargetKind | null>;

/** Change fields whose values are ids (before and after), and what of. */
const ID_FIELDS: Readonly<Record<string, AuditTargetKind>> = {
  role: AuditTargetKind.ROLE,
  channel: AuditTargetKind.CHANNEL,
  ownerId: AuditTargetKind.USER,
};

/** An overwrite's target as its changes write it: `ROLE:<id>` or `MEMBER:<id>`. */
const OVERWRITE_TARGET = /^(ROLE|MEMBER):(\d+)$/;

export interface AuditTargetRef {
  kind: AuditTargetKind;
  /** For an invite, its code. */
  id: string;
}

export function targetOf(entry: AuditLogEntryView): AuditTargetRef | null {
  const kind = (TARGET_KINDS as Record<string, AuditTargetKind | null>)[entry.action] ?? null;
  if (kind === AuditTargetKind.INVITE) {
    const code = changesOf(entry).code?.find((c) => typeof c === 'string');
    return typeof code === 'string' ? { kind, id: code } : null;
  }
  return kind && entry.targetId ? { kind, id: entry.targetId } : null;
}

/** The ids an entry's changes name (a role given, a deleted message's channel, an overwrite's role or member, a new owner). */
export function mentionsOf(entry: AuditLogEntryView): AuditTargetRef[] {
  const refs = new Map<string, AuditTargetRef>();
  for (const [field, pair] of Object.entries(changesOf(entry))) {
    for (const value of pair) {
      if (typeof value !== 'string') continue;
      const kind = ID_FIELDS[field];
      const overwrite = field === 'target' ? OVERWRITE_TARGET.exec(value) : null;
      if (kind) refs.set(`${kind}:${value}`, { kind, id: value });
      else if (overwrite) {
        const ref = { kind: overwrite[1] === 'ROLE' ? AuditTargetKind.ROLE : AuditTargetKind.USER, id: overwrite[2]! };
        refs.set(`${ref.kind}:${ref.id}`, ref);
      }
    }
  }
  return [...refs.values()];
}

function changesOf(entry: AuditLogEntryView): Record<string, unknown[]> {
  const parsed: unknown = entry.changes ? JSON.parse(entry.changes) : null;
  if (!parsed || typeof parsed !== 'object') return {};
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, unknown[]] => Array.isArray(e[1])));
}
