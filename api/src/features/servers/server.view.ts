import type { Server } from './server.entity.js';

export interface ServerView {
  id: string;
  name: string;
  slug: string;
  description: string;
  icon: string | null;
  isPrivate: boolean;
  ownerId: string;
  createdAt: Date | string;
}

export const toServerView = (s: Server): ServerView => ({
  id: s.id,
  name: s.name,
  slug: s.slug,
  description: s.description,
  icon: s.icon,
  isPrivate: s.isPrivate,
  ownerId: s.owner,
  createdAt: s.createdAt,
});
