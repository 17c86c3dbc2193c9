// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './use-now';

describe('useNow', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-12-10T12:00:00Z'));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('reads the clock again every interval, and stops once unmounted', () => {
    const { result, unmount } = renderHook(() => useNow(30_000));
    expect(result.current.toISOString()).toBe('2026-12-10T12:00:00.000Z');
    act(() => vi.advanceTimersByTime(29_999));
    expect(result.current.toISOString()).toBe('2026-12-10T12:00:00.000Z');
    act(() => vi.advanceTimersByTime(1));
    expect(result.current.toISOString()).toBe('2026-12-10T12:00:30.000Z');
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
