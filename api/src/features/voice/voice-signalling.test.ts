import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { signUp, type TestUser } from '../../../test/harness.js';
import { expectBadInput, joinServer, sleep } from '../../../test/fixtures.js';
import { subscribe, type Subscription } from '../../../test/ws-client.js';
import { LEAVE_VOICE, SEND_SIGNAL, VOICE_SIGNALS, type SignalShape, voiceWorld } from '../../../test/voice-world.js';

// Two real API processes' code on one Redis prefix, real Postgres and Redis, real graphql-ws sockets.
describe('voice', () => {
  const kit = voiceWorld();
  const { subscriptions, on, socket, world, voiceChannel, join, signalsOf } = kit;
  let apiA: RunningApi;
  let apiB: RunningApi;
  beforeAll(() => ({ apiA, apiB } = kit.apis()));

  describe('signalling', () => {
    it('relays OFFER/ANSWER/ICE_CANDIDATE between live sessions of one channel, across instances', async () => {
      const { members, voiceId } = await world(2);
      const [p, q] = members as [TestUser, TestUser];
      const ps = await join(on(apiA, p), voiceId);
      const qs = await join(on(apiB, q), voiceId);
      expect(qs.participants.map((s) => s.sessionId)).toEqual([ps.sessionId]);
      const qSignals = await signalsOf(apiB, q, qs.sessionId);
      const pSignals = await signalsOf(apiA, p, ps.sessionId);

      const offer = JSON.stringify({ type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' });
      expect(await on(apiA, p).ok(SEND_SIGNAL, { from: ps.sessionId, to: qs.sessionId, t: 'OFFER', p: offer })).toEqual({
        sendVoiceSignal: true,
      });
      const [got] = await qSignals.waitFor(1);
      expect(got!.voiceSignals).toEqual({ fromSessionId: ps.sessionId, fromUser: { id: p.id }, type: 'OFFER', payload: offer });

      const answer = JSON.stringify({ type: 'answer', sdp: 'v=0\r\n' });
      const candidate = JSON.stringify({
        candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 54321 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
      });
      await on(apiB, q).ok(SEND_SIGNAL, { from: qs.sessionId, to: ps.sessionId, t: 'ANSWER', p: answer });
      await on(apiB, q).ok(SEND_SIGNAL, { from: qs.sessionId, to: ps.sessionId, t: 'ICE_CANDIDATE', p: candidate });
      const back = await pSignals.waitFor(2);
      expect(back.map((e) => e.voiceSignals)).toEqual([
        { fromSessionId: qs.sessionId, fromUser: { id: q.id }, type: 'ANSWER', payload: answer },
        { fromSessionId: qs.sessionId, fromUser: { id: q.id }, type: 'ICE_CANDIDATE', payload: candidate },
      ]);
      // Nobody receives their own signals.
      expect(qSignals.events).toHaveLength(1);
    });

    it('refuses other channels, other people’s sessions and bad payloads, and delivers nothing for them', async () => {
      const { owner, members, serverId, voiceId } = await world(4);
      const [p, q, t, r] = members as [TestUser, TestUser, TestUser, TestUser];
      const elsewhere = await voiceChannel(owner, serverId, { name: 'elsewhere' });
      const ps = await join(on(apiA, p), voiceId);
      const qs = await join(on(apiB, q), voiceId);
      const ts = await join(on(apiA, t), voiceId);
      const rs = await join(on(apiB, r), elsewhere);
      const rSignals = await signalsOf(apiA, r, rs.sessionId);
      const tSignals = await signalsOf(apiB, t, ts.sessionId);
      const ok = JSON.stringify({ candidate: '' });

      // To a session in another channel.
      expect((await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: rs.sessionId, t: 'OFFER', p: ok })).code).toBe('NOT_FOUND');
      // From someone else's session (q poses as p).
      expect((await on(apiB, q).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: ts.sessionId, t: 'OFFER', p: ok })).code).toBe('NOT_FOUND');
      // To oneself, to an unknown session, from a non-session.
      expect((await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: ps.sessionId, t: 'OFFER', p: ok })).code).toBe('NOT_FOUND');
      expect((await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: '999999999999999', t: 'OFFER', p: ok })).code).toBe(
        'NOT_FOUND',
      );
      expect((await on(apiA, p).errorOf(SEND_SIGNAL, { from: 'nope', to: ts.sessionId, t: 'OFFER', p: ok })).code).toBe('NOT_FOUND');
      // Payloads: over 64 KiB, or not JSON.
      const atLimit = JSON.stringify('x'.repeat(64 * 1024 - 2));
      expect(Buffer.byteLength(atLimit)).toBe(64 * 1024);
      const overLimit = JSON.stringify('x'.repeat(64 * 1024 - 1));
      expectBadInput(await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: ts.sessionId, t: 'OFFER', p: overLimit }), 'payload');
      expectBadInput(
        await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: ts.sessionId, t: 'OFFER', p: '{"sdp": ' }),
        'payload',
      );
      expectBadInput(await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: ts.sessionId, t: 'OFFER', p: 'v=0' }), 'payload');

      // The first thing t and r receive is the valid signal sent afterwards: none of the refused ones got through.
      await on(apiA, p).ok(SEND_SIGNAL, { from: ps.sessionId, to: ts.sessionId, t: 'OFFER', p: atLimit });
      const [toT] = await tSignals.waitFor(1);
      expect(toT!.voiceSignals).toEqual({ fromSessionId: ps.sessionId, fromUser: { id: p.id }, type: 'OFFER', payload: atLimit });
      const rPeer = await signUp(apiA, 'vpeer');
      await joinServer(rPeer, serverId);
      const rPeerSession = await join(on(apiA, rPeer), elsewhere);
      await on(apiA, rPeer).ok(SEND_SIGNAL, { from: rPeerSession.sessionId, to: rs.sessionId, t: 'OFFER', p: ok });
      const [toR] = await rSignals.waitFor(1);
      expect(toR!.voiceSignals.fromSessionId).toBe(rPeerSession.sessionId);
      await sleep(200);
      expect(tSignals.events).toHaveLength(1);
      expect(rSignals.events).toHaveLength(1);

      // A session that ended cannot be signalled.
      await on(apiB, q).ok(LEAVE_VOICE, { id: qs.sessionId });
      expect((await on(apiA, p).errorOf(SEND_SIGNAL, { from: ps.sessionId, to: qs.sessionId, t: 'OFFER', p: ok })).code).toBe('NOT_FOUND');
      expect((await on(apiB, q).errorOf(SEND_SIGNAL, { from: qs.sessionId, to: ps.sessionId, t: 'OFFER', p: ok })).code).toBe('NOT_FOUND');
    });

    it("refuses to subscribe to someone else's session", async () => {
      const { members, voiceId } = await world(2);
      const [p, q] = members as [TestUser, TestUser];
      const ps = await join(on(apiA, p), voiceId);
      await join(on(apiB, q), voiceId);
      const spy = subscribe<{ voiceSignals: SignalShape }>(socket(apiB, q), VOICE_SIGNALS, { id: ps.sessionId });
      subscriptions.push(spy as Subscription<unknown>);
      await spy.waitForEnd();
      expect(spy.events).toEqual([]);
      expect(JSON.stringify(spy.errors)).toContain('NOT_FOUND');

      const unknown = subscribe<{ voiceSignals: SignalShape }>(socket(apiA, p), VOICE_SIGNALS, { id: '999999999999999' });
      subscriptions.push(unknown as Subscription<unknown>);
      await unknown.waitForEnd();
      expect(JSON.stringify(unknown.errors)).toContain('NOT_FOUND');
    });

    it('a voiceSignals subscription opened just as its session ends still ends (never hangs)', async () => {
      const { members, voiceId } = await world(1);
      const [user] = members as [TestUser];
      const client = socket(apiB, user);
      const hung: number[] = [];
      // Subscribe (on B) and leave (on A) at nearly the same moment, at varying offsets, many times: whichever
      // comes first, the subscription must be refused or complete. The unlucky interleaving is rare (a few
      // rounds in a hundred), hence the number of rounds.
      for (let round = 0; round < 150; round += 1) {
        const { sessionId } = await join(on(apiA, user), voiceId);
        const sub = subscribe<{ voiceSignals: SignalShape }>(client, VOICE_SIGNALS, { id: sessionId });
        subscriptions.push(sub as Subscription<unknown>);
        await sleep((round * 7) % 11);
        await on(apiA, user).ok(LEAVE_VOICE, { id: sessionId });
        try {
          await sub.waitForEnd(2000);
        } catch {
          hung.push(round);
          sub.stop();
          continue;
        }
        if (sub.errors.length) expect(JSON.stringify(sub.errors)).toContain('NOT_FOUND');
        expect(sub.events).toEqual([]);
      }
      expect(hung).toEqual([]);
    });
  });
});
