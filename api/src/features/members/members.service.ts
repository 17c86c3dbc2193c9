import { z } from 'zod';
import { canManageMember } from '../../permissions/hierarchy.js';
import { hasPermission } from '../../permissions/bits.js';
import type { Orm } from '../../kernel/db/orm.js';
import { forbidden, notFound } from '../../kernel/errors/app-error.js';
import { isSnowflake } from '../../kernel/ids/snowflake.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import type { EventPublisher } from '../../realtime/topics.js';
import type { AccessService, ServerAccess } from '../access/access.service.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AuditService } from '../audit/audit.service.js';
import { Member } from './member.entity.js';
import { toMemberView, type MemberView } from './member.view.js';

const nicknameSchema = z.object({
  nickname: z
    .string()
    .trim()
    .max(32, 'must be at most 32 characters')
    .nullish()
    .transform((n) => (n ? n : null)),
});

export class MembersService {
  constructor(
    private readonly orm: Orm,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
  ) {}

  async get(serverId: string, userId: string): Promise<MemberView> {
    const member = await this.orm.em.fork().findOne(Member, { server: serverId, user: userId });
    if (!member) throw notFound('Member');
    return toMemberView(member);
  }

  /** Anyone may set their own nickname; another member's needs MODERATE_MEMBERS and a higher role. */
  async setNickname(access: ServerAccess, userId: string, input: unknown): Promise<MemberView> {
    const { nickname } = parseInput(nicknameSchema, input);
    if (!access.member) throw notFound('Server');
    if (!isSnowflake(userId)) throw notFound('Member');
    const member = await this.orm.em.fork().transactional(async (em) => {
      const target = await em.findOne(Member, { server: access.server.id, user: userId });
      if (!target) throw notFound('Member');
      if (userId !== access.userId) {
        if (!hasPermission(access.permissions, 'MODERATE_MEMBERS')) throw forbidden('MODERATE_MEMBERS');
        await this.assertOutranks(access, userId);
      }
      if (target.nickname !== nickname) {
        this.audit.record(em, {
          serverId: target.server,
          action: AuditAction.MemberNickname,
          actorId: access.userId,
          targetId: userId,
          changes: { nickname: [target.nickname, nickname] },
        });
        target.nickname = nickname;
      }
      return target;
    });
    const view = toMemberView(member);
    await this.events.server(access.server.id, { type: 'MemberUpdated', member: view });
    return view;
  }

  /** Role hierarchy: FORBIDDEN unless the actor's highest role is above the target's (owner excepted). */
  async assertOutranks(access: ServerAccess, userId: string, permission = 'MODERATE_MEMBERS'): Promise<void> {
    const roles = await this.access.rolesOfMember(access.server, userId);
    if (!canManageMember(access.actor, { userId, roles })) {
      throw forbidden(permission, 'You cannot act on a member whose highest role is at or above yours');
    }
  }
}
