import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { type TestUser } from '../../../test/harness.js';
import { assignRole, auditLog, changesOf, createRole, expectBadInput, expectForbidden, until } from '../../../test/fixtures.js';
import { type Subscription } from '../../../test/ws-client.js';
import { LEAVE_VOICE, UPDATE_STATE, MODERATE, voiceWorld } from '../../../test/voice-world.js';

// Two real API processes' code on one Redis prefix, real Postgres and Redis, real graphql-ws sockets.
describe('voice', () => {
  const kit = voiceWorld();
  const { on, world, voiceChannel, setOverwrite, join, statesIn, sessionIdsIn, watchVoice, signalsOf, expectCompleted } = kit;
  let apiA: RunningApi;
  let apiB: RunningApi;
  beforeAll(() => ({ apiA, apiB } = kit.apis()));

  describe('moderateVoice', () => {
    it('a server mute or deafen belongs to the member: leaving and rejoining does not lift it, unmuting does', async () => {
      const { owner, members, serverId, voiceId } = await world(1);
      const [target] = members as [TestUser];
      const first = await join(on(apiA, target), voiceId);
      await on(apiB, owner).ok(MODERATE, { s: serverId, u: target.id, m: true, d: true });
      await on(apiA, target).ok(LEAVE_VOICE, { id: first.sessionId });
      const second = await join(on(apiB, target), voiceId);
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ sessionId: second.sessionId, serverMute: true, serverDeaf: true }]);
      await on(apiA, owner).ok(MODERATE, { s: serverId, u: target.id, m: false, d: false });
      await on(apiB, target).ok(LEAVE_VOICE, { id: second.sessionId });
      const third = await join(on(apiA, target), voiceId);
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ sessionId: third.sessionId, serverMute: false, serverDeaf: false }]);
    });

    it('checks MUTE_MEMBERS, DEAFEN_MEMBERS and MOVE_MEMBERS per action, and audits and publishes each', async () => {
      const { owner, members, serverId, voiceId } = await world(5);
      const [muter, deafener, mover, plain, target] = members as [TestUser, TestUser, TestUser, TestUser, TestUser];
      const roles = await Promise.all([
        createRole(owner, serverId, { name: 'Muter', permissions: ['MUTE_MEMBERS'] }),
        createRole(owner, serverId, { name: 'Deafener', permissions: ['DEAFEN_MEMBERS'] }),
        createRole(owner, serverId, { name: 'Mover', permissions: ['MOVE_MEMBERS'] }),
      ]);
      await assignRole(owner, serverId, muter.id, roles[0].id);
      await assignRole(owner, serverId, deafener.id, roles[1].id);
      await assignRole(owner, serverId, mover.id, roles[2].id);
      const other = await voiceChannel(owner, serverId, { name: 'other' });
      const watch = await watchVoice(apiB, owner, serverId);
      const session = await join(on(apiA, target), voiceId);
      const signals = await signalsOf(apiA, target, session.sessionId);
      const m = (actor: TestUser, vars: Record<string, unknown>) =>
        on(actor === mover || actor === plain ? apiB : apiA, actor).errorOf(MODERATE, { s: serverId, u: target.id, ...vars });

      expectForbidden(await m(plain, { m: true }), 'MUTE_MEMBERS');
      expectForbidden(await m(deafener, { m: true }), 'MUTE_MEMBERS');
      expectForbidden(await m(mover, { m: true }), 'MUTE_MEMBERS');
      expectForbidden(await m(plain, { d: true }), 'DEAFEN_MEMBERS');
      expectForbidden(await m(muter, { d: true }), 'DEAFEN_MEMBERS');
      expectForbidden(await m(muter, { m: true, d: true }), 'DEAFEN_MEMBERS');
      expectForbidden(await m(muter, { x: true }), 'MOVE_MEMBERS');
      expectForbidden(await m(deafener, { x: true }), 'MOVE_MEMBERS');
      expectForbidden(await m(muter, { to: other }), 'MOVE_MEMBERS');
      expectForbidden(await m(plain, { to: other }), 'MOVE_MEMBERS');
      // Nothing changed, nothing was audited.
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ sessionId: session.sessionId, serverMute: false, serverDeaf: false }]);
      expect((await auditLog(owner, serverId)).filter((e) => e.action.startsWith('VOICE_'))).toEqual([]);

      // Server mute.
      expect(await on(apiA, muter).ok(MODERATE, { s: serverId, u: target.id, m: true })).toEqual({ moderateVoice: true });
      await watch.waitFor((u) => u.sessionId === session.sessionId && u.state?.serverMute === true, 'the server mute');
      // The member's own unmute does not undo it.
      await on(apiA, target).ok(UPDATE_STATE, { id: session.sessionId, m: false });
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ sessionId: session.sessionId, serverMute: true, selfMute: false }]);

      // Server deafen.
      expect(await on(apiB, deafener).ok(MODERATE, { s: serverId, u: target.id, d: true })).toEqual({ moderateVoice: true });
      await watch.waitFor(
        (u) => u.sessionId === session.sessionId && u.state?.serverDeaf === true && u.state.serverMute,
        'the server deafen',
      );

      // Move: the old session ends naming the new one in the destination (so the member's client
      // follows it), which keeps the server mute and deafen.
      expect(await on(apiB, mover).ok(MODERATE, { s: serverId, u: target.id, to: other })).toEqual({ moderateVoice: true });
      const oldEnded = await watch.ended(session.sessionId);
      await expectCompleted(signals as Subscription<unknown>);
      const moved = await watch.waitFor((u) => u.userId === target.id && u.channelId === other && u.state !== null, 'the moved session');
      expect(moved.sessionId).not.toBe(session.sessionId);
      expect(oldEnded).toEqual({
        channelId: voiceId,
        userId: target.id,
        sessionId: session.sessionId,
        state: null,
        movedToSessionId: moved.sessionId,
      });
      expect(moved.movedToSessionId).toBeNull();
      expect(moved.state).toMatchObject({ user: { id: target.id }, channel: { id: other }, serverMute: true, serverDeaf: true });
      expect(await sessionIdsIn(owner.client, voiceId)).toEqual([]);
      expect(await sessionIdsIn(owner.client, other)).toEqual([moved.sessionId]);

      // Disconnect.
      const movedSignals = await signalsOf(apiB, target, moved.sessionId);
      expect(await on(apiA, mover).ok(MODERATE, { s: serverId, u: target.id, x: true })).toEqual({ moderateVoice: true });
      expect(await watch.ended(moved.sessionId)).toEqual({
        channelId: other,
        userId: target.id,
        sessionId: moved.sessionId,
        state: null,
        movedToSessionId: null,
      });
      await expectCompleted(movedSignals as Subscription<unknown>);
      expect(await sessionIdsIn(owner.client, other)).toEqual([]);
      // Nobody left to moderate.
      expect((await on(apiA, muter).errorOf(MODERATE, { s: serverId, u: target.id, m: false })).code).toBe('NOT_FOUND');

      const entries = (await auditLog(owner, serverId)).filter((e) => e.action.startsWith('VOICE_')).reverse();
      expect(entries.map((e) => [e.action, e.actor?.id, e.targetId])).toEqual([
        ['VOICE_MUTE', muter.id, target.id],
        ['VOICE_DEAFEN', deafener.id, target.id],
        ['VOICE_MOVE', mover.id, target.id],
        ['VOICE_DISCONNECT', mover.id, target.id],
      ]);
      expect(changesOf(entries[0]!)).toEqual({ serverMute: [false, true] });
      expect(changesOf(entries[1]!)).toEqual({ serverDeaf: [false, true] });
      expect(changesOf(entries[2]!)).toEqual({ channel: [voiceId, other] });
      expect(changesOf(entries[3]!)).toEqual({ channel: [other, null] });
    });

    it('moves only into a voice channel of the server that the member may join', async () => {
      const { owner, members, serverId, voiceId, textId } = await world(1);
      const [target] = members as [TestUser];
      const closed = await voiceChannel(owner, serverId, { name: 'closed' });
      await setOverwrite(owner.client, closed, 'MEMBER', target.id, [], ['JOIN_VOICE']);
      const session = await join(on(apiA, target), voiceId);
      expectBadInput(await owner.client.errorOf(MODERATE, { s: serverId, u: target.id, to: textId }), 'moveToChannelId');
      expectForbidden(await owner.client.errorOf(MODERATE, { s: serverId, u: target.id, to: closed }), 'JOIN_VOICE');
      const foreign = await world(0);
      expectBadInput(await owner.client.errorOf(MODERATE, { s: serverId, u: target.id, to: foreign.voiceId }), 'moveToChannelId');
      // A refused move refuses the whole call: no mute or deafen applied without its audit entry.
      expectBadInput(await owner.client.errorOf(MODERATE, { s: serverId, u: target.id, m: true, d: true, to: textId }), 'moveToChannelId');
      expectForbidden(await owner.client.errorOf(MODERATE, { s: serverId, u: target.id, m: true, to: closed }), 'JOIN_VOICE');
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ sessionId: session.sessionId, serverMute: false, serverDeaf: false }]);
      expect(await sessionIdsIn(owner.client, voiceId)).toEqual([session.sessionId]);
      expect((await auditLog(owner, serverId)).filter((e) => e.action.startsWith('VOICE_'))).toEqual([]);
    });

    it('mutes and moves in one call: the member arrives muted, and both are audited', async () => {
      const { owner, members, serverId, voiceId } = await world(1);
      const [target] = members as [TestUser];
      const other = await voiceChannel(owner, serverId, { name: 'other' });
      const session = await join(on(apiA, target), voiceId);
      expect(await on(apiB, owner).ok(MODERATE, { s: serverId, u: target.id, m: true, d: true, to: other })).toEqual({
        moderateVoice: true,
      });
      expect(await sessionIdsIn(owner.client, voiceId)).toEqual([]);
      const [moved] = await statesIn(owner.client, other);
      expect(moved).toMatchObject({ user: { id: target.id }, serverMute: true, serverDeaf: true });
      expect(moved!.sessionId).not.toBe(session.sessionId);
      const actions = (await auditLog(owner, serverId)).filter((e) => e.action.startsWith('VOICE_')).map((e) => e.action);
      expect(actions.sort()).toEqual(['VOICE_DEAFEN', 'VOICE_MOVE', 'VOICE_MUTE']);
    });

    it('respects the hierarchy: nobody mutes, deafens, moves or disconnects the owner or a member ranked at or above them', async () => {
      const { owner, members, serverId, voiceId } = await world(2);
      const [moderator, senior] = members as [TestUser, TestUser];
      const powers = ['MUTE_MEMBERS', 'DEAFEN_MEMBERS', 'MOVE_MEMBERS'];
      const low = await createRole(owner, serverId, { name: 'Low mod', permissions: powers });
      const high = await createRole(owner, serverId, { name: 'High', permissions: [] });
      await assignRole(owner, serverId, moderator.id, low.id);
      await assignRole(owner, serverId, senior.id, high.id);
      await join(on(apiA, owner), voiceId);
      await join(on(apiB, senior), voiceId);
      const other = await voiceChannel(owner, serverId, { name: 'elsewhere' });
      for (const target of [owner, senior]) {
        for (const vars of [{ m: true }, { d: true }, { x: true }, { to: other }]) {
          const error = await on(apiA, moderator).errorOf(MODERATE, { s: serverId, u: target.id, ...vars });
          expect(error.code, JSON.stringify(vars)).toBe('FORBIDDEN');
          expect(error.message).toMatch(/at or above yours/);
        }
      }
      expect((await statesIn(owner.client, voiceId)).map((s) => [s.serverMute, s.serverDeaf])).toEqual([
        [false, false],
        [false, false],
      ]);
      // Once ranked below the moderator, the same member can be muted.
      await on(apiA, owner).ok('mutation($s: ID!, $u: ID!, $r: ID!) { removeRole(serverId: $s, userId: $u, roleId: $r) { user { id } } }', {
        s: serverId,
        u: senior.id,
        r: high.id,
      });
      await on(apiA, moderator).ok(MODERATE, { s: serverId, u: senior.id, m: true });
      expect((await statesIn(owner.client, voiceId)).find((s) => s.user.id === senior.id)).toMatchObject({ serverMute: true });
    });

    it('consults channel overwrites of MUTE_MEMBERS, DEAFEN_MEMBERS and MOVE_MEMBERS', async () => {
      const { owner, members, serverId, voiceId } = await world(3);
      const [moderator, helper, target] = members as [TestUser, TestUser, TestUser];
      const mods = await createRole(owner, serverId, { name: 'Mods', permissions: ['MUTE_MEMBERS', 'DEAFEN_MEMBERS', 'MOVE_MEMBERS'] });
      await assignRole(owner, serverId, moderator.id, mods.id);
      const helpers = await createRole(owner, serverId, { name: 'Helpers', permissions: [] });
      await assignRole(owner, serverId, helper.id, helpers.id);
      // Denied in this channel despite the role; allowed in this channel without any server-wide role.
      await setOverwrite(owner.client, voiceId, 'ROLE', mods.id, [], ['MUTE_MEMBERS', 'DEAFEN_MEMBERS', 'MOVE_MEMBERS']);
      await setOverwrite(owner.client, voiceId, 'MEMBER', helper.id, ['MUTE_MEMBERS'], []);
      await join(on(apiA, target), voiceId);
      const other = await voiceChannel(owner, serverId, { name: 'other' });
      expectForbidden(await on(apiB, moderator).errorOf(MODERATE, { s: serverId, u: target.id, m: true }), 'MUTE_MEMBERS');
      expectForbidden(await on(apiB, moderator).errorOf(MODERATE, { s: serverId, u: target.id, d: true }), 'DEAFEN_MEMBERS');
      expectForbidden(await on(apiB, moderator).errorOf(MODERATE, { s: serverId, u: target.id, to: other }), 'MOVE_MEMBERS');
      expectForbidden(await on(apiB, moderator).errorOf(MODERATE, { s: serverId, u: target.id, x: true }), 'MOVE_MEMBERS');
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ user: { id: target.id }, serverMute: false, serverDeaf: false }]);
      await on(apiA, helper).ok(MODERATE, { s: serverId, u: target.id, m: true });
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ user: { id: target.id }, serverMute: true }]);
    });

    it('losing SPEAK mid-session server-mutes at once; getting it back lifts that mute', async () => {
      const { owner, members, voiceId } = await world(1);
      const [target] = members as [TestUser];
      await join(on(apiA, target), voiceId);
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ serverMute: false }]);
      await setOverwrite(owner.client, voiceId, 'MEMBER', target.id, [], ['SPEAK']);
      await until(async () => (await statesIn(owner.client, voiceId))[0]?.serverMute, 'the member to be server-muted');
      await setOverwrite(owner.client, voiceId, 'MEMBER', target.id, [], []);
      await until(async () => (await statesIn(owner.client, voiceId))[0]?.serverMute === false, 'the mute to be lifted');
    });

    it('server-mutes a member moved into a channel where they may not SPEAK', async () => {
      const { owner, members, serverId, voiceId, everyoneId } = await world(1);
      const [target] = members as [TestUser];
      const hushed = await voiceChannel(owner, serverId, { name: 'hushed' });
      await setOverwrite(owner.client, hushed, 'ROLE', everyoneId, [], ['SPEAK']);
      const session = await join(on(apiA, target), voiceId);
      expect(session.participants).toEqual([]);
      expect(await statesIn(owner.client, voiceId)).toMatchObject([{ sessionId: session.sessionId, serverMute: false }]);

      await on(apiB, owner).ok(MODERATE, { s: serverId, u: target.id, to: hushed });
      // Joining there by itself would start server-muted; being moved there must not be a way around that.
      expect(await statesIn(owner.client, hushed)).toMatchObject([{ user: { id: target.id }, serverMute: true }]);
    });
  });
});
