/**
 * Publishes each channel's new messages from this process in id order. Ids are minted before the
 * INSERT and concurrent INSERTs commit in any order, so a send that commits early waits (holding no
 * connection) until every send minted before it in its channel has published or failed. What this
 * process published in a channel is then always a prefix, by id, of what it committed there: a
 * client that resumes channelEvents(since: the last id it saw) after the process died misses nothing
 * and gets nothing twice. Ids minted by different processes still interleave (README, Scaling out).
 */
export class ChannelPublishOrder {
  /** Per channel with sends in flight: settles once the latest of them has published or failed. */
  private readonly lines = new Map<string, Promise<void>>();

  /**
   * Takes the channel's next place in line (call it in the same tick as minting the id), commits,
   * then publishes in turn. The publish is issued in order, not awaited in order: the bus writes
   * each command on one connection as it is called, so the next in line need not wait for Redis.
   */
  async inTurn<T>(channelId: string, commit: () => Promise<T>, publish: (committed: T) => Promise<void>): Promise<T> {
    const previous = this.lines.get(channelId);
    let settle!: () => void;
    const turn = new Promise<void>((resolve) => (settle = resolve));
    this.lines.set(channelId, turn);
    const leave = () => {
      settle();
      if (this.lines.get(channelId) === turn) this.lines.delete(channelId);
    };
    let committed: T;
    try {
      committed = await commit();
    } catch (error) {
      // Nothing to publish, but the next in line still waits for the one before.
      if (previous) void previous.then(leave);
      else leave();
      throw error;
    }
    if (previous) await previous;
    const published = publish(committed);
    leave();
    await published;
    return committed;
  }

  /** Channels with a send in flight. */
  get size(): number {
    return this.lines.size;
  }
}
