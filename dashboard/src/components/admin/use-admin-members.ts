'use client';

import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import { AdminMembersQuery } from './admin.operations';
import type { AdminMember } from './admin-types';

const PAGE = 50;

/** The server's members, a page at a time (the API pages by user id). */
export function useAdminMembers(serverId: string) {
  const client = useClient();
  const [members, setMembers] = useState<AdminMember[]>([]);
  const [hasMore, setHasMore] = useState(false);

  const load = useCallback(
    async (after: string | null) => {
      const result = await client.query(AdminMembersQuery, { serverId, after }, { requestPolicy: 'network-only' }).toPromise();
      const page = result.data?.server?.members ?? [];
      setMembers((current) => (after ? [...current, ...page] : page));
      setHasMore(page.length === PAGE);
    },
    [client, serverId],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return {
    members,
    hasMore,
    more: () => void load(members.at(-1)?.user.id ?? null),
    reload: () => void load(null),
  };
}
