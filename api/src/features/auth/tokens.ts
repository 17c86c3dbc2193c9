import { hash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored and cached only as this hash. */
export const hashToken = (token: string): string => hash('sha256', token, 'hex');

export type AuthScheme = 'Bearer' | 'Bot';

/** "Bearer <token>" for people, "Bot <token>" for bots; anything else is no credential. */
export function parseAuthorization(header: string | undefined | null): { scheme: AuthScheme; token: string } | null {
  const match = /^(Bearer|Bot) ([A-Za-z0-9_-]{16,128})$/.exec(header?.trim() ?? '');
  return match ? { scheme: match[1] as AuthScheme, token: match[2]! } : null;
}
