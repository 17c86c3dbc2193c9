import { randomInt } from 'node:crypto';
import { raw } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { EntityManager, Orm } from '../../kernel/db/orm.js';
import { forbidden, notFound } from '../../kernel/errors/app-error.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { hasAll } from '../../permissions/require.js';
import type { AccessService, ServerAccess } from '../access/access.service.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AuditService } from '../audit/audit.service.js';
import { Invite } from './invite.entity.js';
import { invalidInvite } from './invites.errors.js';

export interface InviteView {
  code: string;
  serverId: string;
  creatorId: string;
  maxUses: number;
  uses: number;
  expiresAt: Date | null;
}

const toInviteView = (i: Invite): InviteView => ({
  code: i.code,
  serverId: i.server,
  creatorId: i.creator,
  maxUses: i.maxUses,
  uses: i.uses,
  expiresAt: i.expiresAt,
});

const createInviteSchema = z.object({
  maxUses: z.number().int().min(0, 'must be 0-1000').max(1000, 'must be 0-1000'),
  // 0 = never expires; at most 30 days.
  expiresInSeconds: z.number().int().min(0, 'must be 0-2592000').max(2_592_000, 'must be 0-2592000'),
});

/** Codes are short and alphanumeric; anything else (a NUL byte, say) must never reach Postgres. */
const isInviteCode = (code: string): boolean => /^[A-Za-z0-9]{1,16}$/.test(code);

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const newInviteCode = (): string => Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

export class InvitesService {
  constructor(
    private readonly orm: Orm,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(access: ServerAccess, input: unknown): Promise<InviteView> {
    const { maxUses, expiresInSeconds } = parseInput(createInviteSchema, input);
    const invite = await this.orm.em.fork().transactional(async (em) => {
      const i = em.create(Invite, {
        code: newInviteCode(),
        server: access.server.id,
        creator: access.userId,
        maxUses,
        expiresAt: expiresInSeconds ? new Date(Date.now() + expiresInSeconds * 1000) : null,
      });
      this.audit.record(em, {
        serverId: i.server,
        action: AuditAction.InviteCreate,
        actorId: access.userId,
        targetId: null,
        changes: { code: [null, i.code], maxUses: [null, maxUses], expiresInSeconds: [null, expiresInSeconds] },
      });
      return i;
    });
    return toInviteView(invite);
  }

  /** Usable invites only: expired or used-up ones are gone for every purpose. */
  async list(serverId: string): Promise<InviteView[]> {
    const invites = await this.orm.em
      .fork()
      .find(
        Invite,
        { server: serverId, $or: [{ expiresAt: null }, { expiresAt: { $gt: new Date() } }] },
        { orderBy: { createdAt: 'desc' } },
      );
    return invites.filter((i) => i.maxUses === 0 || i.uses < i.maxUses).map(toInviteView);
  }

  async byCode(code: string): Promise<InviteView | null> {
    if (!isInviteCode(code)) return null;
    const invite = await this.orm.em.fork().findOne(Invite, { code });
    return invite ? toInviteView(invite) : null;
  }

  /** What an invite link shows before joining: null when the code is unknown, expired or used up. */
  async preview(code: string, now = new Date()): Promise<InviteView | null> {
    const invite = await this.byCode(code);
    if (!invite) return null;
    const expired = invite.expiresAt !== null && new Date(invite.expiresAt) <= now;
    const usedUp = invite.maxUses > 0 && invite.uses >= invite.maxUses;
    return expired || usedUp ? null : invite;
  }

  /** The creator may revoke their own invite; anyone else needs MANAGE_SERVER. */
  async revoke(userId: string, code: string): Promise<void> {
    if (!isInviteCode(code)) throw notFound('Invite');
    await this.orm.em.fork().transactional(async (em) => {
      const invite = await em.findOne(Invite, { code });
      if (!invite) throw notFound('Invite');
      const access = await this.access.server(invite.server, userId);
      if (invite.creator !== userId && !hasAll(access.permissions, ['MANAGE_SERVER'])) throw forbidden('MANAGE_SERVER');
      em.remove(invite);
      this.audit.record(em, {
        serverId: invite.server,
        action: AuditAction.InviteRevoke,
        actorId: userId,
        changes: { code: [invite.code, null] },
      });
    });
  }

  /** The server a usable invite leads to; NOT_FOUND for unknown, expired and used-up codes. */
  async serverOfUsable(em: EntityManager, code: string): Promise<string> {
    if (!isInviteCode(code)) throw invalidInvite();
    const invite = await em.findOne(Invite, { code, $or: [{ expiresAt: null }, { expiresAt: { $gt: new Date() } }] });
    if (!invite || (invite.maxUses > 0 && invite.uses >= invite.maxUses)) throw invalidInvite();
    return invite.server;
  }

  /** Uses the invite up by one, atomically: two joins racing for the last use cannot both succeed. */
  async consume(em: EntityManager, code: string): Promise<void> {
    const updated = await em.nativeUpdate(
      Invite,
      {
        code,
        $and: [
          { $or: [{ maxUses: 0 }, { uses: { $lt: raw('max_uses') } }] },
          { $or: [{ expiresAt: null }, { expiresAt: { $gt: new Date() } }] },
        ],
      },
      { uses: raw('uses + 1') },
    );
    if (updated === 0) throw invalidInvite();
  }

  /** Removes invites that expired; run by the workers on a schedule. */
  async deleteExpired(now = new Date()): Promise<number> {
    return this.orm.em.fork().nativeDelete(Invite, { expiresAt: { $lte: now } });
  }
}
