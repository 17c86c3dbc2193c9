/** Each round is spread over this many ticks. */
export const SLICES_PER_ROUND = 20;

/**
 * Visits every item once per period, a slice per tick rather than all at once: per-item work done
 * in one burst (a Redis call each, a socket write each) held every other task of the process
 * behind it, 40–60 ms for 200 presence refreshes and 100–300 ms for 10,000 keep-alive pings. A
 * round visits the items it began with (one added later waits for the next round), so an item's
 * visits are at most two periods apart, and may come closer than a period when items ahead of it
 * left; `visit` skips an item that has gone since. The timer does not hold the process open.
 */
export function everyInSlices<T>(periodMs: number, items: () => Iterable<T>, visit: (item: T) => void): NodeJS.Timeout {
  let round: T[] = [];
  let next = 0;
  const timer = setInterval(
    () => {
      if (next >= round.length) {
        round = [...items()];
        next = 0;
      }
      const end = Math.min(round.length, next + Math.ceil(round.length / SLICES_PER_ROUND));
      while (next < end) visit(round[next++]!);
    },
    Math.max(10, Math.floor(periodMs / SLICES_PER_ROUND)),
  );
  timer.unref();
  return timer;
}
