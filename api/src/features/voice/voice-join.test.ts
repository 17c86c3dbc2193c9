import { beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import type { RunningApi } from '../../app.js';
import { GqlClient, signUp, type TestUser } from '../../../test/harness.js';
import { expectBadInput, expectForbidden, sleep } from '../../../test/fixtures.js';
import { JOIN_VOICE, ICE_SERVERS, type IceServerShape, voiceWorld } from '../../../test/voice-world.js';

// Two real API processes' code on one Redis prefix, real Postgres and Redis, real graphql-ws sockets.
describe('voice', () => {
  const kit = voiceWorld();
  const { on, world, voiceChannel, setOverwrite, join, statesIn, watchVoice } = kit;
  let apiA: RunningApi;
  let apiB: RunningApi;
  beforeAll(() => ({ apiA, apiB } = kit.apis()));

  describe('joinVoice', () => {
    it('returns the session, its channel, the participants already in, and ICE servers with coturn REST credentials', async () => {
      const { owner, members, serverId, voiceId } = await world(2);
      const [first, second] = members as [TestUser, TestUser];
      const watch = await watchVoice(apiB, owner, serverId);

      const s1 = await join(on(apiA, first), voiceId);
      expect(s1.sessionId).toMatch(/^\d+$/);
      expect(s1.channel).toEqual({ id: voiceId, type: 'VOICE' });
      expect(s1.participants).toEqual([]);

      const before = Math.floor(Date.now() / 1000);
      const s2 = await join(on(apiB, second), voiceId, { selfMute: true, selfDeaf: true });
      const after = Math.floor(Date.now() / 1000);
      expect(s2.sessionId).not.toBe(s1.sessionId);
      expect(s2.participants).toHaveLength(1);
      expect(s2.participants[0]).toMatchObject({
        sessionId: s1.sessionId,
        user: { id: first.id },
        channel: { id: voiceId },
        selfMute: false,
        selfDeaf: false,
        serverMute: false,
        serverDeaf: false,
      });
      expect(Number.isNaN(Date.parse(s2.participants[0]!.joinedAt))).toBe(false);

      // STUN as configured; TURN with username "<expiry>:<userId>" and credential base64(HMAC-SHA1(secret, username)).
      expect(s2.iceServers).toHaveLength(2);
      expect(s2.iceServers[0]).toEqual({ urls: ['stun:stun.example.test:3478'], username: null, credential: null });
      const turn = s2.iceServers[1]!;
      expect(turn.urls).toEqual(['turn:turn.example.test:3478']);
      const [expiry, userId] = turn.username!.split(':');
      expect(userId).toBe(second.id);
      expect(Number(expiry)).toBeGreaterThanOrEqual(before + 3600);
      expect(Number(expiry)).toBeLessThanOrEqual(after + 3600);
      expect(turn.credential).toBe(createHmac('sha1', 's3cret').update(turn.username!).digest('base64'));

      // Channel.voiceStates, read through the other instance, lists both sessions with their state.
      const states = await statesIn(on(apiA, owner), voiceId);
      expect(states.map((s) => s.sessionId).sort()).toEqual([s1.sessionId, s2.sessionId].sort());
      expect(states.find((s) => s.sessionId === s2.sessionId)).toMatchObject({
        user: { id: second.id },
        channel: { id: voiceId },
        selfMute: true,
        selfDeaf: true,
        serverMute: false,
      });

      // Both joins reached a serverEvents subscriber on API B.
      const e1 = await watch.waitFor((u) => u.sessionId === s1.sessionId, 'join of the first session');
      expect(e1).toMatchObject({
        channelId: voiceId,
        userId: first.id,
        state: { sessionId: s1.sessionId, user: { id: first.id }, channel: { id: voiceId }, selfMute: false },
      });
      const e2 = await watch.waitFor((u) => u.sessionId === s2.sessionId, 'join of the second session');
      expect(e2).toMatchObject({ channelId: voiceId, userId: second.id, state: { selfMute: true, selfDeaf: true, serverMute: false } });
    });

    it('iceServers answers the same shape for the caller, and needs a signed-in user', async () => {
      const user = await signUp(apiB, 'vice');
      const before = Math.floor(Date.now() / 1000);
      const data = await on(apiB, user).ok<{ iceServers: IceServerShape[] }>(ICE_SERVERS);
      const after = Math.floor(Date.now() / 1000);
      expect(data.iceServers).toHaveLength(2);
      expect(data.iceServers[0]).toEqual({ urls: ['stun:stun.example.test:3478'], username: null, credential: null });
      const turn = data.iceServers[1]!;
      expect(turn.urls).toEqual(['turn:turn.example.test:3478']);
      expect(turn.username).toMatch(new RegExp(`^\\d+:${user.id}$`));
      const expiry = Number(turn.username!.split(':')[0]);
      expect(expiry).toBeGreaterThanOrEqual(before + 3600);
      expect(expiry).toBeLessThanOrEqual(after + 3600);
      expect(turn.credential).toBe(createHmac('sha1', 's3cret').update(turn.username!).digest('base64'));

      expect((await new GqlClient(apiB.url).errorOf(ICE_SERVERS)).code).toBe('UNAUTHENTICATED');
    });

    it('starts server-muted without SPEAK (channel overwrite or @everyone role)', async () => {
      const { owner, members, serverId, voiceId, everyoneId } = await world(2);
      const [a, b] = members as [TestUser, TestUser];
      const quiet = await voiceChannel(owner, serverId, { name: 'quiet' });
      await setOverwrite(owner.client, quiet, 'ROLE', everyoneId, [], ['SPEAK']);

      const muted = await join(on(apiA, a), quiet);
      expect((await statesIn(on(apiB, owner), quiet)).find((s) => s.sessionId === muted.sessionId)).toMatchObject({
        serverMute: true,
        selfMute: false,
      });
      // Control: the same member in a channel without the overwrite may speak.
      const free = await join(on(apiA, b), voiceId);
      expect((await statesIn(on(apiB, owner), voiceId)).find((s) => s.sessionId === free.sessionId)).toMatchObject({ serverMute: false });

      // SPEAK taken from @everyone itself.
      await owner.client.ok('mutation($r: ID!, $i: RoleInput!) { updateRole(roleId: $r, input: $i) { id } }', {
        r: everyoneId,
        i: { permissions: ['VIEW_CHANNEL', 'SEND_MESSAGES', 'READ_MESSAGE_HISTORY', 'JOIN_VOICE'] },
      });
      const again = await join(on(apiB, b), voiceId);
      expect((await statesIn(on(apiA, owner), voiceId)).find((s) => s.sessionId === again.sessionId)).toMatchObject({
        user: { id: b.id },
        serverMute: true,
      });
    });

    it('refuses without JOIN_VOICE (FORBIDDEN), a text channel (BAD_USER_INPUT) and hidden or unknown channels (NOT_FOUND)', async () => {
      const { owner, members, serverId, textId, everyoneId } = await world(1);
      const [member] = members as [TestUser];
      const closed = await voiceChannel(owner, serverId, { name: 'closed' });
      await setOverwrite(owner.client, closed, 'ROLE', everyoneId, [], ['JOIN_VOICE']);
      const hidden = await voiceChannel(owner, serverId, { name: 'hidden', isPrivate: true });

      expectForbidden(await on(apiA, member).errorOf(JOIN_VOICE, { c: closed }), 'JOIN_VOICE');
      expectBadInput(await on(apiB, member).errorOf(JOIN_VOICE, { c: textId }), 'channelId');
      expect((await on(apiA, member).errorOf(JOIN_VOICE, { c: hidden })).code).toBe('NOT_FOUND');
      expect((await on(apiA, member).errorOf(JOIN_VOICE, { c: '123456789012345' })).code).toBe('NOT_FOUND');
      expect((await new GqlClient(apiA.url).errorOf(JOIN_VOICE, { c: closed })).code).toBe('UNAUTHENTICATED');

      // Nothing was joined anywhere; the owner (who sees everything) checks.
      expect(await statesIn(owner.client, closed)).toEqual([]);
      expect(await statesIn(owner.client, hidden)).toEqual([]);
      expect(await statesIn(owner.client, textId)).toEqual([]);
      // The owner can join the channel @everyone may not.
      await join(owner.client, closed);
      expect((await statesIn(owner.client, closed)).map((s) => s.user.id)).toEqual([owner.id]);
    });

    it('withholds VoiceStateUpdated of a hidden channel from members who cannot see it', async () => {
      const { owner, members, serverId, voiceId } = await world(1);
      const [plain] = members as [TestUser];
      const hidden = await voiceChannel(owner, serverId, { name: 'staff', isPrivate: true });
      const watch = await watchVoice(apiB, plain, serverId);

      const secret = await join(on(apiA, owner), hidden);
      // Moving to the public channel: the end of the hidden session is withheld too; the new one is visible.
      const open = await join(on(apiA, owner), voiceId);
      await watch.waitFor((u) => u.sessionId === open.sessionId, 'the public join');
      await sleep(200);
      expect(watch.updates().map((u) => u.sessionId)).toEqual([open.sessionId]);
      expect(watch.updates().some((u) => u.sessionId === secret.sessionId || u.channelId === hidden)).toBe(false);
    });
  });
});
