import { describe, expect, it } from 'vitest';
import { voiceErrorFrom } from './voice-errors';
import { VoiceRequestError } from './voice-signalling';

const domError = (name: string) => Object.assign(new Error('browser said no'), { name });

describe('voiceErrorFrom', () => {
  it('a denied microphone says how to allow it', () => {
    const error = voiceErrorFrom(domError('NotAllowedError'));
    expect(error.kind).toBe('MICROPHONE_DENIED');
    expect(error.message).toMatch(/Microphone access was denied/);
  });

  it('a missing or busy microphone is told apart from a denied one', () => {
    expect(voiceErrorFrom(domError('NotFoundError')).kind).toBe('MICROPHONE_UNAVAILABLE');
    expect(voiceErrorFrom(domError('NotReadableError')).kind).toBe('MICROPHONE_UNAVAILABLE');
  });

  it('CHANNEL_FULL names the limit', () => {
    const error = voiceErrorFrom(new VoiceRequestError('full', 'CHANNEL_FULL', { userLimit: 2 }));
    expect(error).toEqual({ kind: 'CHANNEL_FULL', message: expect.stringMatching(/full \(limit 2\)/) });
  });

  it('FORBIDDEN on join is the missing connect permission', () => {
    const error = voiceErrorFrom(new VoiceRequestError('Missing permission JOIN_VOICE', 'FORBIDDEN', { permission: 'JOIN_VOICE' }));
    expect(error.kind).toBe('NO_JOIN_PERMISSION');
    expect(error.message).toMatch(/permission to connect/);
  });

  it('a timed-out member is told why', () => {
    expect(voiceErrorFrom(new VoiceRequestError('timed out', 'TIMED_OUT')).kind).toBe('TIMED_OUT');
  });

  it('anything else keeps its message', () => {
    expect(voiceErrorFrom(new VoiceRequestError('boom', 'NOT_FOUND'))).toEqual({ kind: 'FAILED', message: 'Could not join voice: boom' });
    expect(voiceErrorFrom(new Error('odd'))).toEqual({ kind: 'FAILED', message: 'Voice failed: odd' });
  });
});
