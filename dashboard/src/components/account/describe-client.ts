/**
 * Browsers by the product token that names them, first match wins: Edge, Opera and Samsung Internet
 * also say "Chrome", Chrome also says "Safari", so the more particular come first. On iOS every
 * browser is Safari underneath and says so; its own token (CriOS, FxiOS, EdgiOS) names it.
 */
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|OPiOS|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Chrome|CriOS|HeadlessChrome|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

/** Systems by what the parenthesised comment says; iPhone and iPad before macOS ("like Mac OS X"), Android before Linux. */
const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

/** Past this, the first product token of an unknown client is cut short (the title shows all of it). */
const TOKEN_MAX = 40;

/**
 * A session's client, from the User-Agent it signed in with, as a person reads it: "Firefox on Linux",
 * "Safari on iPhone"; a browser or a system alone when only one is known; otherwise the first product
 * token ("node", "curl/8.5.0"); "Unknown client" when none was sent.
 */
export function describeClient(userAgent: string | null | undefined): string {
  const agent = userAgent?.trim();
  if (!agent) return 'Unknown client';
  const browser = BROWSERS.find(([pattern]) => pattern.test(agent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(agent))?.[1];
  // "Mozilla/5.0 (…)" names no one: only a browser or a system found in it does.
  const known = browser && system ? `${browser} on ${system}` : (browser ?? system);
  if (known) return known;
  const token = agent.split(/\s+/)[0]!;
  return token.length > TOKEN_MAX ? `${token.slice(0, TOKEN_MAX - 1)}…` : token;
}
