import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { type TestUser } from '../../../test/harness.js';
import { joinServer } from '../../../test/fixtures.js';
import { type Subscription } from '../../../test/ws-client.js';
import { LEAVE_VOICE, voiceWorld } from '../../../test/voice-world.js';

// Two real API processes' code on one Redis prefix, real Postgres and Redis, real graphql-ws sockets.
describe('voice', () => {
  const kit = voiceWorld();
  const { on, world, voiceChannel, join, sessionIdsIn, watchVoice, signalsOf, expectCompleted } = kit;
  let apiA: RunningApi;
  let apiB: RunningApi;
  beforeAll(() => ({ apiA, apiB } = kit.apis()));

  describe('one session per server', () => {
    it('joining another voice channel of the same server moves the user; other servers are independent', async () => {
      const { owner, members, serverId, voiceId } = await world(1);
      const [user] = members as [TestUser];
      const other = await voiceChannel(owner, serverId, { name: 'other' });
      const watch = await watchVoice(apiA, owner, serverId);

      const first = await join(on(apiA, user), voiceId);
      const signals = await signalsOf(apiB, user, first.sessionId);
      const second = await join(on(apiB, user), other);
      expect(second.sessionId).not.toBe(first.sessionId);

      const ended = await watch.ended(first.sessionId);
      expect(ended).toEqual({ channelId: voiceId, userId: user.id, sessionId: first.sessionId, state: null, movedToSessionId: null });
      await expectCompleted(signals as Subscription<unknown>);
      await watch.waitFor((u) => u.sessionId === second.sessionId && u.state?.channel.id === other, 'the new session');
      expect(await sessionIdsIn(on(apiA, owner), voiceId)).toEqual([]);
      expect(await sessionIdsIn(on(apiB, owner), other)).toEqual([second.sessionId]);
      // The old session is gone for every operation.
      expect((await on(apiA, user).errorOf(LEAVE_VOICE, { id: first.sessionId })).code).toBe('NOT_FOUND');

      // Rejoining the same channel replaces the session too (never two sessions of one user there).
      const third = await join(on(apiA, user), other);
      await watch.ended(second.sessionId);
      expect(await sessionIdsIn(on(apiA, owner), other)).toEqual([third.sessionId]);

      // A session in another server does not end this one.
      const elsewhere = await world(0);
      await joinServer(user, elsewhere.serverId);
      const foreign = await join(on(apiB, user), elsewhere.voiceId);
      expect(await sessionIdsIn(on(apiA, owner), other)).toEqual([third.sessionId]);
      expect(await sessionIdsIn(on(apiA, elsewhere.owner), elsewhere.voiceId)).toEqual([foreign.sessionId]);
    });
  });
});
