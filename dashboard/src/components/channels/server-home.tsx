'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { ServerSidebarQuery } from './channels.operations';

/** A server without a channel in the URL opens its first text channel. */
export function ServerHome({ serverId }: { serverId: string }) {
  const router = useRouter();
  const [{ data }] = useQuery({ query: ServerSidebarQuery, variables: { serverId } });
  const firstText = data?.server?.channels.filter((c) => c.type === 'TEXT').sort((a, b) => a.position - b.position)[0];
  useEffect(() => {
    if (firstText) router.replace(`/servers/${serverId}/${firstText.id}`);
  }, [firstText, router, serverId]);
  if (data?.server && !firstText) return <p className="muted empty">This server has no text channel you can see.</p>;
  return null;
}
