import { describe, expect, it } from 'vitest';
import { bounds, moveTo } from './reorder';

describe('reorder', () => {
  it('keeps an item between the pinned items around it', () => {
    // A locked role on top, three movable ones, @everyone pinned last.
    const pinned = [true, false, false, false, true];
    expect(bounds(pinned, 1)).toEqual([1, 3]);
    expect(bounds(pinned, 3)).toEqual([1, 3]);
    expect(bounds([false, false, false], 2)).toEqual([0, 2]);
  });

  it('moves one item to a new place and leaves the rest in order', () => {
    expect(moveTo(['a', 'b', 'c', 'd'], 3, 1)).toEqual(['a', 'd', 'b', 'c']);
    expect(moveTo(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    const same = ['a', 'b'];
    expect(moveTo(same, 1, 1)).toBe(same);
  });
});
