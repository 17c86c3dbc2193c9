import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { expectForbidden, sleep } from '../../../test/fixtures.js';
import { TYPING, SET_OVERWRITE, messagesWorld } from '../../../test/messages-world.js';

describe('messages', () => {
  const kit = messagesWorld();
  const { on, world, addChannel, listen, fence } = kit;
  let a: RunningApi;
  let b: RunningApi;
  beforeAll(() => ({ a, b } = kit.apis()));

  describe('startTyping', () => {
    it('broadcasts TypingStarted at most once per 3 s per user and channel, across instances', async () => {
      const w = await world(2);
      const [typist, other] = w.members;
      const second = await addChannel(w);
      const sub = await listen(b, w.owner, w.channelId);
      expect(await typist!.client.ok(TYPING, { c: w.channelId })).toEqual({ startTyping: true });
      const started = Date.now(); // the throttle was set before the first call answered
      expect(await on(b, typist!).ok(TYPING, { c: w.channelId })).toEqual({ startTyping: true });
      await Promise.all(Array.from({ length: 6 }, (_, i) => on(i % 2 ? a : b, typist!).ok(TYPING, { c: w.channelId })));
      await other!.client.ok(TYPING, { c: w.channelId });
      await typist!.client.ok(TYPING, { c: second }); // another channel: its own throttle, not this channel's events
      const typing = (events: any[]) => events.map((e) => e.channelEvents).filter((e) => e.__typename === 'TypingStarted');
      expect(typing(await fence(sub, w.owner, w.channelId))).toEqual([
        { __typename: 'TypingStarted', channelId: w.channelId, user: { id: typist!.id } },
        { __typename: 'TypingStarted', channelId: w.channelId, user: { id: other!.id } },
      ]);
      await sleep(Math.max(0, 3000 - (Date.now() - started)) + 50);
      await on(b, typist!).ok(TYPING, { c: w.channelId });
      expect(typing(await fence(sub, w.owner, w.channelId))).toHaveLength(3);
    });

    it('needs SEND_MESSAGES and sends nothing without it', async () => {
      const w = await world(1);
      const [member] = w.members;
      await w.owner.client.ok(SET_OVERWRITE, {
        c: w.channelId,
        i: { targetType: 'MEMBER', targetId: member!.id, allow: [], deny: ['SEND_MESSAGES'] },
      });
      const sub = await listen(a, w.owner, w.channelId);
      expectForbidden(await member!.client.errorOf(TYPING, { c: w.channelId }), 'SEND_MESSAGES');
      expect((await fence(sub, w.owner, w.channelId)).filter((e) => e.channelEvents.__typename === 'TypingStarted')).toEqual([]);
    });
  });
});
