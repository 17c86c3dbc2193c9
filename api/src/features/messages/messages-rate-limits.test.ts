import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { assignRole, createRole, expectBadInput, sleep } from '../../../test/fixtures.js';
import { SEND, READ_LIMITS, UPDATE_CHANNEL, READ_CHANNEL, messagesWorld } from '../../../test/messages-world.js';

describe('messages', () => {
  const kit = messagesWorld();
  const { on, synced, world, addChannel, send, history, storedCount, expectRateLimited } = kit;
  let a: RunningApi;
  let b: RunningApi;
  beforeAll(() => ({ a, b } = kit.apis()));

  describe('rate limits', () => {
    it('defaults to 5 messages per 5 s per channel', async () => {
      const w = await world(0, null);
      const limits = (await w.owner.client.ok(READ_LIMITS, { s: w.serverId })).server.rateLimits;
      expect(limits).toMatchObject({
        channelMessageLimit: 5,
        channelMessageWindowSeconds: 5,
        serverMessageLimit: 20,
        serverMessageWindowSeconds: 10,
      });
      for (let i = 1; i <= 5; i += 1) await send(w.owner.client, w.channelId, `n${i}`);
      expectRateLimited(await w.owner.client.request(SEND, { c: w.channelId, t: 'n6' }), 'channel', 5000);
      expect(await storedCount(w.channelId)).toBe(5);
    });

    it('per channel: the 5th passes, the 6th is refused with retryAfterMs, and passes after waiting that long', async () => {
      const w = await world(1, {
        channelMessageLimit: 5,
        channelMessageWindowSeconds: 2,
        serverMessageLimit: 100,
        serverMessageWindowSeconds: 60,
        escalationEnabled: false,
      });
      const [member] = w.members;
      const other = await addChannel(w);
      for (let i = 1; i <= 5; i += 1) await send(i % 2 ? member!.client : on(b, member!), w.channelId, `n${i}`);
      const refused = await member!.client.request(SEND, { c: w.channelId, t: 'n6' });
      const retryAfterMs = expectRateLimited(refused, 'channel', 2000);
      // A refusal is not recorded: retrying does not push the wait further out.
      expect(expectRateLimited(await on(b, member!).request(SEND, { c: w.channelId, t: 'n6 again' }), 'channel', 2000)).toBeLessThanOrEqual(
        retryAfterMs,
      );
      expect((await history(w.owner.client, w.channelId)).messages.map((m) => m.content)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
      // Per user and per channel: others, and the same user elsewhere, are unaffected.
      await send(w.owner.client, w.channelId, 'owner speaks');
      await send(member!.client, other, 'member elsewhere');
      await sleep(retryAfterMs);
      await send(on(b, member!), w.channelId, 'n6 later');
      expect((await history(w.owner.client, w.channelId)).messages.map((m) => m.content)).toEqual([
        'n1',
        'n2',
        'n3',
        'n4',
        'n5',
        'owner speaks',
        'n6 later',
      ]);
    });

    it('grants exactly the limit to concurrent sends from several connections on two instances', async () => {
      const w = await world(1, {
        channelMessageLimit: 5,
        channelMessageWindowSeconds: 10,
        serverMessageLimit: 100,
        serverMessageWindowSeconds: 60,
        escalationEnabled: false,
      });
      const [member] = w.members;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => on(i % 2 ? a : b, member!).request(SEND, { c: w.channelId, t: `burst ${i}` })),
      );
      const passed = results.filter((r) => r.data?.sendMessage);
      expect(passed).toHaveLength(5);
      for (const r of results.filter((x) => !x.data?.sendMessage)) expectRateLimited(r, 'channel', 10_000);
      const stored = await history(w.owner.client, w.channelId);
      expect(stored.messages.map((m) => m.id).sort()).toEqual(passed.map((r) => r.data!.sendMessage.id).sort());
    });

    it('per server: counts across channels, concurrently, with scope "server"', async () => {
      const w = await world(1, {
        channelMessageLimit: 100,
        channelMessageWindowSeconds: 60,
        serverMessageLimit: 7,
        serverMessageWindowSeconds: 2,
        escalationEnabled: false,
      });
      const [member] = w.members;
      const channels = [w.channelId, await addChannel(w)];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => on(i % 3 ? a : b, member!).request(SEND, { c: channels[i % 2], t: `s${i}` })),
      );
      expect(results.filter((r) => r.data?.sendMessage)).toHaveLength(7);
      for (const r of results.filter((x) => !x.data?.sendMessage)) expectRateLimited(r, 'server', 2000);
      expect((await storedCount(channels[0]!)) + (await storedCount(channels[1]!))).toBe(7);
      // Another member of the server has a budget of their own.
      await send(w.owner.client, channels[1]!, 'owner is fine');
      const retryAfterMs = expectRateLimited(await member!.client.request(SEND, { c: channels[1], t: 'one more' }), 'server', 2000);
      await sleep(retryAfterMs);
      await send(member!.client, channels[1]!, 'after the window');
      expect((await storedCount(channels[0]!)) + (await storedCount(channels[1]!))).toBe(9);
    });

    it('slowmode: one message per slowmodeSeconds, scope "slowmode"; MANAGE_MESSAGES and MANAGE_CHANNELS are exempt', async () => {
      const w = await world(4);
      const [member, racer, messageMod, channelMod] = w.members;
      const mm = await createRole(w.owner, w.serverId, { name: 'MsgMod', permissions: ['MANAGE_MESSAGES'], position: 1 });
      const cm = await createRole(w.owner, w.serverId, { name: 'ChanMod', permissions: ['MANAGE_CHANNELS'], position: 2 });
      await assignRole(w.owner, w.serverId, messageMod!.id, mm.id);
      await assignRole(w.owner, w.serverId, channelMod!.id, cm.id);
      expectBadInput(await w.owner.client.errorOf(UPDATE_CHANNEL, { id: w.channelId, i: { slowmodeSeconds: 21_601 } }), 'slowmodeSeconds');
      expect((await w.owner.client.ok(UPDATE_CHANNEL, { id: w.channelId, i: { slowmodeSeconds: 2 } })).updateChannel.slowmodeSeconds).toBe(
        2,
      );
      await synced();
      expect((await on(b, member!).ok(READ_CHANNEL, { id: w.channelId })).channel.slowmodeSeconds).toBe(2);

      await send(member!.client, w.channelId, 'first');
      const retryAfterMs = expectRateLimited(await on(b, member!).request(SEND, { c: w.channelId, t: 'second' }), 'slowmode', 2000);
      for (const exempt of [messageMod!, channelMod!, w.owner]) {
        for (let i = 0; i < 3; i += 1) await send(on(i % 2 ? a : b, exempt), w.channelId, `exempt ${i}`);
      }
      // Ten concurrent sends on two instances: exactly one passes.
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => on(i % 2 ? a : b, racer!).request(SEND, { c: w.channelId, t: `race ${i}` })),
      );
      expect(results.filter((r) => r.data?.sendMessage)).toHaveLength(1);
      for (const r of results.filter((x) => !x.data?.sendMessage)) expectRateLimited(r, 'slowmode', 2000);
      expect(await storedCount(w.channelId)).toBe(1 + 9 + 1);
      await sleep(retryAfterMs);
      await send(member!.client, w.channelId, 'second, later');
      expect(await storedCount(w.channelId)).toBe(12);
    });
  });
});
