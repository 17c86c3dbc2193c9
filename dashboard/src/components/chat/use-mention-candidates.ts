'use client';

import { useQuery } from 'urql';
import { useDebounced } from '@/hooks/use-debounced';
import { MentionCandidatesQuery } from './chat.operations';

export interface MentionCandidate {
  userId: string;
  username: string;
  /** The nickname in this server, else the display name. */
  name: string;
}

/** Suggestions shown at most. */
const SHOWN = 8;

/**
 * The members an "@name" being typed may mean (`query`; null: none is being typed), asked once the
 * typing pauses. Null while nothing is typed or the answer is not in yet.
 */
export function useMentionCandidates(serverId: string, query: string | null): MentionCandidate[] | null {
  const settled = useDebounced(query, 120);
  const current = query !== null && settled === query;
  const [{ data }] = useQuery({
    query: MentionCandidatesQuery,
    variables: { serverId, query: settled || null, first: SHOWN },
    pause: !current,
  });
  if (!current || !data) return null;
  if (!data.server) return [];
  return data.server.members.map((m) => ({ userId: m.user.id, username: m.user.username, name: m.nickname ?? m.user.displayName }));
}
