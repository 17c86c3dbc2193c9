// Browsers ask for /favicon.ico on their own, whatever the page's icon link says; answer with the
// app's one icon (app/icon.svg) instead of a 404 in every console. A relative Location, so it stays
// right behind any proxy or domain.
export function GET(): Response {
  return new Response(null, { status: 308, headers: { location: '/icon.svg' } });
}
