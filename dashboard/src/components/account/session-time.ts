const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "3 Dec" this year, "3 Dec 2025" another (as the reader's locale writes them). */
export function formatShortDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return (date.getFullYear() === now.getFullYear() ? dayMonth : dayMonthYear).format(date);
}

/**
 * When a session was last used, as Discord's Devices say it. The API refreshes it at most once a
 * minute, so anything within two minutes is "now": "Active now", "Active 5 minutes ago", "Active 3
 * hours ago", "Active yesterday", "Active on 3 Dec".
 */
export function describeLastActive(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const ago = now.getTime() - date.getTime();
  if (ago < 2 * MINUTE) return 'Active now';
  if (ago < HOUR) return `Active ${Math.floor(ago / MINUTE)} minutes ago`;
  if (ago < DAY) return `Active ${plural(Math.floor(ago / HOUR), 'hour')} ago`;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (date.toDateString() === yesterday.toDateString()) return 'Active yesterday';
  return `Active on ${formatShortDate(iso, now)}`;
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
