import type { Request, Response } from 'express';
import { isSnowflake } from '../../kernel/ids/snowflake.js';
import type { UsersService } from './users.service.js';

/** Where avatars are served: `/avatars/<user id>/<hash>`, on the API's origin. */
export const AVATARS_ROUTE = '/avatars';

/** User.avatarUrl: a path on the API's origin; the hash changes with the image, so the URL never serves another. */
export const avatarPath = (userId: string, hash: string) => `${AVATARS_ROUTE}/${userId}/${hash}`;

const HASH = /^[0-9a-f]{32}$/;

/**
 * Serves an avatar with no sign-in (an <img> sends no token), as Discord's CDN does: only its URL,
 * which a viewer got from the API, names it. Cached for good, since the URL is its content hash;
 * an outdated hash is 404. The image is an upload whose bytes were checked to be the declared type,
 * and is served so a browser never reads it as anything else.
 */
export function avatarHandler(users: UsersService) {
  return async (req: Request<{ userId: string; hash: string }>, res: Response) => {
    const { userId, hash } = req.params;
    const avatar = isSnowflake(userId) && HASH.test(hash) ? await users.avatar(userId, hash) : null;
    if (!avatar) return res.status(404).type('text/plain').send('No such avatar');
    res
      .set({
        'content-type': avatar.contentType,
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        // The dashboard is another origin; a page isolated with COEP may still show it.
        'cross-origin-resource-policy': 'cross-origin',
      })
      .send(avatar.bytes);
  };
}
