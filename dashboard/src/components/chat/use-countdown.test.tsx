// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatInterval, formatRemaining, useCountdown } from './use-countdown';

function Countdown({ deadline }: { deadline: number | undefined }) {
  const remaining = useCountdown(deadline);
  return <p>{remaining > 0 ? `again in ${formatRemaining(remaining)}` : 'ready'}</p>;
}

describe('countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-30T12:00:00Z'));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('counts down from retryAfterMs to ready, second by second', () => {
    render(<Countdown deadline={Date.now() + 2_500} />);
    expect(screen.getByText('again in 3s')).toBeTruthy();
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByText('again in 2s')).toBeTruthy();
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByText('again in 1s')).toBeTruthy();
    act(() => vi.advanceTimersByTime(600));
    expect(screen.getByText('ready')).toBeTruthy();
  });

  it('is ready at once without a deadline or with one in the past', () => {
    const { rerender } = render(<Countdown deadline={undefined} />);
    expect(screen.getByText('ready')).toBeTruthy();
    rerender(<Countdown deadline={Date.now() - 1} />);
    expect(screen.getByText('ready')).toBeTruthy();
  });

  it('formats minutes and intervals for people', () => {
    expect(formatRemaining(61_000)).toBe('1m 01s');
    expect(formatRemaining(200)).toBe('1s');
    expect(formatInterval(1)).toBe('1 second');
    expect(formatInterval(60)).toBe('1 minute');
    expect(formatInterval(7200)).toBe('2 hours');
    expect(formatInterval(90)).toBe('1m 30s');
  });
});
