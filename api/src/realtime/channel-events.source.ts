import { hasPermission } from '../permissions/bits.js';
import { badInput, forbidden } from '../kernel/errors/app-error.js';
import { compareSnowflakes, isSnowflake, snowflakeAt, snowflakeTime } from '../kernel/ids/snowflake.js';
import type { AccessWatcher } from '../features/access/access.service.js';
import type { Viewer } from '../features/auth/viewer.js';
import { pushFeed, type FeedSink, type PushFeed, type Stoppable } from '../graphql/push-feed.js';
import type { Services } from '../services.js';
import type { ChannelRoom, RoomStream } from './channel-rooms.js';
import { REPLAY_MARGIN_MS } from './recent-messages.js';
import type { ChannelEventPayload } from './topics.js';

/**
 * channelEvents(channelId, since): listen first, then replay from Postgres, then the live events
 * that arrived meanwhile minus the replayed ones — no gap, no duplicate. Access is re-checked
 * whenever it may have changed (the access cache announces it before any later event): live events
 * wait meanwhile, and a member who can no longer see the channel is cut off at once.
 */
export async function channelEventSource(
  services: Services,
  viewer: Viewer,
  channelId: string,
  since: string | null,
): Promise<PushFeed<ChannelEventPayload>> {
  if (since != null && !isSnowflake(since)) throw badInput('since', 'must be a message id');
  const initial = await services.access.channel(channelId, viewer.userId);
  if (since != null && !hasPermission(initial.channelPermissions, 'READ_MESSAGE_HISTORY')) throw forbidden('READ_MESSAGE_HISTORY');
  const view = services.access.permissionView(initial);
  const stream = new ChannelEventStream(services, viewer.userId, channelId, initial.server.id, since);
  return pushFeed((sink) => stream.start(sink, view));
}

/**
 * One subscriber's stream: an object with fields rather than a web of closures, since a process
 * holds one per subscriber (thousands), and its room calls it for every event.
 */
class ChannelEventStream implements RoomStream, AccessWatcher, Stoppable {
  private sink!: FeedSink<ChannelEventPayload>;
  private room: ChannelRoom | null = null;
  private stopped = false;
  /** Counts access re-checks: only the latest one's answer counts. */
  private checks = 0;
  /**
   * Live events that arrive during a replay (or after a gap, until it is replayed) wait here, so
   * replayed ones can be left out.
   */
  private early: ChannelEventPayload[] | null;
  /**
   * The latest message handed on (by id): a replay after a gap starts REPLAY_MARGIN_MS before it.
   * A stream without `since` starts at its subscription.
   */
  private lastId: string;
  /**
   * A message committed before a replay read it but published after the replay ended would come
   * twice: the newest replayed ids (the only ones that can still be in flight) are left out live too.
   * Made by the first replay: most streams never replay, and an idle stream should hold little.
   */
  private inFlight: Set<string> | null = null;
  /**
   * Replayed ids, kept (back to REPLAY_MARGIN_MS before the last id) from one gap to the next: left
   * out of `early` when it is let go, and not replayed twice.
   */
  private replayed: Set<string> | null = null;
  private replaying = false;
  private gap = false;
  /**
   * When the earliest gap not yet made up for began: replays make up for new messages, but edits,
   * deletions and reactions published meanwhile are gone, so the subscriber hears EventsMissed.
   */
  private missedSince: Date | null = null;

  constructor(
    private readonly services: Services,
    readonly userId: string,
    private readonly channelId: string,
    private readonly serverId: string,
    since: string | null,
  ) {
    this.early = since == null ? null : [];
    this.lastId = since ?? snowflakeAt(new Date());
  }

  async start(sink: FeedSink<ChannelEventPayload>, view: string): Promise<Stoppable> {
    this.sink = sink;
    sink.setView(view);
    this.services.access.watch(this.serverId, this);
    try {
      this.room = await this.services.channelRooms.join(this.channelId, this);
      if (this.early) await this.replay(false);
    } catch (error) {
      this.stop();
      throw error;
    }
    return this;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.services.access.unwatch(this.serverId, this);
    if (this.room) this.services.channelRooms.leave(this.room, this);
  }

  receive(event: ChannelEventPayload): void {
    const { sink } = this;
    // END: the channel is gone; what was still queued for this subscriber is moot.
    if (event.type === 'END') sink.end();
    else if (this.early) this.early.push(event);
    else if (event.type !== 'MessageCreated') sink.push(event);
    else if (!this.inFlight?.delete(event.message.id)) {
      this.lastId = later(this.lastId, event.message.id);
      sink.push(event);
    }
  }

  /** Access may have changed: live events wait until it is known, and a refusal ends the stream. */
  accessChanged(): void {
    const check = (this.checks += 1);
    this.sink.hold();
    this.services.access.channel(this.channelId, this.userId).then(
      (access) => {
        if (check !== this.checks) return;
        this.sink.setView(this.services.access.permissionView(access));
        this.sink.resume();
      },
      () => this.sink.end(),
    );
  }

  /**
   * Events published while this process's subscriber was away reach no listener: from the loss on,
   * live events wait, and once it is back the stream replays from its last message, then goes on live.
   */
  lost(since: Date): void {
    this.gap = true;
    this.early ??= [];
    this.missedSince ??= since;
  }

  resubscribed(): void {
    // Still joining: `start` replays what `lost` kept waiting.
    if (this.room && !this.replaying) this.replay(true).catch(() => this.sink.end());
  }

  /**
   * Replays, then what waited in `early` minus the replayed; again if a gap opened meanwhile. The
   * first replay of a `since` stream starts there; after a gap a stream starts REPLAY_MARGIN_MS
   * before its last id (two processes' ids interleave) and leaves out what this process received.
   */
  private async replay(afterGap: boolean): Promise<void> {
    const { sink, services, channelId } = this;
    this.replaying = true;
    const replayed = (this.replayed ??= new Set());
    const inFlight = (this.inFlight ??= new Set());
    try {
      do {
        this.gap = false;
        const delivered = this.lastId;
        const from = afterGap ? marginBefore(delivered) : delivered;
        let previousPage: string[] = [];
        let lastPage: string[] = [];
        for await (const page of services.messages.messagesAfter(channelId, from)) {
          previousPage = lastPage;
          lastPage = page.map((message) => message.id);
          for (const message of page) {
            // Delivered before the gap, or waiting in `early`.
            if (afterGap && later(delivered, message.id) === delivered && this.room?.recent.has(message.id)) continue;
            if (replayed.has(message.id)) continue;
            replayed.add(message.id);
            this.lastId = later(this.lastId, message.id);
            sink.push({ type: 'MessageCreated', message });
          }
        }
        afterGap = true;
        // Lost again during the replay: keep waiting (in `early`) until the subscriber is back.
        if (this.gap && !services.bus.isConnected) return;
        if (this.gap) continue;
        const waited = this.early ?? [];
        this.early = null;
        if (this.missedSince && this.room) {
          sink.push(this.room.missed(this.missedSince));
          this.missedSince = null;
        }
        for (const event of waited) {
          if (event.type !== 'MessageCreated') sink.push(event);
          else if (!replayed.has(event.message.id)) {
            this.lastId = later(this.lastId, event.message.id);
            sink.push(event);
          }
        }
        const arrived = new Set(waited.flatMap((e) => (e.type === 'MessageCreated' ? [e.message.id] : [])));
        for (const id of [...previousPage, ...lastPage]) if (!arrived.has(id)) inFlight.add(id);
        // Older ones cannot be replayed again: the next gap's replay starts after them.
        const keepFrom = marginBefore(this.lastId);
        for (const id of replayed) if (later(keepFrom, id) === keepFrom) replayed.delete(id);
      } while (this.gap);
    } finally {
      this.replaying = false;
    }
  }
}

/** The later of two snowflake ids (decimal strings): no allocation, as it runs per live event. */
const later = (a: string, b: string): string => (compareSnowflakes(b, a) > 0 ? b : a);

const marginBefore = (id: string): string => snowflakeAt(new Date(snowflakeTime(id).getTime() - REPLAY_MARGIN_MS));
