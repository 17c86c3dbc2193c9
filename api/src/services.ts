import { once } from 'node:events';
import type { Logger } from 'pino';
import type { ApiConfig } from './kernel/config/config.js';
import { createOrm, type Orm } from './kernel/db/orm.js';
import { useWorkerId, MAX_WORKER_ID } from './kernel/ids/snowflake.js';
import { EventBus } from './kernel/pubsub/event-bus.js';
import { redisKeys, type RedisKeys } from './kernel/redis/keys.js';
import { createRedis, isCluster, type RedisClient } from './kernel/redis/redis.js';
import { SlidingWindowLimiter } from './kernel/redis/sliding-window.js';
import { EventPublisher } from './realtime/topics.js';
import { Outbox } from './outbox/outbox.js';
import { ChannelRooms } from './realtime/channel-rooms.js';
import { JobQueues } from './jobs/job-queues.js';
import { entities } from './features/entities.js';
import { AccessLoader } from './features/access/access.loader.js';
import { AccessService } from './features/access/access.service.js';
import { AuditService } from './features/audit/audit.service.js';
import { AuthService } from './features/auth/auth.service.js';
import { BotsService } from './features/bots/bots.service.js';
import { SessionCache } from './features/auth/session-cache.js';
import { SessionActivity } from './features/auth/session-activity.js';
import { AccountSessionsService } from './features/auth/account-sessions.js';
import { ChannelsService } from './features/channels/channels.service.js';
import { InvitesService } from './features/invites/invites.service.js';
import { MembersService } from './features/members/members.service.js';
import { MessageRateLimit } from './features/messages/message-rate-limit.js';
import { DemoLoginService } from './features/auth/demo-login.js';
import { PinsService } from './features/pins/pins.service.js';
import { ReactionsService } from './features/reactions/reactions.service.js';
import { SearchService } from './features/search/search.service.js';
import { MessagesService } from './features/messages/messages.service.js';
import { ReadStatesService } from './features/read-states/read-states.service.js';
import { ExplainService } from './features/explain/explain.service.js';
import { AuditFeed } from './features/audit/audit-feed.js';
import { OwnershipService } from './features/servers/ownership.service.js';
import { BotManagementService } from './features/bots/bot-management.service.js';
import { ModerationQueueService } from './features/moderation-queue/moderation-queue.service.js';
import { PgNotifications } from './kernel/db/notifications.js';
import { EscalationService } from './features/moderation/escalation.service.js';
import { ModerationService } from './features/moderation/moderation.service.js';
import { PresenceService } from './features/presence/presence.service.js';
import { HereMentions } from './features/messages/here-mentions.js';
import { RolesService } from './features/roles/roles.service.js';
import { ServersService } from './features/servers/servers.service.js';
import { UsersService } from './features/users/users.service.js';
import { VoiceService } from './features/voice/voice.service.js';

/** The whole domain, wired once per process; resolvers, workers and tests all use this. */
export interface Services {
  config: ApiConfig;
  logger: Logger;
  orm: Orm;
  redis: RedisClient;
  keys: RedisKeys;
  bus: EventBus;
  events: EventPublisher;
  outbox: Outbox;
  channelRooms: ChannelRooms;
  limiter: SlidingWindowLimiter;
  access: AccessService;
  audit: AuditService;
  auth: AuthService;
  accountSessions: AccountSessionsService;
  users: UsersService;
  servers: ServersService;
  roles: RolesService;
  channels: ChannelsService;
  members: MembersService;
  invites: InvitesService;
  moderation: ModerationService;
  escalation: EscalationService;
  voice: VoiceService;
  bots: BotsService;
  presence: PresenceService;
  messages: MessagesService;
  reactions: ReactionsService;
  pins: PinsService;
  search: SearchService;
  readStates: ReadStatesService;
  demoLogin: DemoLoginService;
  explain: ExplainService;
  auditFeed: AuditFeed;
  moderationQueue: ModerationQueueService;
  botManagement: BotManagementService;
  ownership: OwnershipService;
  jobs: JobQueues;
  close(): Promise<void>;
}

export async function createServices(config: ApiConfig, logger: Logger): Promise<Services> {
  const orm = await createOrm(config.DATABASE_URL, entities, config.DATABASE_ANSWER_TIMEOUT_MS);
  const redis = createRedis(config, 'rashigo-commands');
  const subscriber = createRedis(config, 'rashigo-events', { subscriber: true });
  // ioredis's ready check must finish before the first SUBSCRIBE (subscriber mode allows no INFO).
  if (subscriber.status !== 'ready') await once(subscriber, 'ready');
  const keys = redisKeys(config.REDIS_KEY_PREFIX);
  // Each process leases its own snowflake worker id from the database, so two processes' ids never collide.
  const [lease] = await orm.em.fork().execute<{ id: string }[]>("select nextval('snowflake_worker_seq') as id");
  useWorkerId(Number(BigInt(lease!.id) % BigInt(MAX_WORKER_ID + 1)));

  const bus = new EventBus(redis, subscriber, keys.eventChannel);
  const events = new EventPublisher(bus);
  const limiter = new SlidingWindowLimiter(redis);
  const access = new AccessService(new AccessLoader(orm), bus, {
    ttlMs: config.ACCESS_CACHE_TTL_SECONDS * 1000,
    maxEntries: config.ACCESS_CACHE_MAX_ENTRIES,
  });
  const audit = new AuditService(orm);
  const outbox = new Outbox(orm, logger.child({ component: 'outbox' }));
  const notifications = new PgNotifications(config.DATABASE_URL, config.DATABASE_ANSWER_TIMEOUT_MS);
  const auth = new AuthService(
    orm,
    bus,
    limiter,
    keys,
    new SessionCache(config.SESSION_CACHE_SECONDS * 1000),
    config.AUTH_RATE_LIMIT_PER_MINUTE,
    outbox,
    new SessionActivity(orm),
  );
  const invites = new InvitesService(orm, access, audit);
  const servers = new ServersService(orm, audit, outbox);
  const members = new MembersService(orm, access, audit, outbox, invites);
  const users = new UsersService(orm, outbox, bus);
  const jobs = new JobQueues(config, keys.bullPrefix(isCluster(redis)));
  const presence = new PresenceService(redis, keys, orm, jobs, users, events, outbox, {
    timeoutMs: config.PRESENCE_TIMEOUT_SECONDS * 1000,
    graceMs: config.PRESENCE_GRACE_SECONDS * 1000,
  });
  const messages = new MessagesService(
    orm,
    redis,
    keys,
    new MessageRateLimit(limiter, keys),
    jobs,
    users,
    audit,
    events,
    outbox,
    new HereMentions(orm, access, presence),
    config.MESSAGE_COMMIT,
  );
  const reactions = new ReactionsService(orm, events, outbox, limiter, keys);
  const pins = new PinsService(orm, outbox, audit);
  const search = new SearchService(orm, access, limiter, keys);
  const voice = new VoiceService(redis, keys, orm, bus, access, audit, events, {
    stunUrls: config.STUN_URLS,
    turnUrls: config.TURN_URLS,
    turnSecret: config.TURN_SECRET,
    credentialTtlSeconds: config.TURN_CREDENTIAL_TTL_SECONDS,
  });
  // Whoever changes permissions also ends the voice sessions they no longer allow.
  access.onChange((serverId, userId) => voice.revalidate(serverId, userId));
  presence.onOffline((userId) => voice.endAllForUser(userId));
  const moderation = new ModerationService(orm, access, audit, events, members, jobs, outbox);
  outbox.handle({
    access: ({ invalidation }) => access.invalidate(invalidation.serverId, invalidation.userId),
    'server-event': ({ serverId, event }) => events.server(serverId, event),
    'channel-event': ({ channelId, event }) => events.channel(channelId, event),
    'message-updated': ({ messageId }) => messages.announceUpdated(messageId),
    'reaction-changed': ({ messageId, emoji, userId }) => reactions.announce(messageId, emoji, userId),
    'presence-chosen': ({ userId }) => presence.applyChosen(userId),
    'sessions-revoked': ({ tokenHashes }) => auth.announceRevoked(tokenHashes),
    'user-changed': ({ userId }) => users.announceChanged(userId),
  });
  await Promise.all([access.start(), auth.start(), users.start()]);

  return {
    config,
    logger,
    orm,
    redis,
    keys,
    bus,
    events,
    outbox,
    // After access.start(): a resubscription drops the access caches before streams replay.
    channelRooms: new ChannelRooms(bus, access),
    limiter,
    access,
    audit,
    auth,
    accountSessions: new AccountSessionsService(orm, outbox),
    users,
    servers,
    roles: new RolesService(orm, access, audit, outbox),
    channels: new ChannelsService(orm, access, audit, outbox),
    members,
    invites,
    moderation,
    escalation: new EscalationService(redis, keys, access, moderation),
    voice,
    bots: new BotsService(orm, auth, audit, outbox),
    presence,
    messages,
    reactions,
    pins,
    search,
    readStates: new ReadStatesService(orm, access),
    demoLogin: new DemoLoginService(orm),
    explain: new ExplainService(access),
    auditFeed: new AuditFeed(notifications, audit),
    moderationQueue: new ModerationQueueService(orm, audit),
    botManagement: new BotManagementService(orm),
    ownership: new OwnershipService(audit, outbox),
    jobs,
    async close() {
      outbox.stop();
      await jobs.close();
      await notifications.close();
      subscriber.disconnect();
      await redis.quit();
      await orm.close();
    },
  };
}
