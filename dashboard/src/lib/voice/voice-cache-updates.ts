import type { Cache } from '@urql/exchange-graphcache';

interface VoiceStateEvent {
  __typename?: string;
  sessionId?: string;
  state?: { channel?: { id?: string } } | null;
}

/**
 * Keeps each voice channel's `voiceStates` list current from VoiceStateUpdated server events: the
 * session leaves whatever channel listed it and, unless it ended, joins the one its state names.
 * Only serverEvents selections that include `sessionId` and `state { channel { id } }` drive it.
 */
export function applyVoiceStateEvent(event: VoiceStateEvent | null | undefined, serverId: string, cache: Cache): void {
  if (event?.__typename !== 'VoiceStateUpdated' || typeof event.sessionId !== 'string' || event.state === undefined) return;
  const stateKey = cache.keyOfEntity({ __typename: 'VoiceState', sessionId: event.sessionId });
  if (!stateKey) return;
  const target = event.state?.channel?.id;
  // A live state whose channel this selection did not ask for: nothing to place it by.
  if (event.state && !target) return;
  const channels = cache.resolve({ __typename: 'Server', id: serverId }, 'channels');
  if (!Array.isArray(channels)) return;
  for (const channelKey of channels) {
    if (typeof channelKey !== 'string') continue;
    const resolved = cache.resolve(channelKey, 'voiceStates');
    if (!Array.isArray(resolved)) continue;
    const listed = resolved as string[];
    const isTarget = Boolean(target) && cache.resolve(channelKey, 'id') === target;
    if (isTarget && !listed.includes(stateKey)) cache.link(channelKey, 'voiceStates', [...listed, stateKey]);
    else if (!isTarget && listed.includes(stateKey))
      cache.link(
        channelKey,
        'voiceStates',
        listed.filter((key) => key !== stateKey),
      );
  }
}
