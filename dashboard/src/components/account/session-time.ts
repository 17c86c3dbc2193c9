const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const hourMinute = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "3 Dec" this year, "3 Dec 2025" another (as the reader's locale writes them). */
export function formatShortDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return (date.getFullYear() === now.getFullYear() ? dayMonth : dayMonthYear).format(date);
}

/**
 * When a session began: "Signed in today at 09:14", "Signed in yesterday at 18:02", else "Signed in
 * 3 Dec" as formatShortDate writes it. The time of day only for the last two days, where the date
 * alone tells little.
 */
export function describeSignedIn(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (isSameDay(date, now)) return `Signed in today at ${hourMinute.format(date)}`;
  if (isDayBefore(date, now)) return `Signed in yesterday at ${hourMinute.format(date)}`;
  return `Signed in ${formatShortDate(iso, now)}`;
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
  if (isDayBefore(date, now)) return 'Active yesterday';
  return `Active on ${formatShortDate(iso, now)}`;
}

/** Calendar days in the reader's time zone, not 24-hour spans. */
const isSameDay = (date: Date, other: Date) => date.toDateString() === other.toDateString();

function isDayBefore(date: Date, now: Date): boolean {
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  return isSameDay(date, yesterday);
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
