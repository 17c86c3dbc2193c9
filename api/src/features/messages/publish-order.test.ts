import { describe, expect, it } from 'vitest';
import { ChannelPublishOrder } from './publish-order.js';

/** A commit the test finishes by hand, in the order it chooses. */
function commitLater() {
  let finish!: (ok: boolean) => void;
  const committed = new Promise<void>((resolve, reject) => (finish = (ok) => (ok ? resolve() : reject(new Error('insert failed')))));
  return { commit: () => committed, finish };
}

const ticks = () => new Promise((resolve) => setImmediate(resolve));

describe('ChannelPublishOrder', () => {
  it('publishes in the order sends entered, whatever order they commit in; a failed one is skipped, and other channels never wait', async () => {
    const order = new ChannelPublishOrder();
    const published: string[] = [];
    const sends = ['m1', 'm2', 'm3', 'm4'].map((id) => ({ id, ...commitLater() }));
    const settled = sends.map(({ id, commit }) =>
      order
        .inTurn('c1', commit, async () => void published.push(id))
        .then(
          () => 'ok',
          () => 'failed',
        ),
    );
    const elsewhere = commitLater();
    const other = order.inTurn('c2', elsewhere.commit, async () => void published.push('other'));

    sends[3]!.finish(true);
    sends[1]!.finish(true);
    elsewhere.finish(true);
    await other;
    await ticks();
    // m2 and m4 are committed but wait for m1; c2 had nothing in line before it.
    expect(published).toEqual(['other']);
    sends[0]!.finish(true);
    await ticks();
    // m3 is still in flight: m4 waits for it.
    expect(published).toEqual(['other', 'm1', 'm2']);
    sends[2]!.finish(false);
    expect(await Promise.all(settled)).toEqual(['ok', 'ok', 'failed', 'ok']);
    expect(published).toEqual(['other', 'm1', 'm2', 'm4']);
    // Nothing is kept once no send is in flight.
    expect(order.size).toBe(0);
  });

  it('issues each publish without waiting for the one before to be confirmed', async () => {
    const order = new ChannelPublishOrder();
    const issued: string[] = [];
    let confirm!: () => void;
    const firstConfirmed = new Promise<void>((resolve) => (confirm = resolve));
    const first = order.inTurn(
      'c',
      async () => 'a',
      async (id) => {
        issued.push(id);
        await firstConfirmed;
      },
    );
    const second = order.inTurn(
      'c',
      async () => 'b',
      async (id) => void issued.push(id),
    );
    expect(await second).toBe('b');
    expect(issued).toEqual(['a', 'b']);
    confirm();
    expect(await first).toBe('a');
  });
});
