import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors/app-error.js';
import { reorderedChannelPositions } from './channel-order.js';

const channels = [
  { id: 'a', position: 0 },
  { id: 'b', position: 1 },
  { id: 'hidden', position: 1 },
  { id: 'c', position: 7 },
];

describe('reorderedChannelPositions', () => {
  it('fills the visible places in the new order, keeps hidden channels in theirs, and renumbers all 0..n-1', () => {
    const next = reorderedChannelPositions(channels, new Set(['a', 'b', 'c']), ['c', 'a', 'b']);
    expect(Object.fromEntries(next)).toEqual({ c: 0, a: 1, hidden: 2, b: 3 });
  });

  it('lists only the channels whose position changes', () => {
    expect(Object.fromEntries(reorderedChannelPositions(channels, new Set(['a', 'b', 'hidden', 'c']), ['a', 'b', 'hidden', 'c']))).toEqual({
      hidden: 2,
      c: 3,
    });
  });

  it('refuses a list that misses, repeats or names a channel the actor cannot see', () => {
    const visible = new Set(['a', 'b', 'c']);
    for (const order of [
      ['a', 'b'],
      ['a', 'b', 'b'],
      ['a', 'b', 'hidden'],
    ]) {
      expect(() => reorderedChannelPositions(channels, visible, order)).toThrow(AppError);
    }
  });
});
