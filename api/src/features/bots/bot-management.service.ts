import type { Orm } from '../../kernel/db/orm.js';
import { notFound } from '../../kernel/errors/app-error.js';
import { isSnowflake } from '../../kernel/ids/snowflake.js';
import type { EventPublisher } from '../../realtime/topics.js';
import type { AccessService } from '../access/access.service.js';
import type { AuthService } from '../auth/auth.service.js';
import { Member } from '../members/member.entity.js';
import { User } from '../users/user.entity.js';

/** What a bot's owner manages besides creating it: where it is, and deleting it. */
export class BotManagementService {
  constructor(
    private readonly orm: Orm,
    private readonly auth: AuthService,
    private readonly access: AccessService,
    private readonly events: EventPublisher,
  ) {}

  /** The servers the bot is in, when the caller owns it (nobody else learns that). */
  async serverIds(ownerId: string, botId: string): Promise<string[]> {
    const em = this.orm.em.fork();
    if (!(await em.count(User, { id: botId, isBot: true, botOwner: ownerId }))) return [];
    const members = await em.find(Member, { user: botId }, { fields: ['server'], orderBy: { server: 'asc' } });
    return members.map((m) => m.server);
  }

  /** Deletes the bot: its sessions end (open sockets too) and it leaves every server it was in. */
  async delete(ownerId: string, botId: string): Promise<void> {
    const { serverIds, revoked } = await this.orm.em.fork().transactional(async (em) => {
      const bot = isSnowflake(botId) ? await em.findOne(User, { id: botId, isBot: true, botOwner: ownerId }) : null;
      if (!bot) throw notFound('Bot');
      const memberships = await em.find(Member, { user: bot.id }, { fields: ['server'] });
      const revoked = await this.auth.revokeAllSessions(em, bot.id);
      // Memberships, sessions and the rest go with the user (foreign keys cascade).
      em.remove(bot);
      return { serverIds: memberships.map((m) => m.server), revoked };
    });
    await this.auth.announceRevoked(revoked);
    for (const serverId of serverIds) {
      await this.access.invalidate(serverId, botId);
      await this.events.server(serverId, { type: 'MemberLeft', userId: botId, reason: 'left' });
    }
  }
}
