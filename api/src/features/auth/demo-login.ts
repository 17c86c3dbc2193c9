import { verify } from '@node-rs/argon2';
import type { Orm } from '../../kernel/db/orm.js';
import { User } from '../users/user.entity.js';

/** The first-run demo login `npm start` seeds (seed.ts); its password is public, printed by the seed and README. */
export const DEMO_LOGIN = { username: 'demo', password: 'rashigo-demo', displayName: 'Demo User' } as const;

/** How long an answer is reused: the check verifies a password hash, which is deliberately slow. */
const CACHE_MS = 60_000;

/**
 * Whether the sign-in page may offer the demo login: the seed created it and its password is still
 * the public one (an operator who changed it, or never seeded, gets no offer).
 */
export class DemoLoginService {
  private cached: { at: number; available: boolean } | undefined;

  constructor(private readonly orm: Orm) {}

  async available(now = Date.now()): Promise<boolean> {
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.available;
    const user = await this.orm.em.fork().findOne(User, { username: DEMO_LOGIN.username });
    const available = user?.passwordHash ? await verify(user.passwordHash, DEMO_LOGIN.password) : false;
    this.cached = { at: now, available };
    return available;
  }
}
