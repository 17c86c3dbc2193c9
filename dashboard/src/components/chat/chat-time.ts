const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "14:05" today, "30 Nov 2026, 14:05" otherwise. */
export function formatMessageTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return date.toDateString() === now.toDateString() ? time.format(date) : dateTime.format(date);
}

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** Consecutive messages of one author within this gap share one header. */
export const GROUP_GAP_MS = 5 * 60_000;
