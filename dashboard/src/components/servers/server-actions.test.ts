import { describe, expect, it } from 'vitest';
import { opensSettings } from './server-actions';

describe('opensSettings', () => {
  it('opens the settings to voice moderators too, and not to plain members', () => {
    for (const permission of ['MUTE_MEMBERS', 'DEAFEN_MEMBERS', 'MOVE_MEMBERS', 'KICK_MEMBERS', 'ADMINISTRATOR'] as const)
      expect(opensSettings(['SEND_MESSAGES', permission])).toBe(true);
    expect(opensSettings(['VIEW_CHANNEL', 'SEND_MESSAGES', 'JOIN_VOICE', 'SPEAK', 'CREATE_INVITE'])).toBe(false);
  });
});
