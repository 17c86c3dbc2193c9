'use client';

import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Alert } from '@/components/ui/alert';
import { apiErrorOf } from '@/lib/api-errors';
import { CreateChannelMutation, DeleteChannelMutation, ReorderChannelsMutation, UpdateChannelMutation } from './admin.operations';
import type { AdminChannel, AdminServer } from './admin-types';
import { channelFormProblem, channelUpdateInput, MAX_BITRATE_KBPS, MAX_TOPIC_LENGTH, MIN_BITRATE_KBPS } from './channel-form';
import { ChannelOverwrites } from './channel-overwrites';
import type { Me } from '@/components/permissions/hierarchy';
import { useLockReasons } from '@/components/permissions/lock-reasons';
import { ReorderList } from './reorder-list';
import { VoiceParticipants } from './voice-participants';

export const SLOWMODE_PRESETS: ReadonlyArray<[number, string]> = [
  [0, 'Off'],
  [5, '5 s'],
  [10, '10 s'],
  [30, '30 s'],
  [60, '1 min'],
  [300, '5 min'],
  [900, '15 min'],
  [3600, '1 h'],
  [21600, '6 h'],
];

export function ChannelsPanel({ server, me, onChanged }: { server: AdminServer; me: Me; onChanged: () => void }) {
  const channels = [...server.channels].sort((a, b) => a.position - b.position);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = channels.find((c) => c.id === selectedId);
  const [createState, createChannel] = useMutation(CreateChannelMutation);
  const [, reorderChannels] = useMutation(ReorderChannelsMutation);
  const [name, setName] = useState('');
  const [type, setType] = useState<'TEXT' | 'VOICE'>('TEXT');
  const [isPrivate, setPrivate] = useState(false);
  const reasons = useLockReasons(me, null);
  const manage = reasons.control('MANAGE_CHANNELS');

  async function create(event: FormEvent) {
    event.preventDefault();
    const result = await createChannel({ input: { serverId: server.id, name, type, isPrivate } });
    if (result.data) {
      setName('');
      setSelectedId(result.data.createChannel.id);
      onChanged();
    }
  }

  return (
    <section className="admin-section" aria-labelledby="channels-title">
      <h2 id="channels-title">Channels</h2>
      <div className="roles-layout">
        <div className="stack">
          {reasons.needsNote('MANAGE_CHANNELS')}
          <ReorderList
            label="Channels in order"
            noun="channel"
            lockedBy={manage['aria-describedby']}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onReorder={async (channelIds) => {
              const result = await reorderChannels({ serverId: server.id, channelIds });
              if (!result.error) return null;
              // The refusal may come from a list that is out of date (someone added one meanwhile): load it afresh.
              onChanged();
              return apiErrorOf(result.error)?.message ?? 'The channels could not be reordered.';
            }}
            items={channels.map((c) => ({
              id: c.id,
              name: c.name,
              pinned: null,
              content: (
                <>
                  {c.type === 'VOICE' ? `${c.name} (voice)` : `# ${c.name}`}
                  {c.isPrivate && <span className="muted small"> (private)</span>}
                </>
              ),
            }))}
          />
          <form className="stack" onSubmit={(e) => void create(e)} aria-label="Create a channel">
            <input
              className="field-input"
              aria-label="New channel name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="new-channel"
              {...manage}
            />
            <div className="inline wrap channel-create-row">
              <select
                className="field-input"
                aria-label="Channel type"
                value={type}
                onChange={(e) => setType(e.target.value as 'TEXT' | 'VOICE')}
                {...manage}
              >
                <option value="TEXT">Text</option>
                <option value="VOICE">Voice</option>
              </select>
              <label className="inline small">
                <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} {...manage} /> Private
              </label>
              <button className="button primary" type="submit" {...manage} disabled={manage.disabled || createState.fetching}>
                Create channel
              </button>
            </div>
            {createState.error && <Alert>{apiErrorOf(createState.error)?.message}</Alert>}
          </form>
        </div>
        {selected ? (
          <ChannelEditor
            key={selected.id}
            me={me}
            channel={selected}
            server={server}
            onChanged={onChanged}
            onDeleted={() => setSelectedId(null)}
          />
        ) : (
          <p className="muted">Pick a channel to edit it and its permissions.</p>
        )}
      </div>
    </section>
  );
}

function ChannelEditor(props: { me: Me; channel: AdminChannel; server: AdminServer; onChanged: () => void; onDeleted: () => void }) {
  const { channel } = props;
  const [name, setName] = useState(channel.name);
  const [topic, setTopic] = useState(channel.topic ?? '');
  const [slowmode, setSlowmode] = useState(channel.slowmodeSeconds);
  const [userLimit, setUserLimit] = useState(channel.userLimit);
  const [bitrateKbps, setBitrateKbps] = useState(channel.bitrate / 1000);
  const [isPrivate, setPrivate] = useState(channel.isPrivate);
  const [updateState, updateChannel] = useMutation(UpdateChannelMutation);
  const [deleteState, deleteChannel] = useMutation(DeleteChannelMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const reasons = useLockReasons(props.me, null);
  const manage = reasons.control('MANAGE_CHANNELS');

  async function save(event: FormEvent) {
    event.preventDefault();
    const form = { type: channel.type, name, topic, slowmodeSeconds: slowmode, userLimit, bitrateKbps };
    const reason = channelFormProblem(form);
    setProblem(reason);
    if (reason) return;
    const input = { ...channelUpdateInput(form), isPrivate };
    const result = await updateChannel({ id: channel.id, input });
    if (!result.error) props.onChanged();
  }

  async function remove() {
    if (!window.confirm(`Delete #${channel.name} and all its messages?`)) return;
    const result = await deleteChannel({ id: channel.id });
    if (!result.error) {
      props.onDeleted();
      props.onChanged();
    }
  }

  return (
    <div className="stack">
      {/* noValidate: our own check names the reason (the browser's bubble would not reach a screen reader the same way). */}
      <form className="stack" noValidate onSubmit={(e) => void save(e)} aria-label={`Edit channel ${channel.name}`}>
        {reasons.needsNote('MANAGE_CHANNELS')}
        <fieldset className="plain-fieldset" {...manage}>
          <div className="admin-filters">
            <label className="field">
              <span className="field-label">Name</span>
              <input className="field-input" value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            {channel.type === 'TEXT' && (
              <label className="field">
                <span className="field-label">Topic (shown in the channel header, up to {MAX_TOPIC_LENGTH} characters)</span>
                <input className="field-input" value={topic} onChange={(e) => setTopic(e.target.value)} />
              </label>
            )}
            <label className="field">
              <span className="field-label">Slowmode (seconds, 0 to 21600)</span>
              <input className="field-input" type="number" value={slowmode} onChange={(e) => setSlowmode(Number(e.target.value))} />
            </label>
            {channel.type === 'VOICE' && (
              <label className="field">
                <span className="field-label">User limit (0 = none)</span>
                <input
                  className="field-input"
                  type="number"
                  min={0}
                  value={userLimit}
                  onChange={(e) => setUserLimit(Number(e.target.value))}
                />
              </label>
            )}
            {channel.type === 'VOICE' && (
              <label className="field">
                <span className="field-label">
                  Bitrate (kbps, {MIN_BITRATE_KBPS} to {MAX_BITRATE_KBPS})
                </span>
                <input
                  className="field-input"
                  type="number"
                  min={MIN_BITRATE_KBPS}
                  max={MAX_BITRATE_KBPS}
                  value={bitrateKbps}
                  onChange={(e) => setBitrateKbps(Number(e.target.value))}
                />
              </label>
            )}
          </div>
          <div className="inline wrap" role="group" aria-label="Slowmode presets">
            {SLOWMODE_PRESETS.map(([seconds, label]) => (
              <button
                key={seconds}
                type="button"
                className={slowmode === seconds ? 'chip selected' : 'chip'}
                onClick={() => setSlowmode(seconds)}
              >
                {label}
              </button>
            ))}
          </div>
          <label className="inline">
            <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} /> Private: only roles and members
            given View channels below can see it
          </label>
          {(problem || updateState.error || deleteState.error) && (
            <Alert>{problem ?? apiErrorOf(updateState.error ?? deleteState.error)?.message}</Alert>
          )}
          <div className="inline">
            <button type="submit" className="button primary" {...manage} disabled={manage.disabled || updateState.fetching}>
              Save channel
            </button>
            <button type="button" className="button danger" onClick={() => void remove()} {...manage}>
              Delete channel
            </button>
          </div>
        </fieldset>
      </form>
      {channel.type === 'VOICE' && <VoiceParticipants channel={channel} server={props.server} me={props.me} onChanged={props.onChanged} />}
      <ChannelOverwrites {...props} />
    </div>
  );
}
