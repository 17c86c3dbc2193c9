import { EventEmitter } from 'node:events';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { pino, type Logger } from 'pino';
import {
  AddReactionDocument,
  ChannelEventsDocument,
  DeleteMessageDocument,
  LatestMessageDocument,
  MeDocument,
  MyServersDocument,
  PinMessageDocument,
  PinnedMessagesDocument,
  MembersNamedDocument,
  RecentMessagesDocument,
  RemoveReactionDocument,
  SearchMessagesDocument,
  ServerSetupDocument,
  SendMessageDocument,
  ServerChangesDocument,
  SetAvatarDocument,
  TimeoutMemberDocument,
  UnpinMessageDocument,
  UpdateProfileDocument,
  type BotSelfFragment,
  type ChannelEventsSubscription,
  type ChannelEventsSubscriptionVariables,
  type MessageFieldsFragment,
  type Permission,
} from '../gql/graphql.js';
import type { BackoffOptions } from './backoff.js';
import { CommandRegistry, type CommandContext, type CommandHandler, type CommandOptions, type Message } from './command-registry.js';
import { toError } from './errors.js';
import { eventStream } from './event-stream.js';
import { GraphqlConnection, type ConnectionStatus } from './graphql-connection.js';
import { MEMBER_PAGE, memberPages } from './member-pages.js';
import { MemberPermissions } from './member-permissions.js';
import { RecentIds } from './recent-ids.js';
import { SendQueue } from './send-queue.js';
import { GraphqlVoiceSignalling } from '../voice/signalling.js';
import { VoiceConnection, type JoinOptions } from '../voice/voice-connection.js';

const REFRESH_EVERY_MS = 60_000;

export interface ClientOptions {
  /** The API's /graphql URL (http(s) or ws(s)). */
  url: string;
  /** The bot token from createBot / regenerateBotToken. */
  token: string;
  /** Command prefix; default "!". Mentioning the bot ("<@botId> ping") works too. */
  prefix?: string;
  logger?: Logger;
  backoff?: BackoffOptions;
  /** How long the API may stay silent before the connection is opened again (default 10 s; see GraphqlConnectionOptions). */
  answerTimeoutMs?: number;
}

export type BotUser = BotSelfFragment;

/** An avatar the API takes: its bytes (at most 192 KiB) and which of these images they are. */
export interface AvatarImage {
  bytes: Uint8Array;
  type: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
}

export type { Message };
/** What a command handler receives: the message, its parsed arguments, this client and `reply`. */
export type BotCommandContext = CommandContext<BotClient>;
export type BotCommandHandler = CommandHandler<BotClient>;

export interface ChannelInfo {
  id: string;
  serverId: string;
  name: string;
  type: 'TEXT' | 'VOICE';
  /** The bot's own permissions there. */
  permissions: readonly Permission[];
}

/** What the API's MessageReactionChanged carries, as the channel stream selects it. */
export type ReactionChange = Omit<
  Extract<ChannelEventsSubscription['channelEvents'], { __typename: 'MessageReactionChanged' }>,
  '__typename'
>;

export interface ClientEvents {
  ready: [me: BotUser];
  messageCreate: [message: Message];
  messageUpdate: [message: Message];
  messageDelete: [event: { channelId: string; messageId: string }];
  /** A member's reaction as it now is (`reacted`), and how many have reacted with the emoji. */
  reactionChange: [event: ReactionChange];
  /**
   * The API's event bus was away from this channel's stream: messages sent meanwhile were replayed as
   * messageCreate, but edits, deletions and reactions from `since` (an ISO time) on may never arrive.
   * Read again what the bot keeps of the channel (`recentMessages`).
   */
  eventsMissed: [event: { channelId: string; serverId: string; since: string }];
  /** Likewise for a server's events (channels, roles, members): the client has re-read its servers itself. */
  serverEventsMissed: [event: { serverId: string; since: string }];
  /** The connection's status; `reason` says why it was lost. */
  status: [status: ConnectionStatus, reason?: Error];
  /** A listener or command handler threw, or a channel stream failed. The client keeps running. */
  error: [error: Error];
  destroyed: [];
}

interface ChannelStream {
  variables: ChannelEventsSubscriptionVariables;
  stop: () => void;
}

/**
 * A connected bot: typed events (listeners or async iterators), commands, sends queued per
 * channel with rate-limit waits, and reconnects that resume every channel with `since`.
 */
export class BotClient {
  readonly logger: Logger;
  readonly connection: GraphqlConnection;
  readonly channels = new Map<string, ChannelInfo>();
  readonly prefix: string;
  private readonly emitter = new EventEmitter();
  private readonly streams = new Map<string, ChannelStream>();
  private readonly serverStreams = new Map<string, () => void>();
  private refreshTimer: NodeJS.Timeout | null = null;
  private refreshTimeout: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> = Promise.resolve();
  private readonly queue = new SendQueue();
  private readonly commands: CommandRegistry<BotClient>;
  private readonly memberPermissions: MemberPermissions;
  private self: BotUser | null = null;
  private destroyed = false;
  private readonly voiceConnections = new Set<VoiceConnection>();

  /** Voice: `client.voice.join(channelId)` returns the connection's state machine (see VoiceConnection). */
  readonly voice = {
    join: async (channelId: string, options: JoinOptions = {}): Promise<VoiceConnection> => {
      const connection = await VoiceConnection.join(new GraphqlVoiceSignalling(this.connection), channelId, options);
      this.voiceConnections.add(connection);
      return connection;
    },
  };

  constructor(options: ClientOptions) {
    this.logger = options.logger ?? pino({ name: 'bot', level: process.env.LOG_LEVEL ?? 'info' });
    this.prefix = options.prefix ?? '!';
    this.connection = new GraphqlConnection({
      url: options.url,
      authorization: `Bot ${options.token}`,
      backoff: options.backoff,
      answerTimeoutMs: options.answerTimeoutMs,
      onStatus: (status, reason) => {
        this.logger.info({ status, reason: reason?.message }, `connection ${status}`);
        this.emit('status', status, reason);
      },
    });
    this.memberPermissions = new MemberPermissions(this.connection);
    this.commands = new CommandRegistry<BotClient>(this);
    this.emitter.on('messageCreate', (message: Message) => void this.commands.dispatch(message));
  }

  /** The bot's own user; throws before `login`. */
  get user(): BotUser {
    if (!this.self) throw new Error('not logged in: await client.login() first');
    return this.self;
  }

  /** Authenticates, then follows every text channel the bot can see. Rejects when the token is refused. */
  async login(): Promise<BotUser> {
    const { me } = await this.connection.request(MeDocument, {});
    if (!me) throw new Error('the API did not accept the bot token');
    this.self = me;
    await this.followChannels();
    // Servers the bot was added to since: no event reaches a server it is not in yet.
    this.refreshTimer = setInterval(() => this.scheduleRefresh(), REFRESH_EVERY_MS).unref();
    this.logger.info({ botId: me.id, username: me.username, channels: this.streams.size }, `logged in as ${me.username}`);
    this.emit('ready', me);
    return me;
  }

  /** The bot's name wherever it appears (1-64 characters); members see it at once. */
  async setDisplayName(displayName: string): Promise<BotUser> {
    const { updateProfile } = await this.connection.request(UpdateProfileDocument, { displayName });
    return (this.self = updateProfile);
  }

  /** The bot's avatar (`user.avatarUrl` is then its path on the API's origin), or null to have none. */
  async setAvatar(image: AvatarImage | null): Promise<BotUser> {
    const dataUrl = image && `data:${image.type};base64,${Buffer.from(image.bytes).toString('base64')}`;
    const { setAvatar } = await this.connection.request(SetAvatarDocument, { image: dataUrl });
    return (this.self = setAvatar);
  }

  /** Re-reads the bot's servers and permissions, and follows channels it was given since login. */
  followChannels(): Promise<void> {
    this.refreshing = this.refreshing.catch(() => undefined).then(() => this.readServers());
    return this.refreshing;
  }

  /** Channel, role or member changes arrive in bursts: refresh once after them. */
  private scheduleRefresh(): void {
    if (this.destroyed || this.refreshTimeout) return;
    this.refreshTimeout = setTimeout(() => {
      this.refreshTimeout = null;
      this.followChannels().catch((error: unknown) => this.report(error, 'refresh'));
    }, 250);
  }

  private async readServers(): Promise<void> {
    if (this.destroyed) return;
    const { myServers } = await this.connection.request(MyServersDocument, {});
    const present = new Set<string>();
    for (const { id } of myServers) {
      const { server } = await this.connection.request(ServerSetupDocument, { serverId: id });
      if (!server) continue; // left or removed meanwhile
      this.memberPermissions.rememberServer(server);
      if (!this.serverStreams.has(server.id)) this.watchServer(server.id);
      for (const channel of server.channels) {
        present.add(channel.id);
        this.channels.set(channel.id, { ...channel, serverId: server.id, permissions: channel.myPermissions });
        if (channel.type === 'TEXT' && channel.myPermissions.includes('VIEW_CHANNEL') && !this.streams.has(channel.id)) {
          await this.follow(channel.id, channel.myPermissions.includes('READ_MESSAGE_HISTORY'));
        }
      }
    }
    // Gone since the last read, their events perhaps missed (a deletion, a removal from the server).
    for (const channelId of this.channels.keys()) if (!present.has(channelId)) this.forget(channelId);
  }

  private forget(channelId: string): void {
    this.streams.get(channelId)?.stop();
    this.streams.delete(channelId);
    this.channels.delete(channelId);
  }

  private watchServer(serverId: string): void {
    const stop = this.connection.subscribe(
      ServerChangesDocument,
      { serverId },
      {
        next: ({ serverEvents: event }) => {
          if (event.__typename === 'ChannelDeleted') this.forget(event.channelId);
          else if (event.__typename === 'ServerEventsMissed') {
            // Channels, roles or members may have changed unheard: read them all again.
            this.followChannels()
              .then(() => this.emit('serverEventsMissed', { serverId, since: event.since }))
              .catch((error: unknown) => this.report(error, 'refresh'));
          } else if (event.__typename !== 'PresenceUpdated' && event.__typename !== 'VoiceStateUpdated') this.scheduleRefresh();
        },
        error: () => this.serverStreams.delete(serverId),
        complete: () => this.serverStreams.delete(serverId),
      },
    );
    this.serverStreams.set(serverId, stop);
  }

  on<E extends keyof ClientEvents>(event: E, listener: (...args: ClientEvents[E]) => unknown): this {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  off<E extends keyof ClientEvents>(event: E, listener: (...args: ClientEvents[E]) => unknown): this {
    this.emitter.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** The same events as an async iterator, ending when `signal` aborts or the client is destroyed. */
  stream<E extends keyof ClientEvents>(event: E, options: { signal?: AbortSignal } = {}): AsyncIterableIterator<ClientEvents[E][0]> {
    return eventStream(this.emitter, event, 'destroyed', options.signal);
  }

  /** `!name args…` or `<@bot> name args…`; see CommandOptions for arguments and permissions. */
  command(name: string, handler: BotCommandHandler, options: CommandOptions = {}): this {
    this.commands.add(name, handler, options);
    return this;
  }

  /** Queued per channel, in order; waits out RATE_LIMITED and reconnects; rejects only on a final error. */
  send(channelId: string, content: string, options: { replyToId?: string } = {}): Promise<Message> {
    return this.queue.enqueue(channelId, async () => {
      const { sendMessage } = await this.connection.request(SendMessageDocument, {
        channelId,
        content,
        replyToId: options.replyToId ?? null,
      });
      return this.withServer(sendMessage);
    });
  }

  /** The bot's reaction (one fully-qualified emoji, e.g. '👍' or '❤️'); needs ADD_REACTIONS. */
  async react(messageId: string, emoji: string): Promise<void> {
    await this.connection.request(AddReactionDocument, { messageId, emoji });
  }

  /** Takes back the bot's reaction, or with `userId` (and MANAGE_MESSAGES) someone else's. */
  async removeReaction(messageId: string, emoji: string, userId?: string): Promise<void> {
    await this.connection.request(RemoveReactionDocument, { messageId, emoji, userId: userId ?? null });
  }

  /** Pins a message to its channel (MANAGE_MESSAGES; at most 50 a channel); heard as a messageUpdate with `pinnedAt`. */
  async pin(messageId: string): Promise<void> {
    await this.connection.request(PinMessageDocument, { messageId });
  }

  async unpin(messageId: string): Promise<void> {
    await this.connection.request(UnpinMessageDocument, { messageId });
  }

  /** The channel's pinned messages, latest pinned first (needs READ_MESSAGE_HISTORY). */
  async pinnedMessages(channelId: string): Promise<Message[]> {
    const { pinnedMessages } = await this.connection.request(PinnedMessagesDocument, { channelId });
    return pinnedMessages.map((message) => this.withServer(message));
  }

  /**
   * A server's messages matching `query`'s words (as a web search reads them; `from:<username>` and
   * `in:<channel>` among them narrow it), newest first, in the channels whose history the bot may
   * read; `before` pages on with the last id.
   */
  async searchMessages(
    serverId: string,
    query: string,
    options: { channelId?: string; authorId?: string; before?: string; limit?: number } = {},
  ): Promise<{ messages: Message[]; hasMore: boolean }> {
    const { searchMessages } = await this.connection.request(SearchMessagesDocument, {
      serverId,
      query,
      channelId: options.channelId ?? null,
      authorId: options.authorId ?? null,
      before: options.before ?? null,
      limit: options.limit ?? null,
    });
    return { messages: searchMessages.messages.map((message) => this.withServer(message)), hasMore: searchMessages.hasMore };
  }

  /** Up to `limit` (at most 100) of a channel's newest messages, or those before `before`; oldest first. */
  async recentMessages(
    channelId: string,
    options: { before?: string; limit?: number } = {},
  ): Promise<{ messages: Message[]; hasMoreBefore: boolean }> {
    const { messages } = await this.connection.request(RecentMessagesDocument, {
      channelId,
      before: options.before ?? null,
      limit: options.limit ?? 50,
    });
    return { messages: messages.messages.map((message) => this.withServer(message)), hasMoreBefore: messages.hasMoreBefore };
  }

  async deleteMessage(messageId: string): Promise<void> {
    await this.connection.request(DeleteMessageDocument, { messageId });
  }

  /** Times a member out for `seconds` (0 lifts it), with the reason in the audit log. */
  async timeout(serverId: string, userId: string, seconds: number, reason?: string): Promise<void> {
    await this.connection.request(TimeoutMemberDocument, { serverId, userId, seconds, reason: reason ?? null });
  }

  /** Any typed operation from src/gql. */
  request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData> {
    return this.connection.request(document, variables);
  }

  /**
   * The user id of the server's member with this username (any case), or null when none is: every
   * page of the members whose names hold it, so a word many names share still finds the exact one.
   */
  async memberIdByUsername(serverId: string, username: string): Promise<string | null> {
    const wanted = username.toLowerCase();
    const named = async (after: string | null) =>
      (await this.connection.request(MembersNamedDocument, { serverId, query: username, after, first: MEMBER_PAGE })).server?.members ?? [];
    for await (const page of memberPages(named)) {
      const member = page.find((m) => m.user.username === wanted);
      if (member) return member.user.id;
    }
    return null;
  }

  /** A member's server-wide permissions (roles, owner, ADMINISTRATOR), for command checks. */
  permissionsOf(serverId: string, userId: string): Promise<ReadonlySet<Permission>> {
    return this.memberPermissions.of(serverId, userId);
  }

  /** Waits (up to `timeoutMs`) for queued sends, then closes every stream and the connection. */
  async destroy({ timeoutMs = 5000 } = {}): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await Promise.race([this.queue.drain(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    this.queue.close();
    await Promise.all([...this.voiceConnections].map((c) => c.destroy()));
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    if (this.refreshTimeout) clearTimeout(this.refreshTimeout);
    for (const stream of this.streams.values()) stream.stop();
    this.streams.clear();
    for (const stop of this.serverStreams.values()) stop();
    this.serverStreams.clear();
    await this.connection.dispose();
    this.emit('destroyed');
    this.emitter.removeAllListeners();
  }

  /** Emits to each listener on its own: one that throws (or rejects) is reported, the others still run. */
  emit<E extends keyof ClientEvents>(event: E, ...args: ClientEvents[E]): void {
    for (const listener of this.emitter.listeners(event)) {
      try {
        const result = (listener as (...a: unknown[]) => unknown)(...args);
        if (result instanceof Promise) result.catch((error: unknown) => this.report(error, event));
      } catch (error) {
        this.report(error, event);
      }
    }
  }

  report(error: unknown, where: string): void {
    const err = toError(error);
    this.logger.error({ err, where }, `${where} failed: ${err.message}`);
    if (where !== 'error') this.emit('error', err);
  }

  private withServer(message: MessageFieldsFragment): Message {
    return { ...message, serverId: this.channels.get(message.channel.id)?.serverId ?? '' };
  }

  /**
   * Follows one channel from its newest message: every later message arrives once across reconnects,
   * because `since` in the re-sent payload holds the newest id handled, and replays are skipped by id.
   */
  private async follow(channelId: string, canReadHistory: boolean): Promise<void> {
    let since: string | null = null;
    if (canReadHistory) {
      const { messages } = await this.connection.request(LatestMessageDocument, { channelId });
      since = messages.messages.at(-1)?.id ?? '0';
    }
    const variables: ChannelEventsSubscriptionVariables = { channelId, since };
    // Concurrent senders' messages can arrive slightly out of id order, so "id <= since" would drop a
    // late one: a replayed message is recognised by its id instead.
    const seen = new RecentIds();
    const stop = this.connection.subscribe(ChannelEventsDocument, variables, {
      next: ({ channelEvents: event }) => {
        if (event.__typename === 'MessageCreated') {
          if (!seen.add(event.message.id)) return; // replayed after a reconnect: already handled
          if (canReadHistory && (!variables.since || BigInt(event.message.id) > BigInt(variables.since)))
            variables.since = event.message.id;
          this.emit('messageCreate', this.withServer(event.message));
        } else if (event.__typename === 'MessageUpdated') this.emit('messageUpdate', this.withServer(event.message));
        else if (event.__typename === 'MessageDeleted')
          this.emit('messageDelete', { channelId: event.channelId, messageId: event.messageId });
        else if (event.__typename === 'MessageReactionChanged') {
          const { __typename, ...change } = event;
          this.emit('reactionChange', change);
        } else if (event.__typename === 'EventsMissed') {
          const serverId = this.channels.get(channelId)?.serverId ?? '';
          this.emit('eventsMissed', { channelId, serverId, since: event.since });
        }
      },
      error: (error) => {
        this.streams.delete(channelId);
        if (!this.destroyed) this.report(error, `channel ${channelId}`);
      },
      complete: () => this.streams.delete(channelId),
    });
    this.streams.set(channelId, { variables, stop });
  }
}

export function createClient(options: ClientOptions): BotClient {
  return new BotClient(options);
}
