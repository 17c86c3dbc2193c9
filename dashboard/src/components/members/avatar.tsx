'use client';

import { useState, type CSSProperties } from 'react';
import { useApiUrl } from '@/components/session/api-url';
import type { PresenceStatus } from '@/gql/graphql';
import { PresenceDot } from './presence-dot';
import './avatar.css';

/** Who an avatar shows: `avatarUrl` is a path on the API's origin, or null without an image. */
export interface AvatarUser {
  id: string;
  displayName: string;
  avatarUrl?: string | null;
}

/** Backgrounds behind initials, each at least 4.5:1 against their white text (WCAG AA). */
export const AVATAR_COLOURS = ['#4752c4', '#1f7a4c', '#a8431a', '#b0245f', '#6b3fb5', '#0e6b87', '#7f5a00', '#3b6ea8'] as const;

/** The same colour for a user everywhere and on every visit: from their id, not their name, which changes. */
function colourOf(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length]!;
}

/** "Bea Green" → "BG"; a one-word name gives one letter. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (
    words
      .slice(0, 2)
      .map((word) => Array.from(word)[0]!.toUpperCase())
      .join('') || '?'
  );
}

/**
 * A user's picture, `size` pixels square (CSS may size it otherwise), or their initials on their
 * colour without one or when it fails to load. Decorative: it is always shown beside the name.
 * With a `status`, the presence dot sits on its bottom-right edge, as on Discord.
 */
export function Avatar({ user, size, status }: { user: AvatarUser; size: number; status?: PresenceStatus }) {
  const apiUrl = useApiUrl();
  const src = user.avatarUrl ? new URL(user.avatarUrl, apiUrl).href : undefined;
  // The image that failed: a new avatar (a new path) is tried again.
  const [failed, setFailed] = useState<string>();
  const style = { '--avatar-size': `${size}px` } as CSSProperties;
  const face =
    src && src !== failed ? (
      <img className="avatar" src={src} alt="" width={size} height={size} style={style} onError={() => setFailed(src)} />
    ) : (
      <span className="avatar avatar-initials" style={{ ...style, backgroundColor: colourOf(user.id) }} aria-hidden>
        {initialsOf(user.displayName)}
      </span>
    );
  if (!status) return face;
  return (
    <span className="avatar-with-status">
      {face}
      <PresenceDot status={status} />
    </span>
  );
}
