import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { type TestUser } from '../../../test/harness.js';
import { UPDATE_STATE, type VoiceStateShape, voiceWorld } from '../../../test/voice-world.js';

// Two real API processes' code on one Redis prefix, real Postgres and Redis, real graphql-ws sockets.
describe('voice', () => {
  const kit = voiceWorld();
  const { on, world, join, statesIn, watchVoice } = kit;
  let apiA: RunningApi;
  let apiB: RunningApi;
  beforeAll(() => ({ apiA, apiB } = kit.apis()));

  describe('updateVoiceState', () => {
    it('changes selfMute/selfDeaf of the caller’s own session only, field by field, and publishes it', async () => {
      const { owner, members, serverId, voiceId } = await world(2);
      const [p, q] = members as [TestUser, TestUser];
      const watch = await watchVoice(apiA, owner, serverId);
      const ps = await join(on(apiA, p), voiceId);
      await join(on(apiB, q), voiceId);

      const muted = await on(apiB, p).ok<{ updateVoiceState: VoiceStateShape }>(UPDATE_STATE, { id: ps.sessionId, m: true });
      expect(muted.updateVoiceState).toMatchObject({
        sessionId: ps.sessionId,
        user: { id: p.id },
        channel: { id: voiceId },
        selfMute: true,
        selfDeaf: false,
        serverMute: false,
      });
      await watch.waitFor((u) => u.sessionId === ps.sessionId && u.state?.selfMute === true, 'the self-mute');

      const deaf = await on(apiA, p).ok<{ updateVoiceState: VoiceStateShape }>(UPDATE_STATE, { id: ps.sessionId, d: true });
      expect(deaf.updateVoiceState).toMatchObject({ selfMute: true, selfDeaf: true });
      await watch.waitFor((u) => u.sessionId === ps.sessionId && u.state?.selfDeaf === true && u.state.selfMute, 'the self-deafen');

      expect((await on(apiB, q).errorOf(UPDATE_STATE, { id: ps.sessionId, m: false, d: false })).code).toBe('NOT_FOUND');
      expect((await on(apiB, owner).errorOf(UPDATE_STATE, { id: ps.sessionId, m: false })).code).toBe('NOT_FOUND');
      expect((await on(apiA, p).errorOf(UPDATE_STATE, { id: 'x', m: false })).code).toBe('NOT_FOUND');
      expect((await statesIn(owner.client, voiceId)).find((s) => s.sessionId === ps.sessionId)).toMatchObject({
        selfMute: true,
        selfDeaf: true,
      });

      const unmuted = await on(apiA, p).ok<{ updateVoiceState: VoiceStateShape }>(UPDATE_STATE, { id: ps.sessionId, m: false });
      expect(unmuted.updateVoiceState).toMatchObject({ selfMute: false, selfDeaf: true });
      expect((await statesIn(owner.client, voiceId)).find((s) => s.sessionId === ps.sessionId)).toMatchObject({
        selfMute: false,
        selfDeaf: true,
      });
    });
  });
});
