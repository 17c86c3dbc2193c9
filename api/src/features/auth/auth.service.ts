import { hash, verify } from '@node-rs/argon2';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { Orm, EntityManager } from '../../kernel/db/orm.js';
import type { EventBus } from '../../kernel/pubsub/event-bus.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox } from '../../outbox/outbox.js';
import { Topic } from '../../realtime/topics.js';
import type { RedisKeys } from '../../kernel/redis/keys.js';
import type { SlidingWindowLimiter } from '../../kernel/redis/sliding-window.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { User } from '../users/user.entity.js';
import { toUserView, type UserView } from '../users/user.view.js';
import { botHasNoPassword, invalidCredentials, tooManyAttempts, usernameTaken, wrongCurrentPassword } from './auth.errors.js';
import { changePasswordSchema, loginSchema, registerSchema } from './auth.inputs.js';
import { endOtherSessions } from './account-sessions.js';
import type { SessionActivity } from './session-activity.js';
import type { SessionCache } from './session-cache.js';
import { Session, SessionKind } from './session.entity.js';
import { hashToken, newToken, parseAuthorization } from './tokens.js';
import type { Viewer } from './viewer.js';

export interface AuthResult {
  token: string;
  user: UserView;
}

// Argon2id, OWASP's second recommended profile (19 MiB, 2 passes).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
// Verified when the username is unknown, so timing does not reveal which usernames exist.
const DUMMY_HASH_PROMISE = hash('not-a-real-password', ARGON2_OPTIONS);

export class AuthService {
  constructor(
    private readonly orm: Orm,
    private readonly bus: EventBus,
    private readonly limiter: SlidingWindowLimiter,
    private readonly keys: RedisKeys,
    private readonly cache: SessionCache,
    private readonly attemptsPerMinute: number,
    private readonly outbox: Outbox,
    private readonly activity: SessionActivity,
  ) {}

  private readonly revokedListeners: ((tokenHash: string) => void)[] = [];

  async start(): Promise<void> {
    await this.bus.listen(Topic.sessionRevocation, (tokenHashes) => this.revoked(tokenHashes));
    // A revocation sent while this process was not subscribed is lost: resolve every session afresh.
    this.bus.onResubscribed(() => this.cache.clear());
  }

  private revoked(tokenHashes: readonly string[]): void {
    for (const tokenHash of tokenHashes) {
      this.cache.evict(tokenHash);
      for (const listener of this.revokedListeners) listener(tokenHash);
    }
  }

  /**
   * After the subscriber came back: of these sessions (the ones this process holds open), those
   * that ended meanwhile are revoked here as their announcement would have done.
   */
  async revokeEnded(tokenHashes: readonly string[]): Promise<void> {
    if (tokenHashes.length === 0) return;
    const live = await this.orm.em.fork().find(Session, { tokenHash: { $in: [...tokenHashes] } }, { fields: ['tokenHash'] });
    const alive = new Set(live.map((s) => s.tokenHash));
    this.revoked(tokenHashes.filter((tokenHash) => !alive.has(tokenHash)));
  }

  /** Called on every process for each session that ended anywhere (to close its sockets). */
  onRevoked(listener: (tokenHash: string) => void): void {
    this.revokedListeners.push(listener);
  }

  /** `userAgent`: what the new session records as its client (the account's session list). */
  async register(ip: string, userAgent: string | null, input: unknown): Promise<AuthResult> {
    const { username, password, displayName } = parseInput(registerSchema, input);
    await this.throttle(ip, username);
    const user = new User();
    user.username = username;
    user.displayName = displayName ?? username;
    user.passwordHash = await hash(password, ARGON2_OPTIONS);
    const em = this.orm.em.fork();
    try {
      return await em.transactional(async (tx) => {
        tx.persist(user);
        await tx.flush();
        return { token: await this.createSession(tx, user.id, SessionKind.User, userAgent), user: toUserView(user) };
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw usernameTaken();
      throw error;
    }
  }

  async login(ip: string, userAgent: string | null, input: unknown): Promise<AuthResult> {
    const { username, password } = parseInput(loginSchema, input);
    await this.throttle(ip, username);
    const em = this.orm.em.fork();
    const user = await em.findOne(User, { username, isBot: false });
    const valid = await verify(user?.passwordHash ?? (await DUMMY_HASH_PROMISE), password);
    if (!user || !valid) throw invalidCredentials();
    return { token: await this.createSession(em, user.id, SessionKind.User, userAgent), user: toUserView(user) };
  }

  async logout(viewer: Viewer): Promise<void> {
    await this.outbox.transaction(async (em, owe) => {
      await em.nativeDelete(Session, { id: viewer.sessionId });
      owe(owed.sessionsRevoked([viewer.tokenHash]));
    });
  }

  /**
   * A person's new password, given the current one (throttled as sign-ins are: it is a guess at a
   * password too). Every other session of theirs ends, everywhere; the one that asked stays.
   */
  async changePassword(viewer: Viewer, ip: string, input: unknown): Promise<void> {
    if (viewer.isBot) throw botHasNoPassword();
    const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
    const user = await this.orm.em.fork().findOneOrFail(User, { id: viewer.userId });
    await this.throttle(ip, user.username);
    if (!user.passwordHash || !(await verify(user.passwordHash, currentPassword))) throw wrongCurrentPassword();
    const passwordHash = await hash(newPassword, ARGON2_OPTIONS);
    await this.outbox.transaction(async (em, owe) => {
      await em.nativeUpdate(User, { id: user.id }, { passwordHash });
      await endOtherSessions(em, owe, viewer);
    });
  }

  /** Resolves an Authorization value to a viewer; null when absent, malformed, unknown or revoked. */
  async authenticate(authorization: string | undefined | null): Promise<Viewer | null> {
    const credential = parseAuthorization(authorization);
    if (!credential) return null;
    const tokenHash = hashToken(credential.token);
    const cached = this.cache.get(tokenHash);
    if (cached) void this.activity.touch(cached.sessionId);
    if (cached !== undefined) return cached && (credential.scheme === 'Bot') === cached.isBot ? cached : null;
    const session = await this.orm.em.fork().findOne(Session, { tokenHash });
    const viewer: Viewer | null = session
      ? { userId: session.user, sessionId: session.id, tokenHash, isBot: session.kind === SessionKind.Bot }
      : null;
    this.cache.set(tokenHash, viewer);
    if (viewer) void this.activity.touch(viewer.sessionId);
    return viewer && (credential.scheme === 'Bot') === viewer.isBot ? viewer : null;
  }

  /** Issues a new token for a user or bot within the caller's transaction. */
  async createSession(em: EntityManager, userId: string, kind: SessionKind, client: string | null = null): Promise<string> {
    const token = newToken();
    const session = new Session();
    session.user = userId;
    session.kind = kind;
    session.client = client;
    session.tokenHash = hashToken(token);
    em.persist(session);
    await em.flush();
    return token;
  }

  /** Ends every session of a user (bot token regeneration), everywhere. */
  async revokeAllSessions(em: EntityManager, userId: string): Promise<string[]> {
    const sessions = await em.find(Session, { user: userId });
    await em.nativeDelete(Session, { user: userId });
    return sessions.map((s) => s.tokenHash);
  }

  async announceRevoked(tokenHashes: string[]): Promise<void> {
    if (tokenHashes.length === 0) return;
    for (const tokenHash of tokenHashes) this.cache.evict(tokenHash);
    await this.bus.publish(Topic.sessionRevocation, tokenHashes);
  }

  private async throttle(ip: string, username: string): Promise<void> {
    const windowMs = 60_000;
    const verdict = await this.limiter.consume([
      { key: this.keys.authAttemptsByIp(ip), limit: this.attemptsPerMinute, windowMs },
      { key: this.keys.authAttemptsByUsername(username), limit: this.attemptsPerMinute, windowMs },
    ]);
    if (!verdict.allowed) throw tooManyAttempts(verdict.retryAfterMs);
  }
}
