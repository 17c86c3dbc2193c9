import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../../api/src/app.js';
import { eventually } from '../../../api/test/fixtures.js';
import { signUp, startTestApi } from '../../../api/test/harness.js';
import { botWorld, channelContents, SEND, startBot } from '../../test/bot-world.js';
import { GraphqlConnection } from '../sdk/graphql-connection.js';
import { estimateFrequency, firstChannel, rms } from '../voice/audio.js';
import { AudioPlayer } from '../voice/audio-player.js';
import { toneResource } from '../voice/audio-resource.js';
import { GraphqlVoiceSignalling } from '../voice/signalling.js';
import { entersState, VoiceConnection, VoiceConnectionStatus } from '../voice/voice-connection.js';
import { decodeWav } from '../voice/wav.js';
import { voiceBotSchema } from './voice-bot-config.js';
import { VoiceBot } from './voice-bot.js';

describe('voice bot with a real WebRTC member', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('greets a newcomer with a tone, announces who speaks, and records them to WAV on !record … !stop', async () => {
    const owner = await signUp(api, 'vbowner');
    const world = await botWorld(api, owner);
    const recordingsDir = mkdtempSync(join(tmpdir(), 'recordings-'));
    const client = await startBot(api.url, world.token);
    const bot = new VoiceBot(
      client,
      voiceBotSchema.parse({
        channelId: world.voiceChannelId,
        announceChannelId: world.channelId,
        greeting: { toneHz: 440, durationMs: 5000 },
        recordingsDir,
      }),
    );
    await bot.start();
    const member = await signUp(api, 'vbmember');
    await member.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: world.serverId });
    const memberApi = new GraphqlConnection({ url: api.url, authorization: `Bearer ${member.token}` });
    const memberVoice = await VoiceConnection.join(new GraphqlVoiceSignalling(memberApi), world.voiceChannelId);
    const memberPlayer = new AudioPlayer();
    const texts = () => channelContents(owner, world.channelId);
    try {
      await entersState(memberVoice, VoiceConnectionStatus.Connected, 10_000);
      // The greeting: a 440 Hz tone, heard by the newcomer.
      const greeting = await new Promise<Int16Array[]>((resolve) => {
        const frames: Int16Array[] = [];
        memberVoice.on('audio', (audio) => {
          const mono = firstChannel(audio);
          if (rms(mono) >= 1000 && frames.push(mono) === 40) resolve(frames.slice(10));
        });
      });
      const joined = Int16Array.from(greeting.flatMap((f) => [...f]));
      expect(estimateFrequency(joined, 48_000)).toSatisfy((f: number) => f > 430 && f < 450);

      // As the README says to, and as the dashboard writes a mention: @username.
      await member.client.ok(SEND, { c: world.channelId, t: `!record @${member.username}` });
      await eventually(async () => expect(await texts()).toContain(`Recording <@${member.id}>. Say !stop to finish.`), 5000);
      memberPlayer.subscribe(memberVoice);
      memberPlayer.play(toneResource(660));
      await eventually(async () => expect(await texts()).toContain(`🎙️ <@${member.id}> is speaking`), 10_000);
      // Let the recording gather a second of speech (counted as the bot hears it).
      await new Promise<void>((resolve) => {
        let loud = 0;
        bot.voice!.receiver.subscribe(member.id).on('data', (chunk: Buffer) => {
          const samples = new Int16Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
          if (rms(samples) >= 1000 && ++loud === 100) resolve();
        });
      });
      await member.client.ok(SEND, { c: world.channelId, t: '!stop' });
      let saved = '';
      await eventually(async () => {
        saved = (await texts()).find((t) => t.startsWith('Saved ')) ?? '';
        expect(saved).not.toBe('');
      }, 5000);
      const path = saved.slice('Saved '.length);
      expect(path.startsWith(recordingsDir)).toBe(true);
      const samples = decodeWav(readFileSync(path));
      const loud = samples.subarray(samples.length - 48_000);
      expect(rms(loud)).toBeGreaterThan(1000);
      expect(estimateFrequency(loud, 48_000)).toSatisfy((f: number) => f > 650 && f < 670);
    } finally {
      memberPlayer.stop();
      await memberVoice.destroy();
      await memberApi.dispose();
      await bot.stop();
      await client.destroy();
    }
  });
});
