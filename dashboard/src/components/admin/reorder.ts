/**
 * The places an item at `index` may move to: between the nearest pinned items above and below it
 * (a pinned item never moves, and nothing moves past it), as [lowest index, highest index].
 */
export function bounds(pinned: readonly boolean[], index: number): [number, number] {
  let lo = index;
  while (lo > 0 && !pinned[lo - 1]) lo -= 1;
  let hi = index;
  while (hi < pinned.length - 1 && !pinned[hi + 1]) hi += 1;
  return [lo, hi];
}

/** The order with the item at `from` moved to `to`; the same array when nothing moves. */
export function moveTo<T>(order: readonly T[], from: number, to: number): readonly T[] {
  if (from === to) return order;
  const next = [...order];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
