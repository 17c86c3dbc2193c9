import { describe, expect, it } from 'vitest';
import { rateLimitSentence } from './rate-limit-sentence';

const limits = {
  channelMessageLimit: 5,
  channelMessageWindowSeconds: 5,
  serverMessageLimit: 0,
  serverMessageWindowSeconds: 10,
  escalationEnabled: true,
  escalationRefusals: 3,
  escalationWindowSeconds: 60,
  escalationTimeoutSeconds: 300,
};

describe('rateLimitSentence', () => {
  it('says what the numbers mean', () => {
    expect(rateLimitSentence(limits)).toBe(
      'More than 5 messages in 5 s in one channel is refused; 3 refusals in 60 s gives a 5-minute timeout.',
    );
  });

  it('names the server-wide limit and a disabled escalation', () => {
    expect(rateLimitSentence({ ...limits, serverMessageLimit: 20, serverMessageWindowSeconds: 3600, escalationEnabled: false })).toBe(
      'More than 5 messages in 5 s in one channel is refused; more than 20 messages in 1 hour across the server is refused; refusals never lead to a timeout.',
    );
  });
});
