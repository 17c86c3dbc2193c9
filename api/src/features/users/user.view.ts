import type { User } from './user.entity.js';

/** A user as clients see it; safe to publish (no password hash). */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  isBot: boolean;
  /** The current avatar's content hash; null: none. */
  avatarHash: string | null;
  createdAt: Date | string;
}

export const toUserView = (u: User): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  isBot: u.isBot,
  avatarHash: u.avatarHash,
  createdAt: u.createdAt,
});
