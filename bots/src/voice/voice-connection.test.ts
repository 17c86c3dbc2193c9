import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../../api/src/app.js';
import { createServer, signUp, startTestApi, uniquePrefix } from '../../../api/test/harness.js';
import { GraphqlConnection } from '../sdk/graphql-connection.js';
import { estimateFrequency, firstChannel, rms, sineFrames } from './audio.js';
import { entersState, VoiceConnection, VoiceConnectionStatus, type ReceivedAudio } from './voice-connection.js';

describe('voice over Rashigo signalling with real WebRTC peers', () => {
  let a: RunningApi;
  let b: RunningApi;
  beforeAll(async () => {
    // Two API instances on one Redis: each peer signals through a different one.
    const prefix = uniquePrefix();
    a = await startTestApi({}, prefix);
    b = await startTestApi({}, prefix);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('two peers connect and one hears the other’s 440 Hz tone within 5 s of joining', async () => {
    const alice = await signUp(a, 'alice');
    const bob = await signUp(b, 'bob');
    const server = await createServer(alice, { name: 'Voice Room' });
    await bob.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: server.id });
    const voiceChannel = server.channels.find((c) => c.type === 'VOICE')!;

    const aliceApi = new GraphqlConnection({ url: a.url, authorization: `Bearer ${alice.token}` });
    const bobApi = new GraphqlConnection({ url: b.url, authorization: `Bearer ${bob.token}` });
    const started = Date.now();
    const aliceVoice = await VoiceConnection.join(aliceApi, server.id, voiceChannel.id);
    const bobVoice = await VoiceConnection.join(bobApi, server.id, voiceChannel.id);
    try {
      await Promise.all([
        entersState(aliceVoice, VoiceConnectionStatus.Connected, 5000),
        entersState(bobVoice, VoiceConnectionStatus.Connected, 5000),
      ]);
      aliceVoice.play(sineFrames(440));

      const heard: Int16Array[] = [];
      let sampleRate = 48_000;
      await new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error('no tone heard')), 5000 - (Date.now() - started));
        bobVoice.on('audio', (audio: ReceivedAudio) => {
          expect(audio.fromUserId).toBe(alice.id);
          const mono = firstChannel(audio);
          // Skip the silence before the tone starts and Opus's warm-up.
          if (rms(mono) < 1000) return;
          sampleRate = audio.sampleRate;
          heard.push(mono);
          if (heard.length >= 50) {
            clearTimeout(deadline);
            resolve();
          }
        });
      });
      expect(Date.now() - started).toBeLessThan(5000);

      const joined = new Int16Array(heard.reduce((n, f) => n + f.length, 0));
      let offset = 0;
      for (const frame of heard.slice(10)) {
        joined.set(frame, offset);
        offset += frame.length;
      }
      const frequency = estimateFrequency(joined.subarray(0, offset), sampleRate);
      expect(frequency).toBeGreaterThan(430);
      expect(frequency).toBeLessThan(450);
    } finally {
      await aliceVoice.destroy();
      await bobVoice.destroy();
      await aliceApi.dispose();
      await bobApi.dispose();
    }
  });

  it('a peer whose session a moderator disconnects goes to Disconnected', async () => {
    const owner = await signUp(a, 'owner');
    const server = await createServer(owner, { name: 'Moderated Room' });
    const voiceChannel = server.channels.find((c) => c.type === 'VOICE')!;
    const member = await signUp(b, 'member');
    await member.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: server.id });
    const memberApi = new GraphqlConnection({ url: b.url, authorization: `Bearer ${member.token}` });
    const voice = await VoiceConnection.join(memberApi, server.id, voiceChannel.id);
    try {
      expect(voice.state.status).toBe(VoiceConnectionStatus.Signalling);
      await owner.client.ok('mutation($s: ID!, $u: ID!) { moderateVoice(serverId: $s, userId: $u, disconnect: true) }', {
        s: server.id,
        u: member.id,
      });
      await entersState(voice, VoiceConnectionStatus.Disconnected, 5000);
      expect(voice.state).toMatchObject({ status: VoiceConnectionStatus.Disconnected, reason: 'session ended' });
    } finally {
      await voice.destroy();
      await memberApi.dispose();
    }
  });
});
