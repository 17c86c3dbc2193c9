import type { EntityManager, Orm } from '../../kernel/db/orm.js';
import { notFound } from '../../kernel/errors/app-error.js';
import { idSchema } from '../../kernel/validation/id.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox, Owe } from '../../outbox/outbox.js';
import { z } from 'zod';
import { botHasNoSessionList } from './auth.errors.js';
import { Session } from './session.entity.js';
import type { Viewer } from './viewer.js';

/** One of a person's signed-in sessions, as its owner sees it. */
export interface AccountSessionView {
  id: string;
  client: string | null;
  createdAt: Date;
  lastActiveAt: Date;
  /** The session asking. */
  current: boolean;
}

const endSessionSchema = z.object({ id: idSchema });

/**
 * Ends every session of the viewer's user but the viewer's own, within the caller's transaction;
 * their sockets close (4401) everywhere once it commits. How many ended.
 */
export async function endOtherSessions(em: EntityManager, owe: Owe, viewer: Viewer): Promise<number> {
  const others = await em.find(Session, { user: viewer.userId, id: { $ne: viewer.sessionId } }, { fields: ['tokenHash'] });
  if (others.length === 0) return 0;
  await em.nativeDelete(Session, { user: viewer.userId, id: { $ne: viewer.sessionId } });
  owe(owed.sessionsRevoked(others.map((s) => s.tokenHash)));
  return others.length;
}

/** A person's own sign-ins: see each (which client, when last used) and end any of them. */
export class AccountSessionsService {
  constructor(
    private readonly orm: Orm,
    private readonly outbox: Outbox,
  ) {}

  /** Most recently active first. */
  async list(viewer: Viewer): Promise<AccountSessionView[]> {
    if (viewer.isBot) throw botHasNoSessionList();
    const sessions = await this.orm.em.fork().find(Session, { user: viewer.userId }, { orderBy: { lastActiveAt: 'desc', id: 'desc' } });
    return sessions.map((s) => ({
      id: s.id,
      client: s.client,
      createdAt: s.createdAt,
      lastActiveAt: s.lastActiveAt,
      current: s.id === viewer.sessionId,
    }));
  }

  /** Ends one of the viewer's sessions (their own current one too: that is signing out). */
  async end(viewer: Viewer, input: unknown): Promise<void> {
    if (viewer.isBot) throw botHasNoSessionList();
    const { id } = parseInput(endSessionSchema, input);
    await this.outbox.transaction(async (em, owe) => {
      // Someone else's session is as unknown as one that never was.
      const session = await em.findOne(Session, { id, user: viewer.userId }, { fields: ['tokenHash'] });
      if (!session) throw notFound('Session');
      await em.nativeDelete(Session, { id });
      owe(owed.sessionsRevoked([session.tokenHash]));
    });
  }

  /** Ends all the viewer's sessions but this one; how many ended. */
  async endOthers(viewer: Viewer): Promise<number> {
    if (viewer.isBot) throw botHasNoSessionList();
    return this.outbox.transaction((em, owe) => endOtherSessions(em, owe, viewer));
  }
}
