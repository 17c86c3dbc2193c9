import type { AccessService } from '../features/access/access.service.js';
import type { EventBus } from '../kernel/pubsub/event-bus.js';
import { REPLAY_MARGIN_MS, RecentMessageIds } from './recent-messages.js';
import { Topic, type AccessMarker, type ChannelEventPayload } from './topics.js';

/** A live stream of one channel: its room hands it every event, and the subscriber connection's loss and return. */
export interface RoomStream {
  receive(event: ChannelEventPayload): void;
  /** The subscriber connection is gone: events published from `since` on may never arrive. */
  lost(since: Date): void;
  /** It is back and subscribed again: what was published meanwhile must be replayed. */
  resubscribed(): void;
}

type MissedEvent = Extract<ChannelEventPayload, { type: 'EventsMissed' }>;

/** One channel's streams on this process, behind one bus listener, and the message ids it received. */
export class ChannelRoom {
  readonly recent: RecentMessageIds;
  readonly streams = new Set<RoomStream>();
  /** Settles once Redis confirmed the subscription; its value stops listening. */
  readonly listening: Promise<() => void>;

  constructor(
    readonly channelId: string,
    bus: EventBus,
    private readonly access: AccessService,
    keep: number,
  ) {
    this.recent = new RecentMessageIds(keep);
    this.listening = bus.listen(Topic.channel(channelId), (event) => this.receive(event));
  }

  private lastMissed: MissedEvent | null = null;

  /** What streams tell subscribers after a gap that began at `since`; the same object for the same gap. */
  missed(since: Date): MissedEvent {
    if (this.lastMissed?.since !== since) this.lastMissed = { type: 'EventsMissed', channelId: this.channelId, since };
    return this.lastMissed;
  }

  private receive(event: ChannelEventPayload | AccessMarker): void {
    // A cluster's copy of an access change: the streams it concerns hold what follows until re-checked.
    if (event.type === 'ACCESS') return this.access.received(event.invalidation);
    // Announced twice (a PUBLISH that timed out yet reached Redis, then the outbox's copy): once is enough.
    if (event.type === 'MessageCreated' && !this.recent.record(event.message.id)) return;
    for (const stream of this.streams) stream.receive(event);
  }
}

/**
 * The channel rooms of this process: a channel with 1,000 local subscribers has one bus listener,
 * records each message id once and hands each event to its streams in one loop, and a stream is
 * an entry in a set rather than a listener closure of its own.
 */
export class ChannelRooms {
  private readonly rooms = new Map<string, ChannelRoom>();

  /** `keep`: message ids remembered per room, more than a channel receives within REPLAY_MARGIN_MS. */
  constructor(
    private readonly bus: EventBus,
    private readonly access: AccessService,
    private readonly keep = 5000,
  ) {
    bus.onLost(() => {
      // One date for every stream, so their EventsMissed is one object (ChannelRoom.missed): one execution per view.
      const since = new Date(Date.now() - REPLAY_MARGIN_MS);
      this.each((stream) => stream.lost(since));
    });
    bus.onResubscribed(() => this.each((stream) => stream.resubscribed()));
  }

  /** Joins the channel's room; resolves once its Redis subscription is confirmed. */
  async join(channelId: string, stream: RoomStream): Promise<ChannelRoom> {
    let room = this.rooms.get(channelId);
    if (!room) {
      room = new ChannelRoom(channelId, this.bus, this.access, this.keep);
      this.rooms.set(channelId, room);
    }
    room.streams.add(stream);
    try {
      await room.listening;
    } catch (error) {
      this.leave(room, stream);
      throw error;
    }
    return room;
  }

  leave(room: ChannelRoom, stream: RoomStream): void {
    if (!room.streams.delete(stream) || room.streams.size > 0) return;
    if (this.rooms.get(room.channelId) === room) this.rooms.delete(room.channelId);
    room.listening.then(
      (stopListening) => stopListening(),
      () => undefined,
    );
  }

  /** Rooms, each one bus listener. */
  get roomCount(): number {
    return this.rooms.size;
  }

  /** Streams in every room. */
  get streamCount(): number {
    let total = 0;
    for (const room of this.rooms.values()) total += room.streams.size;
    return total;
  }

  private each(call: (stream: RoomStream) => void): void {
    for (const room of [...this.rooms.values()]) for (const stream of [...room.streams]) call(stream);
  }
}

/** Live subscriptions in this process: the bus's listeners, a channel room counted by its streams rather than its one listener. */
export const liveSubscriptions = ({ bus, channelRooms }: { bus: EventBus; channelRooms: ChannelRooms }): number =>
  bus.listenerCount() - channelRooms.roomCount + channelRooms.streamCount;
