import type { Orm } from '../../kernel/db/orm.js';
import { Member } from '../members/member.entity.js';
import { User } from '../users/user.entity.js';

/** Where a bot is, for its owner (creating, regenerating and deleting live in BotsService). */
export class BotManagementService {
  constructor(private readonly orm: Orm) {}

  /** The servers the bot is in, when the caller owns it (nobody else learns that). */
  async serverIds(ownerId: string, botId: string): Promise<string[]> {
    const em = this.orm.em.fork();
    if (!(await em.count(User, { id: botId, isBot: true, botOwner: ownerId }))) return [];
    const members = await em.find(Member, { user: botId }, { fields: ['server'], orderBy: { server: 'asc' } });
    return members.map((m) => m.server);
  }
}
