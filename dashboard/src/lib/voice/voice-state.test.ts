import { describe, expect, it } from 'vitest';
import { initialVoiceSnapshot, isHearing, isTransmitting, voiceReducer, type VoiceEvent, type VoiceSnapshot } from './voice-state';

const quiet = { selfMute: false, selfDeaf: false, serverMute: false, serverDeaf: false };
const failure = { kind: 'CHANNEL_FULL', message: 'full' } as const;

function apply(...events: VoiceEvent[]): VoiceSnapshot {
  return events.reduce(voiceReducer, initialVoiceSnapshot);
}

const joining: VoiceEvent = { type: 'JOIN_REQUESTED', serverId: 's1', channelId: 'c1' };
const joined: VoiceEvent = { type: 'JOINED', sessionId: 'me', channelId: 'c1', self: quiet };

describe('voiceReducer', () => {
  it('idle -> joining -> joined, keeping where and which session', () => {
    const state = apply(joining, joined);
    expect(state).toMatchObject({ status: 'joined', serverId: 's1', channelId: 'c1', sessionId: 'me', error: null });
  });

  it('takes the server-side flags the API gave on joining (joined server-muted without SPEAK)', () => {
    const state = apply(joining, { ...joined, self: { ...quiet, serverMute: true } } as VoiceEvent);
    expect(state.serverMute).toBe(true);
    expect(isTransmitting(state)).toBe(false);
  });

  it('a join that failed returns to idle with the error, and the next join clears it', () => {
    const failed = apply(joining, { type: 'FAILED', error: failure });
    expect(failed).toMatchObject({ status: 'idle', channelId: null, error: failure });
    expect(voiceReducer(failed, joining)).toMatchObject({ status: 'joining', error: null });
  });

  it('a JOINED that arrives after leaving is ignored', () => {
    expect(apply(joining, { type: 'LEFT' }, joined)).toMatchObject({ status: 'idle', sessionId: null });
  });

  it('leaving forgets the channel and peers but keeps self mute and deafen', () => {
    const state = apply(
      joining,
      joined,
      { type: 'FLAGS', flags: { selfMute: true, serverDeaf: true } },
      { type: 'PEER', peer: { sessionId: 'p1', userId: 'u1', connectionState: 'connected' } },
      { type: 'LEFT' },
    );
    expect(state).toEqual({ ...initialVoiceSnapshot, selfMute: true });
  });

  it('the API ending the session returns to idle with a reason; once idle, a late end changes nothing', () => {
    const ended = apply(joining, joined, { type: 'ENDED', error: { kind: 'SESSION_ENDED', message: 'bye' } });
    expect(ended).toMatchObject({ status: 'idle', error: { kind: 'SESSION_ENDED' } });
    expect(voiceReducer(initialVoiceSnapshot, { type: 'ENDED', error: failure })).toBe(initialVoiceSnapshot);
  });

  it('a move switches session and channel, takes the flags the member arrived with, and forgets the old peers', () => {
    const state = apply(
      joining,
      joined,
      { type: 'FLAGS', flags: { selfDeaf: true } },
      { type: 'PEER', peer: { sessionId: 'p1', userId: 'u1', connectionState: 'connected' } },
      { type: 'SPEAKING', speaking: ['p1', 'me'] },
      { type: 'MOVED', sessionId: 'me2', channelId: 'c2', self: { ...quiet, selfDeaf: true, serverMute: true } },
    );
    expect(state).toMatchObject({ status: 'joined', serverId: 's1', channelId: 'c2', sessionId: 'me2', peers: [], speaking: [] });
    expect(state).toMatchObject({ selfMute: false, selfDeaf: true, serverMute: true, serverDeaf: false, error: null });
  });

  it('a move that arrives when not joined changes nothing', () => {
    const move: VoiceEvent = { type: 'MOVED', sessionId: 'me2', channelId: 'c2', self: quiet };
    expect(voiceReducer(initialVoiceSnapshot, move)).toBe(initialVoiceSnapshot);
    const pending = apply(joining);
    expect(voiceReducer(pending, move)).toBe(pending);
  });

  it('tracks each peer connection state, replacing in place, and drops a peer with its speaking flag', () => {
    const peer = (connectionState: RTCPeerConnectionState) =>
      ({ type: 'PEER', peer: { sessionId: 'p1', userId: 'u1', connectionState } }) as const;
    let state = apply(joining, joined, peer('new'), peer('connecting'), { type: 'SPEAKING', speaking: ['p1'] });
    expect(state.peers).toEqual([{ sessionId: 'p1', userId: 'u1', connectionState: 'connecting' }]);
    state = voiceReducer(state, peer('failed'));
    expect(state.peers.map((p) => p.connectionState)).toEqual(['failed']);
    expect(voiceReducer(state, peer('failed'))).toBe(state);
    state = voiceReducer(state, { type: 'PEER_GONE', sessionId: 'p1' });
    expect(state.peers).toEqual([]);
    expect(state.speaking).toEqual([]);
  });

  it('ignores peers while not joined', () => {
    const state = apply(joining, { type: 'PEER', peer: { sessionId: 'p1', userId: 'u1', connectionState: 'new' } });
    expect(state.peers).toEqual([]);
  });

  it('keeps the same object when the speaking set did not change (no re-render)', () => {
    const state = apply(joining, joined, { type: 'SPEAKING', speaking: ['me', 'p1'] });
    expect(voiceReducer(state, { type: 'SPEAKING', speaking: ['p1', 'me'] })).toBe(state);
    expect(voiceReducer(state, { type: 'SPEAKING', speaking: ['p1'] }).speaking).toEqual(['p1']);
  });

  it('a lost signalling connection is noted only while joined, and forgotten on leaving', () => {
    const lost = apply(joining, joined, { type: 'SIGNALLING', lost: true });
    expect(lost).toMatchObject({ status: 'joined', signallingLost: true });
    expect(voiceReducer(lost, { type: 'SIGNALLING', lost: false }).signallingLost).toBe(false);
    expect(voiceReducer(lost, { type: 'LEFT' }).signallingLost).toBe(false);
    expect(apply(joining, { type: 'SIGNALLING', lost: true }).signallingLost).toBe(false);
  });

  it('an error in a live session keeps the session; dismissing clears it', () => {
    const state = apply(joining, joined, { type: 'ERROR', error: failure });
    expect(state).toMatchObject({ status: 'joined', error: failure });
    expect(voiceReducer(state, { type: 'DISMISS_ERROR' })).toMatchObject({ status: 'joined', error: null });
  });
});

describe('who transmits and who hears', () => {
  it.each([
    [{}, true, true],
    [{ selfMute: true }, false, true],
    [{ serverMute: true }, false, true],
    [{ selfDeaf: true }, false, false],
    [{ serverDeaf: true }, false, false],
  ])('%o -> transmitting %s, hearing %s', (flags, transmitting, hearing) => {
    expect(isTransmitting({ ...quiet, ...flags })).toBe(transmitting);
    expect(isHearing({ ...quiet, ...flags })).toBe(hearing);
  });
});
