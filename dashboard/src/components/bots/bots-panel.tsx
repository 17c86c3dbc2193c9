'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Alert } from '@/components/ui/alert';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { apiErrorOf } from '@/lib/api-errors';
import { AddBotMutation, CreateBotMutation, DeleteBotMutation, MyBotsQuery, RegenerateBotTokenMutation } from './bots.operations';
import './bots.css';

export interface BotTarget {
  id: string;
  name: string;
}

/**
 * My bots: create (token shown once), regenerate, delete, where each one is, and add it to one of
 * `targets` (servers where I hold MANAGE_SERVER; the API refuses the others).
 */
export function BotsPanel({ targets }: { targets: readonly BotTarget[] }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: MyBotsQuery, requestPolicy: 'cache-and-network' });
  const [createState, createBot] = useMutation(CreateBotMutation);
  const [regenerateState, regenerate] = useMutation(RegenerateBotTokenMutation);
  const [deleteState, deleteBot] = useMutation(DeleteBotMutation);
  const [addState, addBot] = useMutation(AddBotMutation);
  const [name, setName] = useState('');
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const apiError = apiErrorOf(createState.error ?? regenerateState.error ?? deleteState.error ?? addState.error);

  const reveal = (result: { data?: { token: string; bot: { displayName: string } } }) => {
    if (!result.data) return;
    setCopied(false);
    setShown({ name: result.data.bot.displayName, token: result.data.token });
    reload();
  };

  async function create(event: FormEvent) {
    event.preventDefault();
    const result = await createBot({ name });
    if (result.data) setName('');
    reveal({ data: result.data?.createBot });
  }

  return (
    <section className="bots-section" aria-labelledby="bots-title">
      <h2 id="bots-title">My bots</h2>
      <form className="inline wrap" onSubmit={(e) => void create(e)}>
        <input
          className="field-input"
          aria-label="New bot name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Bot name"
        />
        <button type="submit" className="button primary" disabled={createState.fetching}>
          Create bot
        </button>
      </form>
      {shown && (
        <div className="token-box" role="region" aria-label="New bot token">
          <p>
            <strong>Token for {shown.name}</strong> — shown only this once. Anyone holding it acts as the bot: keep it secret.
          </p>
          <div className="inline wrap">
            <input
              className="field-input token-value"
              readOnly
              value={shown.token}
              aria-label="Bot token"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button
              type="button"
              className="button ghost"
              onClick={() =>
                void navigator.clipboard?.writeText(shown.token).then(
                  () => setCopied(true),
                  () => undefined,
                )
              }
            >
              {copied ? 'Copied' : 'Copy token'}
            </button>
            <span className="sr-only" role="status">
              {copied && `Copied the token of ${shown.name}.`}
            </span>
            <button type="button" className="button ghost" onClick={() => setShown(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      {apiError && <Alert>{apiError.message}</Alert>}
      {!data && fetching && <LoadingState label="Loading your bots…" />}
      {error && <ErrorState error={apiErrorOf(error)} onRetry={reload} />}
      {data?.myBots.length === 0 && <p className="muted">You have no bots yet.</p>}
      <ul className="bot-list" aria-label="Bots">
        {data?.myBots.map((bot) => (
          <li key={bot.id} className="bot-item">
            <span>
              <strong>{bot.displayName}</strong> <span className="muted small">@{bot.username}</span>
              <span className="muted small">
                {' '}
                — in {bot.botServers.length === 0 ? 'no server' : bot.botServers.map((s) => s.name).join(', ')}
              </span>
            </span>
            <span className="inline wrap">
              <AddToServer
                botName={bot.displayName}
                targets={targets.filter((t) => !bot.botServers.some((s) => s.id === t.id))}
                onAdd={(serverId) => void addBot({ botId: bot.id, serverId }).then(reload)}
              />
              <button
                type="button"
                className="button ghost"
                aria-label={`Regenerate token of ${bot.displayName}`}
                onClick={() =>
                  window.confirm(`New token for ${bot.displayName}? The old one stops working at once.`) &&
                  void regenerate({ botId: bot.id }).then((r) => reveal({ data: r.data?.regenerateBotToken }))
                }
              >
                Regenerate token
              </button>
              <button
                type="button"
                className="button danger"
                aria-label={`Delete bot ${bot.displayName}`}
                onClick={() =>
                  window.confirm(`Delete ${bot.displayName}? It leaves every server.`) && void deleteBot({ botId: bot.id }).then(reload)
                }
              >
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One button names the server; with several to choose from, a list picks which one it names. */
function AddToServer({ botName, targets, onAdd }: { botName: string; targets: readonly BotTarget[]; onAdd: (serverId: string) => void }) {
  const [chosenId, setChosenId] = useState('');
  const chosen = targets.find((t) => t.id === chosenId) ?? targets[0];
  if (!chosen) return null;
  return (
    <>
      {targets.length > 1 && (
        <select
          className="field-input bot-target"
          aria-label={`Server to add ${botName} to`}
          value={chosen.id}
          onChange={(e) => setChosenId(e.target.value)}
        >
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      <button type="button" className="button primary" onClick={() => onAdd(chosen.id)}>
        Add {botName} to {chosen.name}
      </button>
    </>
  );
}
