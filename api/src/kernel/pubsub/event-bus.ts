import { Command, type Redis } from 'ioredis';
import { isCluster, type RedisClient } from '../redis/redis.js';

/** A pub/sub topic and, for TypeScript only, the payload it carries. Topics are declared in realtime/topics.ts. */
export interface Topic<P> {
  readonly name: string;
  readonly payload?: P;
}

type Listener = (payload: unknown) => void;

/**
 * Process-wide fan-in from Redis pub/sub: one SUBSCRIBE per topic however many local listeners,
 * and each message is parsed once and handed to every listener (serialise once, deliver many).
 * Every API instance publishes through Redis, so two instances on one Redis behave as one.
 * Ordering: messages published on one connection arrive in order on the subscriber connection.
 *
 * On a Redis Cluster the same calls go over sharded pub/sub (SPUBLISH/SSUBSCRIBE): a topic's
 * messages touch only the node of its channel's slot, and stay in order per topic. Two topics may
 * live on two nodes, so their relative order is not kept there.
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly subscribed = new Map<string, Promise<unknown>>();

  private readonly sharded: boolean;
  private readonly resubscribedListeners = new Set<() => void>();
  private readonly lostListeners = new Set<() => void>();
  /** False from the subscriber connection's loss until its subscriptions are confirmed again. */
  private connected = true;
  /** Counts losses, so a resubscription overtaken by another loss announces nothing. */
  private losses = 0;
  /**
   * Channel and message, in turn, of what Redis sent since the last hand-on: under load the
   * subscriber connection reads many messages in one chunk, and they are handed on together.
   */
  private received: string[] = [];
  private batch: ((deliver: () => void) => void) | null = null;
  /** A fence's PING sent and not yet answered, and the next one, shared by every fence asked for meanwhile. */
  private pinging: Promise<boolean> | null = null;
  private nextPing: Promise<boolean> | null = null;

  /** `subscriber` must be ready already: every later 'ready' is a reconnect. */
  constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly channelName: (topic: string) => string,
  ) {
    this.sharded = isCluster(subscriber);
    subscriber.on('close', () => this.lost());
    if (this.sharded) {
      // A cluster's sharded subscribers (ioredis-internal, one connection per shard) come and go on
      // their own, unseen by 'close'/'ready': a shard's connection replaced is a gap, and ioredis
      // announces the new set once it has re-sent their subscriptions.
      subscriber.on('-subscriber', () => this.lost());
      subscriber.on('subscribersReady', () => void this.resubscribed());
    } else subscriber.on('ready', () => void this.resubscribed());
    subscriber.on(this.sharded ? 'smessage' : 'message', (channel: string, message: string) => {
      if (this.received.push(channel, message) === 2) process.nextTick(this.handOn);
    });
  }

  /**
   * `batch` wraps the delivery of messages that arrived together (see `received`), so their
   * consumers can act on them at once: the websocket server writes each socket's frames as one write.
   */
  batchDeliveriesWith(batch: (deliver: () => void) => void): void {
    this.batch = batch;
  }

  private readonly handOn = (): void => {
    const received = this.received;
    this.received = [];
    const deliverAll = () => {
      for (let i = 0; i < received.length; i += 2) this.deliver(received[i]!, received[i + 1]!);
    };
    if (received.length > 2 && this.batch) this.batch(deliverAll);
    else deliverAll();
  };

  private deliver(channel: string, message: string): void {
    const listeners = this.listeners.get(channel);
    if (!listeners || listeners.size === 0) return;
    const payload: unknown = JSON.parse(message);
    for (const listener of [...listeners]) listener(payload);
  }

  /**
   * Runs after the subscriber connection came back and its subscriptions are confirmed again:
   * whatever was published while it was away is lost, so caches kept fresh by events must be dropped.
   */
  onResubscribed(listener: () => void): () => void {
    this.resubscribedListeners.add(listener);
    return () => this.resubscribedListeners.delete(listener);
  }

  /**
   * Runs when the subscriber connection is lost: nothing more arrives until `onResubscribed`, and
   * whatever arrives in between (ioredis resubscribes before announcing 'ready') follows a gap.
   */
  onLost(listener: () => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** On a Redis Cluster (sharded pub/sub): order is kept per topic only. */
  get isSharded(): boolean {
    return this.sharded;
  }

  /** True unless the subscriber is away or not yet resubscribed (see onLost / onResubscribed). */
  get isConnected(): boolean {
    return this.connected;
  }

  private lost(): void {
    if (!this.connected) return;
    this.connected = false;
    this.losses += 1;
    for (const listener of [...this.lostListeners]) listener();
  }

  private async resubscribed(): Promise<void> {
    if (this.connected) return;
    const losses = this.losses;
    // ioredis re-sends the SUBSCRIBEs on reconnect; replies come in order, so once this one is
    // confirmed every channel is live again and nothing published from now on is missed.
    const channels = [...this.listeners.keys()];
    if (this.sharded) {
      // One SSUBSCRIBE per channel (channels of several slots in one are refused). Not confirmed: a
      // shard is still away, and its return announces again.
      const confirmed = await Promise.all(channels.map((channel) => this.subscriber.ssubscribe(channel))).then(
        () => true,
        () => false,
      );
      if (!confirmed) return;
    } else if (channels.length > 0) await this.subscriber.subscribe(...channels).catch(() => undefined);
    // Lost again meanwhile: the next 'ready' announces. Announced meanwhile (a cluster can say
    // 'subscribersReady' twice for one loss): once is enough.
    if (losses !== this.losses || this.connected) return;
    this.connected = true;
    for (const listener of [...this.resubscribedListeners]) listener();
  }

  /**
   * Settles true once every message Redis published before the call has been handed to this
   * process's listeners: Redis answers a PING on the subscriber connection after every message it
   * pushed there before it, in the one stream. An event handed on here after the fence passed
   * overtakes nothing published before it (another process's access change, say). False on a Redis
   * Cluster (a topic's messages come on its own shard's connection) or while the subscriber is away.
   * Fences share PINGs: one in flight, and one more for every fence asked for while it is.
   */
  fence(): Promise<boolean> {
    if (this.sharded || !this.connected) return Promise.resolve(false);
    if (!this.pinging) return this.ping();
    // The PING in flight may have left before this call: the next one leaves once it is answered.
    this.nextPing ??= this.pinging.then(() => {
      this.nextPing = null;
      return this.connected ? this.ping() : false;
    });
    return this.nextPing;
  }

  private ping(): Promise<boolean> {
    const losses = this.losses;
    // Written at once: auto-pipelined, it was answered only after the send's INSERT (2.5 ms, not 0.9).
    const ping = new Command('ping');
    (this.subscriber as Redis).sendCommand(ping);
    const answered = ping.promise.then(
      () => {
        // Messages read before the answer wait in `received` for the next tick: handed on first.
        if (this.received.length > 0) this.handOn();
        return this.connected && losses === this.losses;
      },
      () => false,
    );
    this.pinging = answered;
    void answered.then(() => {
      if (this.pinging === answered) this.pinging = null;
    });
    return answered;
  }

  /**
   * Hands a payload this process published to its own listeners, as the same JSON Redis's echo will
   * bring, for a publisher whose fence passed. The echo still comes: listeners drop repeats. Next
   * tick, behind what Redis sent already and with whatever else arrives in this one (one batch, so
   * a socket gets one write for all of them), and after the tick's auto-pipelined PUBLISH is written.
   */
  deliverHere<P>(topic: Topic<P>, payload: P): void {
    const channel = this.channelName(topic.name);
    if (!this.listeners.get(channel)?.size) return;
    if (this.received.push(channel, JSON.stringify(payload)) === 2) process.nextTick(this.handOn);
  }

  async publish<P>(topic: Topic<P>, payload: P): Promise<void> {
    const channel = this.channelName(topic.name);
    const message = JSON.stringify(payload);
    await (this.sharded ? this.publisher.spublish(channel, message) : this.publisher.publish(channel, message));
  }

  /** Resolves once Redis confirms the subscription; the returned function stops listening. */
  async listen<P>(topic: Topic<P>, onPayload: (payload: P) => void): Promise<() => void> {
    const channel = this.channelName(topic.name);
    // Payloads are trusted: only this code base publishes, through the same typed topics.
    const listener = onPayload as Listener;
    let listeners = this.listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
      this.subscribed.set(channel, this.sharded ? this.subscriber.ssubscribe(channel) : this.subscriber.subscribe(channel));
    }
    listeners.add(listener);
    await this.subscribed.get(channel);
    return () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(channel);
      this.subscribed.delete(channel);
      // A stream ending while the process shuts down finds Redis closed: nothing is left to unsubscribe.
      (this.sharded ? this.subscriber.sunsubscribe(channel) : this.subscriber.unsubscribe(channel)).catch(() => undefined);
    };
  }

  listenerCount(): number {
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }
}
