import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { Topic } from '../../realtime/topics.js';
import { type TestUser } from '../../../test/harness.js';
import { assignRole, createRole, expectForbidden, joinServer, sleep } from '../../../test/fixtures.js';
import { type Subscription } from '../../../test/ws-client.js';
import { found, JOIN_VOICE, LEAVE_VOICE, voiceWorld } from '../../../test/voice-world.js';

// Two real API processes' code on one Redis prefix, real Postgres and Redis, real graphql-ws sockets.
describe('voice', () => {
  const kit = voiceWorld();
  const { on, world, voiceChannel, setOverwrite, join, sessionIdsIn, watchVoice, signalsOf, expectCompleted } = kit;
  let apiA: RunningApi;
  let apiB: RunningApi;
  beforeAll(() => ({ apiA, apiB } = kit.apis()));

  describe('sessions end', () => {
    /** `user` in the server's voice channel (joined on A) with a live voiceSignals subscription (on B), and the owner watching (on A). */
    async function inVoice(w: Awaited<ReturnType<typeof world>>, user: TestUser, channelId = w.voiceId) {
      const watch = await watchVoice(apiA, w.owner, w.serverId);
      const session = await join(on(apiA, user), channelId);
      const signals = await signalsOf(apiB, user, session.sessionId);
      return { watch, session, signals: signals as Subscription<unknown> };
    }

    async function expectEnded(
      w: Awaited<ReturnType<typeof world>>,
      v: Awaited<ReturnType<typeof inVoice>>,
      user: TestUser,
      channelId = w.voiceId,
    ): Promise<void> {
      expect(await v.watch.ended(v.session.sessionId)).toEqual({
        channelId,
        userId: user.id,
        sessionId: v.session.sessionId,
        state: null,
        movedToSessionId: null,
      });
      await expectCompleted(v.signals);
      expect(await sessionIdsIn(on(apiB, w.owner), channelId)).not.toContain(v.session.sessionId);
    }

    /** A bystander's session that must survive whatever ends the other one. */
    async function bystander(w: Awaited<ReturnType<typeof world>>, user: TestUser, channelId = w.voiceId) {
      const session = await join(on(apiB, user), channelId);
      return async () => expect(await sessionIdsIn(on(apiA, w.owner), channelId)).toEqual([session.sessionId]);
    }

    it('on leaveVoice (own session only)', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      const v = await inVoice(w, user);
      const stays = await bystander(w, other);
      expect((await on(apiA, other).errorOf(LEAVE_VOICE, { id: v.session.sessionId })).code).toBe('NOT_FOUND');
      expect((await on(apiA, w.owner).errorOf(LEAVE_VOICE, { id: v.session.sessionId })).code).toBe('NOT_FOUND');
      expect(await sessionIdsIn(w.owner.client, w.voiceId)).toContain(v.session.sessionId);

      expect(await on(apiB, user).ok(LEAVE_VOICE, { id: v.session.sessionId })).toEqual({ leaveVoice: true });
      await expectEnded(w, v, user);
      await stays();
      expect((await on(apiB, user).errorOf(LEAVE_VOICE, { id: v.session.sessionId })).code).toBe('NOT_FOUND');
    });

    it('on kick', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      const v = await inVoice(w, user);
      const stays = await bystander(w, other);
      await on(apiB, w.owner).ok('mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }', { s: w.serverId, u: user.id });
      await expectEnded(w, v, user);
      await stays();
    });

    it('on ban', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      const v = await inVoice(w, user);
      const stays = await bystander(w, other);
      await on(apiB, w.owner).ok('mutation($s: ID!, $u: ID!) { banMember(serverId: $s, userId: $u) }', { s: w.serverId, u: user.id });
      await expectEnded(w, v, user);
      await stays();
      expect((await on(apiA, user).errorOf(JOIN_VOICE, { c: w.voiceId })).code).toBe('NOT_FOUND');
    });

    it('on a member overwrite denying JOIN_VOICE', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      const v = await inVoice(w, user);
      const stays = await bystander(w, other);
      await setOverwrite(on(apiB, w.owner), w.voiceId, 'MEMBER', user.id, [], ['JOIN_VOICE']);
      await expectEnded(w, v, user);
      await stays();
      expectForbidden(await on(apiB, user).errorOf(JOIN_VOICE, { c: w.voiceId }), 'JOIN_VOICE');
    });

    it('on removing the role that granted JOIN_VOICE', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      await w.owner.client.ok('mutation($r: ID!, $i: RoleInput!) { updateRole(roleId: $r, input: $i) { id } }', {
        r: w.everyoneId,
        i: { permissions: ['VIEW_CHANNEL', 'SEND_MESSAGES', 'READ_MESSAGE_HISTORY', 'SPEAK'] },
      });
      const voiceRole = await createRole(w.owner, w.serverId, { name: 'Voice', permissions: ['JOIN_VOICE'] });
      await assignRole(w.owner, w.serverId, user.id, voiceRole.id);
      await assignRole(w.owner, w.serverId, other.id, voiceRole.id);
      const v = await inVoice(w, user);
      const stays = await bystander(w, other);
      await on(apiB, w.owner).ok(
        'mutation($s: ID!, $u: ID!, $r: ID!) { removeRole(serverId: $s, userId: $u, roleId: $r) { user { id } } }',
        { s: w.serverId, u: user.id, r: voiceRole.id },
      );
      await expectEnded(w, v, user);
      await stays();
      expectForbidden(await on(apiA, user).errorOf(JOIN_VOICE, { c: w.voiceId }), 'JOIN_VOICE');
    });

    it('on a timeout', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      const v = await inVoice(w, user);
      const stays = await bystander(w, other);
      await on(apiB, w.owner).ok('mutation($s: ID!, $u: ID!) { timeoutMember(serverId: $s, userId: $u, seconds: 600) { user { id } } }', {
        s: w.serverId,
        u: user.id,
      });
      await expectEnded(w, v, user);
      await stays();
      // And rejoining while timed out says when the timeout ends, as sending a message does.
      const refused = await on(apiA, user).errorOf(JOIN_VOICE, { c: v.session.channel.id });
      expect(refused.code).toBe('TIMED_OUT');
      expect(typeof refused.extensions.until).toBe('string');
    });

    it('on channel deletion (every session in it, and only those)', async () => {
      const w = await world(3);
      const [user, second, other] = w.members as [TestUser, TestUser, TestUser];
      const doomed = await voiceChannel(w.owner, w.serverId, { name: 'doomed' });
      const v = await inVoice(w, user, doomed);
      const secondSession = await join(on(apiB, second), doomed);
      const secondSignals = await signalsOf(apiA, second, secondSession.sessionId);
      const stays = await bystander(w, other);
      await on(apiB, w.owner).ok('mutation($c: ID!) { deleteChannel(id: $c) }', { c: doomed });
      expect(await v.watch.ended(v.session.sessionId)).toEqual({
        channelId: doomed,
        userId: user.id,
        sessionId: v.session.sessionId,
        state: null,
        movedToSessionId: null,
      });
      expect(await v.watch.ended(secondSession.sessionId)).toEqual({
        channelId: doomed,
        userId: second.id,
        sessionId: secondSession.sessionId,
        state: null,
        movedToSessionId: null,
      });
      await expectCompleted(v.signals);
      await expectCompleted(secondSignals as Subscription<unknown>);
      await stays();
      // The sessions are gone for signalling too.
      expect((await on(apiA, user).errorOf(LEAVE_VOICE, { id: v.session.sessionId })).code).toBe('NOT_FOUND');
    });

    it('on presence timeout (every server)', async () => {
      const w = await world(2);
      const [user, other] = w.members as [TestUser, TestUser];
      const w2 = await world(0);
      await joinServer(user, w2.serverId);
      // The user has no socket (that would keep them online): the session is joined over HTTP.
      const watch = await watchVoice(apiA, w.owner, w.serverId);
      const watch2 = await watchVoice(apiB, w2.owner, w2.serverId);
      const session = await join(on(apiA, user), w.voiceId);
      const session2 = await join(on(apiB, user), w2.voiceId);
      const stays = await bystander(w, other);
      // What a voiceSignals subscription of this session would receive, listened to on the other instance.
      const onTopic: unknown[] = [];
      const stop = await apiB.services.bus.listen(Topic.voiceSignals(session.sessionId), (payload) => onTopic.push(payload));
      try {
        await apiA.services.presence.beat(user.id, 'test-device', 300);
        await sleep(400);
        expect(await apiA.services.presence.expire(user.id)).toBe('offline');
        expect(await watch.ended(session.sessionId)).toEqual({
          channelId: w.voiceId,
          userId: user.id,
          sessionId: session.sessionId,
          state: null,
          movedToSessionId: null,
        });
        expect(await watch2.ended(session2.sessionId)).toEqual({
          channelId: w2.voiceId,
          userId: user.id,
          sessionId: session2.sessionId,
          state: null,
          movedToSessionId: null,
        });
        await found(() => onTopic.find((p) => (p as { type?: string }).type === 'END'), 'END on the session signal topic');
        expect(await sessionIdsIn(on(apiB, w.owner), w.voiceId)).not.toContain(session.sessionId);
        expect(await sessionIdsIn(on(apiA, w2.owner), w2.voiceId)).toEqual([]);
        await stays();
      } finally {
        stop();
      }
    });
  });
});
