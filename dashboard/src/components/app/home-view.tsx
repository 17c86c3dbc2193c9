'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { ShellQuery } from '@/components/servers/servers.operations';

/** Home: straight into the first server when the member has one; otherwise how to get started. */
export function HomeView() {
  const router = useRouter();
  const [{ data }] = useQuery({ query: ShellQuery });
  const first = data?.myServers[0];
  useEffect(() => {
    if (first) router.replace(`/servers/${first.id}`);
  }, [first, router]);
  if (!data || first) return null;
  return (
    <section className="empty-view" aria-labelledby="welcome">
      <h1 id="welcome">Welcome to Rashigo</h1>
      <p className="muted">You are not in any server yet. Create one with the + button, open an invite link a friend sent you, or</p>
      <Link className="button primary" href="/discover">
        Discover public servers
      </Link>
    </section>
  );
}
