import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { assignRole, createRole } from '../../../test/fixtures.js';
import { JOIN_VOICE, LEAVE_VOICE, type VoiceSessionShape, voiceWorld } from '../../../test/voice-world.js';

// Two real API processes' code on one Redis prefix, real Postgres and Redis, real graphql-ws sockets.
describe('voice', () => {
  const kit = voiceWorld();
  const { on, world, voiceChannel, join, sessionIdsIn } = kit;
  let apiA: RunningApi;
  let apiB: RunningApi;
  beforeAll(() => ({ apiA, apiB } = kit.apis()));

  describe('userLimit', () => {
    it('admits exactly userLimit of 20 simultaneous joiners across two instances; MOVE_MEMBERS may exceed it', async () => {
      const { owner, members, serverId } = await world(21);
      const mover = members.pop()!;
      const room = await voiceChannel(owner, serverId, { name: 'five', userLimit: 5 });
      const moverRole = await createRole(owner, serverId, { name: 'Mover', permissions: ['MOVE_MEMBERS'] });
      await assignRole(owner, serverId, mover.id, moverRole.id);

      const results = await Promise.all(
        members.map((user, i) => on(i % 2 ? apiB : apiA, user).request<{ joinVoice: VoiceSessionShape }>(JOIN_VOICE, { c: room })),
      );
      const joined = results.filter((r) => r.data?.joinVoice).map((r) => r.data!.joinVoice.sessionId);
      const codes = results.filter((r) => r.errors?.length).map((r) => r.errors![0]!.extensions?.code);
      expect(joined).toHaveLength(5);
      expect(codes).toEqual(Array(15).fill('CHANNEL_FULL'));
      expect(await sessionIdsIn(owner.client, room)).toEqual([...joined].sort());

      const loserIndex = results.findIndex((r) => r.errors?.length);
      const loser = members[loserIndex]!;
      // MOVE_MEMBERS joins a full room; everybody else is still refused.
      const moverSession = await join(on(apiB, mover), room);
      expect(await sessionIdsIn(owner.client, room)).toHaveLength(6);
      expect((await on(apiA, loser).errorOf(JOIN_VOICE, { c: room })).code).toBe('CHANNEL_FULL');

      // A place frees up once the room is below the limit again.
      const winner = members[results.findIndex((r) => r.data?.joinVoice)]!;
      const winnerSession = results.find((r) => r.data?.joinVoice)!.data!.joinVoice.sessionId;
      await on(apiB, mover).ok(LEAVE_VOICE, { id: moverSession.sessionId });
      await on(apiA, winner).ok(LEAVE_VOICE, { id: winnerSession });
      await join(on(apiB, loser), room);
      expect(await sessionIdsIn(owner.client, room)).toHaveLength(5);
      expect((await on(apiA, winner).errorOf(JOIN_VOICE, { c: room })).code).toBe('CHANNEL_FULL');
    });
  });
});
