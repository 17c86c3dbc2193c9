import type { EntityManager } from '../../kernel/db/orm.js';
import { forbidden } from '../../kernel/errors/app-error.js';
import { User } from '../users/user.entity.js';

/**
 * As in Discord, a bot never makes itself a member or an owner of a server: a member holding
 * MANAGE_SERVER adds it (addBotToServer, BotsService.addToServer), so every bot in a server is
 * there because someone answerable for that server put it there. Refuses `action` with FORBIDDEN
 * naming MANAGE_SERVER (what adding the bot takes) when `userId` is a bot. Call it in the action's
 * transaction before anything is written.
 */
export async function refuseBotSelfJoin(em: EntityManager, userId: string, action: string): Promise<void> {
  if (await em.count(User, { id: userId, isBot: true }))
    throw forbidden('MANAGE_SERVER', `A bot cannot ${action}: bots are added to a server by a member with MANAGE_SERVER (addBotToServer)`);
}
