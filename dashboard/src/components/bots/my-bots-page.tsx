'use client';

import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { apiErrorOf } from '@/lib/api-errors';
import { BotsPanel } from './bots-panel';
import { BotTargetsQuery } from './bots.operations';

/** Bots belong to their maker, not to a server: anyone may make one, and add it where they hold MANAGE_SERVER. */
export function MyBotsPage() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: BotTargetsQuery, requestPolicy: 'cache-and-network' });
  // The owner's and ADMINISTRATOR's myPermissions already list every permission.
  const targets = data?.myServers.filter((s) => s.myPermissions.includes('MANAGE_SERVER')) ?? [];
  return (
    <div className="bots-page">
      <BotsPanel targets={targets} />
      {!data && fetching && <LoadingState label="Loading the servers you could add them to…" />}
      {!data && error && <ErrorState error={apiErrorOf(error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {data && targets.length === 0 && (
        <p className="muted">To add a bot to a server you need Manage server there; you have it in none of your servers yet.</p>
      )}
    </div>
  );
}
