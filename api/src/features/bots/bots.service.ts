import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Orm } from '../../kernel/db/orm.js';
import { AppError, notFound } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { ServerAccess } from '../access/access.service.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuthService } from '../auth/auth.service.js';
import { SessionKind } from '../auth/session.entity.js';
import { Member } from '../members/member.entity.js';
import { toMemberView, type MemberView } from '../members/member.view.js';
import { Ban } from '../moderation/ban.entity.js';
import { User } from '../users/user.entity.js';
import { toUserView, type UserView } from '../users/user.view.js';

export interface BotCredentials {
  bot: UserView;
  token: string;
}

const botNameSchema = z.object({ name: z.string().trim().min(2, 'must be 2-32 characters').max(32, 'must be 2-32 characters') });

/** Bots are users with isBot and an owner; their token is a BOT session ("Authorization: Bot <token>"). */
export class BotsService {
  constructor(
    private readonly orm: Orm,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  async create(ownerId: string, input: unknown): Promise<BotCredentials> {
    const { name } = parseInput(botNameSchema, input);
    // Usernames are unique; a bot's gets a random suffix so any display name is allowed.
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9_.]+/g, '_')
        .slice(0, 22) || 'bot';
    return this.orm.em.fork().transactional(async (em) => {
      // A bot answers to a person: one bot minting others would leave bots nobody answers for.
      if (await em.count(User, { id: ownerId, isBot: true }))
        throw new AppError(ErrorCode.Forbidden, 'A bot cannot create bots: a person creates a bot and answers for it', {
          permission: 'PERSON',
        });
      const bot = em.create(User, {
        username: `${base}_${randomBytes(4).toString('hex')}`,
        displayName: name,
        isBot: true,
        botOwner: ownerId,
      });
      await em.flush();
      return { bot: toUserView(bot), token: await this.auth.createSession(em, bot.id, SessionKind.Bot) };
    });
  }

  async regenerateToken(ownerId: string, botId: string): Promise<BotCredentials> {
    return this.outbox.transaction(async (em, owe) => {
      const bot = await this.ownedBot(em, ownerId, botId);
      owe(owed.sessionsRevoked(await this.auth.revokeAllSessions(em, bot.id)));
      return { bot: toUserView(bot), token: await this.auth.createSession(em, bot.id, SessionKind.Bot) };
    });
  }

  /**
   * Removes the bot everywhere: its sessions end (open sockets close with 4401), it leaves every
   * server (MemberLeft there), and the user row goes with what cascades from it.
   */
  async delete(ownerId: string, botId: string): Promise<void> {
    await this.outbox.transaction(async (em, owe) => {
      const bot = await this.ownedBot(em, ownerId, botId);
      const serverIds = (await em.find(Member, { user: bot.id }, { fields: ['server'] })).map((m) => m.server);
      owe(owed.sessionsRevoked(await this.auth.revokeAllSessions(em, bot.id)));
      await em.nativeDelete(User, { id: bot.id });
      for (const serverId of serverIds)
        owe(owed.access(serverId, bot.id), owed.serverEvent(serverId, { type: 'MemberLeft', userId: bot.id, reason: 'left' }));
    });
  }

  /** The bot's owner adds it to a server where they hold MANAGE_SERVER. */
  async addToServer(access: ServerAccess, botId: string): Promise<MemberView> {
    const serverId = access.server.id;
    return this.outbox.transaction(async (em, owe) => {
      const bot = await this.ownedBot(em, access.userId, botId);
      if (await em.count(Ban, { server: serverId, user: bot.id }))
        throw new AppError(ErrorCode.Banned, 'This bot is banned from the server');
      const existing = await em.findOne(Member, { server: serverId, user: bot.id });
      if (existing) return toMemberView(existing);
      const m = em.create(Member, { server: serverId, user: bot.id });
      this.audit.record(em, { serverId, action: AuditAction.BotAdd, actorId: access.userId, targetId: bot.id });
      await em.flush();
      const view = toMemberView(m);
      owe(owed.access(serverId, bot.id), owed.serverEvent(serverId, { type: 'MemberJoined', member: view }));
      return view;
    });
  }

  async mine(ownerId: string): Promise<UserView[]> {
    const bots = await this.orm.em.fork().find(User, { botOwner: ownerId, isBot: true }, { orderBy: { id: 'asc' } });
    return bots.map(toUserView);
  }

  private async ownedBot(em: Parameters<Parameters<Orm['em']['transactional']>[0]>[0], ownerId: string, botId: string): Promise<User> {
    const bot = /^\d{1,20}$/.test(botId) ? await em.findOne(User, { id: botId, isBot: true, botOwner: ownerId }) : null;
    if (!bot) throw notFound('Bot');
    return bot;
  }
}
