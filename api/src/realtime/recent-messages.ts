/** How far before its last delivered id a stream replays after a gap: longer than any id's way from minting to publishing. */
export const REPLAY_MARGIN_MS = 5000;

/** One channel's recently received message ids, shared by its streams on this process. */
export class RecentMessageIds {
  streams = 0;
  private readonly ids = new Set<string>();
  private order: string[] = [];

  /** At least `keep` are kept: more than a channel receives within REPLAY_MARGIN_MS. */
  constructor(private readonly keep: number) {}

  /** Called by every stream of the channel for each message: the first call records it, the others cost a lookup. */
  record(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    this.order.push(id);
    // Amortised: the oldest half goes once twice `keep` are held.
    if (this.order.length < 2 * this.keep) return;
    for (const old of this.order.slice(0, this.keep)) this.ids.delete(old);
    this.order = this.order.slice(this.keep);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }
}

/**
 * Per process and channel with open streams: the ids of the last messages this process received.
 * Ids are minted before their message is committed, so messages are not published in id order: a
 * stream replaying after its subscriber was away starts REPLAY_MARGIN_MS before the last id it
 * delivered and leaves out what this process had received.
 */
export class RecentMessages {
  private readonly channels = new Map<string, RecentMessageIds>();

  constructor(private readonly keep = 5000) {}

  /** The channel's record, shared by its streams; the returned function releases this stream's hold. */
  watch(channelId: string): [RecentMessageIds, () => void] {
    let recent = this.channels.get(channelId);
    if (!recent) {
      recent = new RecentMessageIds(this.keep);
      this.channels.set(channelId, recent);
    }
    const watched = recent;
    watched.streams += 1;
    return [
      watched,
      () => {
        watched.streams -= 1;
        if (watched.streams === 0 && this.channels.get(channelId) === watched) this.channels.delete(channelId);
      },
    ];
  }
}
