import type { Orm } from '../../kernel/db/orm.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AuditLogEntryView, AuditService } from '../audit/audit.service.js';
import { Member } from '../members/member.entity.js';
import { Ban } from '../moderation/ban.entity.js';
import { ModerationUndo, type ModerationItemView } from './moderation-item.js';

/** What a moderator should see: actions taken on members and their messages, by anyone. */
export const MODERATION_ACTIONS: readonly string[] = [
  AuditAction.MemberTimeout,
  AuditAction.MemberBan,
  AuditAction.MemberUnban,
  AuditAction.MemberKick,
  AuditAction.MessageDelete,
  AuditAction.VoiceMute,
  AuditAction.VoiceDeafen,
  AuditAction.VoiceDisconnect,
  AuditAction.VoiceMove,
];

/** The moderation queue: audit entries of moderation actions, each with the undo that still applies. */
export class ModerationQueueService {
  constructor(
    private readonly orm: Orm,
    private readonly audit: AuditService,
  ) {}

  async page(serverId: string, before: string | null, limit: number): Promise<ModerationItemView[]> {
    return this.withUndo(serverId, await this.audit.page(serverId, before, limit, { actions: MODERATION_ACTIONS }));
  }

  async withUndo(serverId: string, entries: readonly AuditLogEntryView[], now = new Date()): Promise<ModerationItemView[]> {
    const targets = [...new Set(entries.map((e) => e.targetId).filter((id): id is string => id !== null))];
    if (targets.length === 0) return entries.map((entry) => ({ entry, undo: null }));
    const em = this.orm.em.fork();
    const [members, bans] = await Promise.all([
      em.find(Member, { server: serverId, user: { $in: targets }, timedOutUntil: { $gt: now } }, { fields: ['user'] }),
      em.find(Ban, { server: serverId, user: { $in: targets } }, { fields: ['user'] }),
    ]);
    const timedOut = new Set(members.map((m) => m.user));
    const banned = new Set(bans.map((b) => b.user));
    return entries.map((entry) => ({ entry, undo: undoOf(entry, timedOut, banned) }));
  }
}

function undoOf(entry: AuditLogEntryView, timedOut: ReadonlySet<string>, banned: ReadonlySet<string>): ModerationUndo | null {
  if (!entry.targetId) return null;
  if (entry.action === AuditAction.MemberTimeout && timedOut.has(entry.targetId) && !liftsTimeout(entry))
    return ModerationUndo.REMOVE_TIMEOUT;
  if (entry.action === AuditAction.MemberBan && banned.has(entry.targetId)) return ModerationUndo.UNBAN;
  return null;
}

/** A MEMBER_TIMEOUT entry whose change ends at null removed a timeout rather than giving one. */
function liftsTimeout(entry: AuditLogEntryView): boolean {
  const changes = entry.changes ? (JSON.parse(entry.changes) as { timedOutUntil?: [unknown, unknown] }) : {};
  return changes.timedOutUntil?.[1] === null;
}
