/**
 * Where the browser finds the API. The dashboard's server reads PUBLIC_API_URL at request time and
 * hands it to the page (app/layout.tsx), so one build works under any address; unset, the API is
 * port 4000 of whatever host the page was loaded from (localhost, a LAN address, a domain).
 */
export function resolveApiUrl(configured: string | null | undefined): string {
  if (configured) return configured;
  if (typeof window === 'undefined') return 'http://localhost:4000/graphql';
  return `${window.location.protocol}//${window.location.hostname}:4000/graphql`;
}
