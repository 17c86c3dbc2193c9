import { describe, expect, it } from 'vitest';
import { describeLastActive, describeSignedIn, formatShortDate } from './session-time';

// Local times, so the days are the reader's whatever the machine's time zone.
const NOW = new Date(2026, 11, 10, 15, 30);
const at = (year: number, month: number, day: number, hour = 12, minute = 0) => new Date(year, month, day, hour, minute).toISOString();
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const dayMonth = (date: Date) => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(date);
const hourMinute = (date: Date) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(date);

describe('describeLastActive', () => {
  it('is "now" within two minutes, the API refreshing it once a minute; a clock ahead of ours too', () => {
    expect(describeLastActive(minutesAgo(0), NOW)).toBe('Active now');
    expect(describeLastActive(minutesAgo(1.9), NOW)).toBe('Active now');
    expect(describeLastActive(minutesAgo(-3), NOW)).toBe('Active now');
  });

  it('counts minutes within the hour, then hours within the day', () => {
    expect(describeLastActive(minutesAgo(2), NOW)).toBe('Active 2 minutes ago');
    expect(describeLastActive(minutesAgo(59), NOW)).toBe('Active 59 minutes ago');
    expect(describeLastActive(minutesAgo(60), NOW)).toBe('Active 1 hour ago');
    expect(describeLastActive(minutesAgo(23 * 60 + 59), NOW)).toBe('Active 23 hours ago');
  });

  it('says yesterday for the day before, past a day ago; then the date, with the year when not this one', () => {
    expect(describeLastActive(at(2026, 11, 9, 9, 0), NOW)).toBe('Active yesterday');
    expect(describeLastActive(at(2026, 11, 8, 23, 0), NOW)).toBe(`Active on ${dayMonth(new Date(2026, 11, 8))}`);
    expect(describeLastActive(at(2026, 0, 3), NOW)).toBe(`Active on ${dayMonth(new Date(2026, 0, 3))}`);
    expect(describeLastActive(at(2025, 11, 3), NOW)).toMatch(/2025/);
  });
});

describe('formatShortDate', () => {
  it('leaves out this year, writes another', () => {
    expect(formatShortDate(at(2026, 2, 4), NOW)).toBe(dayMonth(new Date(2026, 2, 4)));
    expect(formatShortDate(at(2025, 2, 4), NOW)).toMatch(/2025/);
  });
});

describe('describeSignedIn', () => {
  it('says today or yesterday with the time, by calendar day rather than 24 hours', () => {
    expect(describeSignedIn(at(2026, 11, 10, 9, 14), NOW)).toBe(`Signed in today at ${hourMinute(new Date(2026, 11, 10, 9, 14))}`);
    expect(describeSignedIn(at(2026, 11, 10, 0, 1), NOW)).toMatch(/^Signed in today at /);
    expect(describeSignedIn(at(2026, 11, 9, 18, 2), NOW)).toBe(`Signed in yesterday at ${hourMinute(new Date(2026, 11, 9, 18, 2))}`);
    expect(describeSignedIn(at(2026, 11, 9, 0, 5), NOW)).toMatch(/^Signed in yesterday at /);
  });

  it('writes the 2-digit hour and minute, as the reader’s locale does', () => {
    expect(describeSignedIn(at(2026, 11, 10, 9, 4), NOW)).toMatch(/\b09\D04\b/);
  });

  it('gives the date before yesterday: without the year this year, with it for another', () => {
    expect(describeSignedIn(at(2026, 11, 8, 23, 59), NOW)).toBe(`Signed in ${dayMonth(new Date(2026, 11, 8))}`);
    expect(describeSignedIn(at(2026, 2, 4), NOW)).toBe(`Signed in ${dayMonth(new Date(2026, 2, 4))}`);
    expect(describeSignedIn(at(2025, 11, 10), NOW)).toMatch(/^Signed in .*2025/);
  });

  it('counts the first of the year’s yesterday as the last day of the year before', () => {
    const newYear = new Date(2027, 0, 1, 8, 0);
    expect(describeSignedIn(at(2026, 11, 31, 22, 30), newYear)).toMatch(/^Signed in yesterday at /);
  });
});
