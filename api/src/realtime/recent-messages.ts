/** How far before its last delivered id a stream replays after a gap: longer than any id's way from minting to publishing. */
export const REPLAY_MARGIN_MS = 5000;

/**
 * One channel's recently received message ids, shared by its streams on this process (a room of
 * channel-rooms.ts). Each API process publishes a channel's messages in id order, but the ids two
 * processes mint interleave, so a channel's messages do not arrive in id order: a stream replaying
 * after the subscriber connection was away starts REPLAY_MARGIN_MS before the last id it delivered
 * and leaves out what this process had received.
 */
export class RecentMessageIds {
  private readonly ids = new Set<string>();
  private order: string[] = [];

  /** At least `keep` are kept: more than a channel receives within REPLAY_MARGIN_MS. */
  constructor(private readonly keep: number) {}

  /** False if it was recorded already (a repeated announcement). */
  record(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    this.order.push(id);
    // Amortised: the oldest half goes once twice `keep` are held.
    if (this.order.length >= 2 * this.keep) {
      for (const old of this.order.slice(0, this.keep)) this.ids.delete(old);
      this.order = this.order.slice(this.keep);
    }
    return true;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }
}
