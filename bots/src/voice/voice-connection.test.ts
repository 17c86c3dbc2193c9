import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../../api/src/app.js';
import { eventually } from '../../../api/test/fixtures.js';
import { signUp, startTestApi, uniquePrefix, type TestUser } from '../../../api/test/harness.js';
import { botWorld, startBot, type BotWorld } from '../../test/bot-world.js';
import { GraphqlConnection } from '../sdk/graphql-connection.js';
import type { BotClient } from '../sdk/client.js';
import { estimateFrequency, firstChannel, rms, SAMPLE_RATE } from './audio.js';
import { AudioPlayer } from './audio-player.js';
import { toneResource } from './audio-resource.js';
import { GraphqlVoiceSignalling } from './signalling.js';
import { entersState, VoiceConnection, VoiceConnectionStatus, type ReceivedAudio } from './voice-connection.js';

const MODERATE =
  'mutation($s: ID!, $u: ID!, $m: Boolean, $d: Boolean, $to: ID) { moderateVoice(serverId: $s, userId: $u, serverMute: $m, disconnect: $d, moveToChannelId: $to) }';
const VOICE_STATES = 'query($c: ID!) { channel(id: $c) { voiceStates { user { id } } } }';

/** The frequency of frames played back to back. */
function toneOf(frames: Int16Array[]): number {
  const joined = new Int16Array(frames.reduce((n, f) => n + f.length, 0));
  let offset = 0;
  for (const frame of frames) {
    joined.set(frame, offset);
    offset += frame.length;
  }
  return estimateFrequency(joined, SAMPLE_RATE);
}

describe('voice through the SDK with real WebRTC peers', () => {
  let a: RunningApi;
  let b: RunningApi;
  let owner: TestUser;
  beforeAll(async () => {
    // Two API instances on one Redis: the bot signals through one, the human through the other.
    const prefix = uniquePrefix();
    a = await startTestApi({}, prefix);
    b = await startTestApi({}, prefix);
    owner = await signUp(a, 'voiceowner');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  async function humanIn(world: BotWorld) {
    const human = await signUp(b, 'listener');
    await human.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: world.serverId });
    const api = new GraphqlConnection({ url: b.url, authorization: `Bearer ${human.token}` });
    return { human, api };
  }

  /** Resolves with 50 loud frames (after 10 of warm-up) of one user's PCM stream. */
  function loudFrames(stream: NodeJS.ReadableStream): Promise<Int16Array[]> {
    return new Promise((resolve) => {
      const frames: Int16Array[] = [];
      stream.on('data', (chunk: Buffer) => {
        const samples = new Int16Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
        if (rms(samples) >= 1000 && frames.push(samples) === 60) resolve(frames.slice(10));
      });
    });
  }

  it('a peer hears the bot’s 440 Hz tone; the bot hears two peers’ 660 and 880 Hz tones, each on its speaker’s own stream', async () => {
    const world = await botWorld(a, owner);
    const bot: BotClient = await startBot(a.url, world.token);
    const first = await humanIn(world);
    const second = await humanIn(world);
    const botVoice = await bot.voice.join(world.voiceChannelId);
    const firstVoice = await VoiceConnection.join(new GraphqlVoiceSignalling(first.api), world.voiceChannelId);
    const secondVoice = await VoiceConnection.join(new GraphqlVoiceSignalling(second.api), world.voiceChannelId);
    const players = [new AudioPlayer(), new AudioPlayer(), new AudioPlayer()];
    try {
      await Promise.all([botVoice, firstVoice, secondVoice].map((v) => entersState(v, VoiceConnectionStatus.Connected, 10_000)));
      const speaking: { userId: string; speaking: boolean }[] = [];
      botVoice.receiver.on('speaking', (e) => void speaking.push(e));
      const fromFirst = loudFrames(botVoice.receiver.subscribe(first.human.id));
      const fromSecond = loudFrames(botVoice.receiver.subscribe(second.human.id));

      const heardByFirst = new Promise<Int16Array[]>((resolve) => {
        const frames: Int16Array[] = [];
        firstVoice.on('audio', (audio: ReceivedAudio) => {
          if (audio.fromUserId !== world.botId) return;
          const mono = firstChannel(audio);
          if (rms(mono) >= 1000 && frames.push(mono) === 60) resolve(frames.slice(10));
        });
      });
      players[0]!.subscribe(botVoice);
      players[0]!.play(toneResource(440));
      players[1]!.subscribe(firstVoice);
      players[1]!.play(toneResource(660));
      players[2]!.subscribe(secondVoice);
      players[2]!.play(toneResource(880));

      expect(toneOf(await heardByFirst)).toSatisfy((f: number) => f > 430 && f < 450);
      expect(toneOf(await fromFirst)).toSatisfy((f: number) => f > 650 && f < 670);
      expect(toneOf(await fromSecond)).toSatisfy((f: number) => f > 865 && f < 895);
      expect(speaking).toContainEqual({ userId: first.human.id, speaking: true });
      expect(speaking).toContainEqual({ userId: second.human.id, speaking: true });
    } finally {
      for (const player of players) player.stop();
      for (const { voice, api } of [
        { voice: firstVoice, api: first.api },
        { voice: secondVoice, api: second.api },
      ]) {
        await voice.destroy();
        await api.dispose();
      }
      await bot.destroy();
    }
  });

  it('follows server mute, and leaves cleanly when a moderator moves it', async () => {
    const world = await botWorld(a, owner);
    const other = await owner.client.ok('mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }', {
      i: { serverId: world.serverId, name: 'elsewhere', type: 'VOICE' },
    });
    const bot = await startBot(a.url, world.token);
    try {
      const voice = await bot.voice.join(world.voiceChannelId);
      const muted = new Promise((resolve) => voice.on('serverVoiceState', (s) => s.serverMute && resolve(s)));
      await owner.client.ok(MODERATE, { s: world.serverId, u: world.botId, m: true });
      expect(await muted).toEqual({ serverMute: true, serverDeaf: false });
      expect(voice.serverVoiceState.serverMute).toBe(true);

      await owner.client.ok(MODERATE, { s: world.serverId, u: world.botId, to: other.createChannel.id });
      await eventually(async () => expect(voice.state).toEqual({ status: VoiceConnectionStatus.Disconnected, reason: 'moved' }), 5000);
      await eventually(async () => {
        for (const c of [world.voiceChannelId, other.createChannel.id])
          expect((await owner.client.ok(VOICE_STATES, { c })).channel.voiceStates).toEqual([]);
      }, 5000);
    } finally {
      await bot.destroy();
    }
  });

  it("encodes at its channel's bitrate, and follows a moderator's change while talking (both ends offer again at once)", async () => {
    const world = await botWorld(a, owner);
    const setBitrate = (bitrate: number) =>
      owner.client.ok('mutation($id: ID!, $b: Int!) { updateChannel(id: $id, input: { bitrate: $b }) { id } }', {
        id: world.voiceChannelId,
        b: bitrate,
      });
    await setBitrate(48_000);
    const bot: BotClient = await startBot(a.url, world.token);
    const listener = await humanIn(world);
    const botVoice = await bot.voice.join(world.voiceChannelId);
    const humanVoice = await VoiceConnection.join(new GraphqlVoiceSignalling(listener.api), world.voiceChannelId);
    const players = [new AudioPlayer(), new AudioPlayer()];
    /** Each end's encoder target towards the other, as WebRTC's statistics report it. */
    const targets = async () => [...(await botVoice.sendBitrates()).values(), ...(await humanVoice.sendBitrates()).values()];
    try {
      expect(botVoice.state).toMatchObject({ session: { channelId: world.voiceChannelId, bitrate: 48_000 } });
      await Promise.all([botVoice, humanVoice].map((v) => entersState(v, VoiceConnectionStatus.Connected, 10_000)));
      players[0]!.subscribe(botVoice);
      players[0]!.play(toneResource(440));
      players[1]!.subscribe(humanVoice);
      players[1]!.play(toneResource(660));
      // Opus's own default is 32 kbps: 48 kbps is the channel's doing.
      await eventually(async () => expect(await targets()).toEqual([48_000, 48_000]), 10_000);

      await setBitrate(12_000);
      await eventually(async () => expect(await targets()).toEqual([12_000, 12_000]), 10_000);
      expect(botVoice.state).toMatchObject({ status: VoiceConnectionStatus.Connected, session: { bitrate: 12_000 } });
      expect(humanVoice.state).toMatchObject({ status: VoiceConnectionStatus.Connected, session: { bitrate: 12_000 } });
      // The link survived the new offers: the bot's tone still arrives.
      const heard = new Promise<Int16Array[]>((resolve) => {
        const frames: Int16Array[] = [];
        humanVoice.on('audio', (audio: ReceivedAudio) => {
          const mono = firstChannel(audio);
          if (audio.fromUserId === world.botId && rms(mono) >= 1000 && frames.push(mono) === 30) resolve(frames.slice(5));
        });
      });
      expect(toneOf(await heard)).toSatisfy((f: number) => f > 430 && f < 450);
    } finally {
      for (const player of players) player.stop();
      await humanVoice.destroy();
      await listener.api.dispose();
      await bot.destroy();
    }
  });

  it('joins again with a new session after the API restarts under it', async () => {
    const prefix = a.services.config.REDIS_KEY_PREFIX;
    let own = await startTestApi({}, prefix);
    const port = own.port;
    const world = await botWorld(a, owner);
    const bot = await startBot(own.url, world.token);
    try {
      const voice = await bot.voice.join(world.voiceChannelId);
      const first = voice.state.status === VoiceConnectionStatus.Signalling ? voice.state.session.sessionId : '';
      const reconnecting = entersState(voice, VoiceConnectionStatus.Reconnecting, 15_000);
      await own.close();
      own = await startTestApi({ PORT: String(port) }, prefix);
      await reconnecting;
      await entersState(voice, VoiceConnectionStatus.Signalling, 10_000);
      const second = voice.state.status === VoiceConnectionStatus.Signalling ? voice.state.session.sessionId : '';
      expect(second).not.toBe(first);
      // The old session was left: the bot is in the channel once.
      await eventually(
        async () =>
          expect((await owner.client.ok(VOICE_STATES, { c: world.voiceChannelId })).channel.voiceStates).toEqual([
            { user: { id: world.botId } },
          ]),
        5000,
      );
    } finally {
      await bot.destroy();
      await own.close();
    }
  });

  it('a peer whose session a moderator disconnects goes to Disconnected', async () => {
    const world = await botWorld(a, owner);
    const { human, api } = await humanIn(world);
    const voice = await VoiceConnection.join(new GraphqlVoiceSignalling(api), world.voiceChannelId);
    try {
      expect(voice.state.status).toBe(VoiceConnectionStatus.Signalling);
      await owner.client.ok(MODERATE, { s: world.serverId, u: human.id, d: true });
      await entersState(voice, VoiceConnectionStatus.Disconnected, 5000);
      expect(voice.state).toEqual({ status: VoiceConnectionStatus.Disconnected, reason: 'disconnected' });
    } finally {
      await voice.destroy();
      await api.dispose();
    }
  });
});
