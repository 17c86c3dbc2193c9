'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { useReadAgain } from '@/hooks/use-read-again';
import { AdminMembersQuery } from './admin.operations';
import type { AdminMember } from './admin-types';

const PAGE = 50;

/** A search box waits this long after the last key before asking the API. */
export const SEARCH_PAUSE_MS = 300;

export interface MemberFilter {
  /** Part of a username, display name or nickname (any case); the API does the matching. */
  query?: string;
  roleId?: string;
}

/** The server's members matching `filter`, a page at a time (the API pages by user id). */
export function useAdminMembers(serverId: string, { query = '', roleId = '' }: MemberFilter = {}) {
  const client = useClient();
  const [members, setMembers] = useState<AdminMember[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  // Loading the next page (not a new filter's first page).
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();
  // Answers to an older filter may arrive after a newer one's: only the latest request may land.
  const latest = useRef(0);

  const load = useCallback(
    async (after: string | null) => {
      const request = ++latest.current;
      setLoading(true);
      setLoadingMore(after !== null);
      const variables = { serverId, after, query: query.trim() || null, roleId: roleId || null };
      const result = await client.query(AdminMembersQuery, variables, { requestPolicy: 'network-only' }).toPromise();
      if (request !== latest.current) return;
      setError(result.error);
      const page = result.data?.server?.members ?? [];
      setMembers((current) => (after ? [...current, ...page] : page));
      setHasMore(page.length === PAGE);
      setLoading(false);
      setLoadingMore(false);
    },
    [client, serverId, query, roleId],
  );

  useEffect(() => {
    void load(null);
  }, [load]);
  const reload = () => void load(null);
  // From the first page again (with the same filter): the pages after it are let go.
  useReadAgain(serverId, reload);

  return {
    members,
    hasMore,
    loading,
    loadingMore,
    error,
    more: () => void load(members.at(-1)?.user.id ?? null),
    reload,
  };
}
