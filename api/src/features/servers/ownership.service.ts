import { LockMode } from '@mikro-orm/postgresql';
import { badInput } from '../../kernel/errors/app-error.js';
import { isSnowflake } from '../../kernel/ids/snowflake.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { ServerAccess } from '../access/access.service.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AuditService } from '../audit/audit.service.js';
import { Member } from '../members/member.entity.js';
import { User } from '../users/user.entity.js';
import { ownerOnly } from './servers.errors.js';
import { Server } from './server.entity.js';
import { toServerView, type ServerView } from './server.view.js';

/** Hands a server to another member: only the owner can, and only to a person (not a bot) already in it. */
export class OwnershipService {
  constructor(
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  async transfer(access: ServerAccess, newOwnerId: string): Promise<ServerView> {
    if (access.userId !== access.server.ownerId) throw ownerOnly('transfer ownership');
    if (!isSnowflake(newOwnerId)) throw badInput('userId', 'must be a member of the server');
    if (newOwnerId === access.userId) throw badInput('userId', 'is already the owner');
    return this.outbox.transaction(async (em, owe) => {
      // Row-locked: two transfers at once apply one after the other, the second then refused.
      const s = await em.findOneOrFail(Server, { id: access.server.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (s.owner !== access.userId) throw ownerOnly('transfer ownership');
      const member = await em.findOne(Member, { server: s.id, user: newOwnerId });
      const user = member ? await em.findOne(User, { id: newOwnerId }) : null;
      if (!user) throw badInput('userId', 'must be a member of the server');
      if (user.isBot) throw badInput('userId', 'must be a person, not a bot');
      this.audit.record(em, {
        serverId: s.id,
        action: AuditAction.ServerUpdate,
        actorId: access.userId,
        // A SERVER_UPDATE's target is the server (audit-target.ts); the new owner is in the changes.
        targetId: s.id,
        changes: { ownerId: [s.owner, newOwnerId] },
      });
      s.owner = newOwnerId;
      const view = toServerView(s);
      owe(owed.access(s.id), owed.serverEvent(s.id, { type: 'ServerUpdated', server: view }));
      return view;
    });
  }
}
