'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Alert } from '@/components/ui/alert';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useReadAgain } from '@/hooks/use-read-again';
import { apiErrorOf } from '@/lib/api-errors';
import { RateLimitsQuery, UpdateRateLimitsMutation } from './admin.operations';
import { rateLimitSentence, type RateLimits } from './rate-limit-sentence';

const NUMBERS: ReadonlyArray<[Exclude<keyof RateLimits, 'escalationEnabled'>, string]> = [
  ['channelMessageLimit', 'Messages per channel (0 = no limit)'],
  ['channelMessageWindowSeconds', '…within seconds'],
  ['serverMessageLimit', 'Messages across the server (0 = no limit)'],
  ['serverMessageWindowSeconds', '…within seconds'],
  ['escalationRefusals', 'Refusals before a timeout'],
  ['escalationWindowSeconds', '…within seconds'],
  ['escalationTimeoutSeconds', 'Timeout length (seconds)'],
];

export function RateLimitsPanel({ serverId }: { serverId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: RateLimitsQuery, variables: { serverId } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useReadAgain(serverId, reload);
  if (!data && fetching) return <LoadingState label="Loading rate limits…" />;
  const current = data?.server?.rateLimits;
  if (!current) return <ErrorState error={apiErrorOf(error)} onRetry={reload} />;
  // Only the input's fields (the cache adds __typename to what it returns).
  const limits: RateLimits = {
    channelMessageLimit: current.channelMessageLimit,
    channelMessageWindowSeconds: current.channelMessageWindowSeconds,
    serverMessageLimit: current.serverMessageLimit,
    serverMessageWindowSeconds: current.serverMessageWindowSeconds,
    escalationEnabled: current.escalationEnabled,
    escalationRefusals: current.escalationRefusals,
    escalationWindowSeconds: current.escalationWindowSeconds,
    escalationTimeoutSeconds: current.escalationTimeoutSeconds,
  };
  return <RateLimitsForm key={JSON.stringify(limits)} serverId={serverId} initial={limits} />;
}

function RateLimitsForm({ serverId, initial }: { serverId: string; initial: RateLimits }) {
  const [limits, setLimits] = useState(initial);
  const [state, update] = useMutation(UpdateRateLimitsMutation);
  const [saved, setSaved] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const result = await update({ serverId, input: limits });
    setSaved(!result.error);
  }

  return (
    <section className="admin-section" aria-labelledby="limits-title">
      <h2 id="limits-title">Rate limits and escalation</h2>
      <p className="rate-sentence" aria-live="polite">
        {rateLimitSentence(limits)}
      </p>
      <form className="stack" onSubmit={(e) => void save(e)}>
        <div className="admin-filters">
          {NUMBERS.map(([key, label]) => (
            <label key={key} className="field">
              <span className="field-label">{label}</span>
              <input
                className="field-input"
                type="number"
                min={0}
                value={limits[key]}
                onChange={(e) => setLimits({ ...limits, [key]: Number(e.target.value) })}
              />
            </label>
          ))}
        </div>
        <label className="inline">
          <input
            type="checkbox"
            checked={limits.escalationEnabled}
            onChange={(e) => setLimits({ ...limits, escalationEnabled: e.target.checked })}
          />{' '}
          Time out members who keep hitting the limit
        </label>
        {state.error && <Alert>{apiErrorOf(state.error)?.message}</Alert>}
        {saved && (
          <p className="muted" role="status">
            Saved.
          </p>
        )}
        <button type="submit" className="button primary" disabled={state.fetching}>
          Save rate limits
        </button>
      </form>
    </section>
  );
}
