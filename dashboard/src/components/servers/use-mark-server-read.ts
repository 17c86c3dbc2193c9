'use client';

import { useCallback } from 'react';
import { useMutation } from 'urql';
import { useSession } from '@/components/session/api-provider';
import { apiErrorOf, type ApiError } from '@/lib/api-errors';
import { MarkServerReadMutation } from './servers.operations';

/**
 * Marks every channel of a server read (the ⋯ menu and the rail's right-click menu). The answer clears
 * the rail's icon and the sidebar's marks through the cache; a refusal shows as the page's notice, as
 * the chat's menu actions do, since the menu that sent it has closed.
 */
export function useMarkServerRead(): (serverId: string) => Promise<void> {
  const [, markServerRead] = useMutation(MarkServerReadMutation);
  const { setNotice } = useSession();
  return useCallback(
    async (serverId: string) => {
      const result = await markServerRead({ serverId });
      if (result.error) setNotice(markReadRefusal(apiErrorOf(result.error)));
    },
    [markServerRead, setNotice],
  );
}

/** What the page says when the server was not marked read (the API's NOT_FOUND: they left or were removed). */
export function markReadRefusal(error: ApiError | undefined): ApiError {
  if (!error) return { code: 'INTERNAL', message: 'The server was not marked as read. Try again.' };
  if (error.code === 'NOT_FOUND') return { ...error, message: 'You are no longer a member of this server.' };
  return error;
}
