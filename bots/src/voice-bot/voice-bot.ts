import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { BotSetupError } from '../sdk/bot-setup-error.js';
import type { BotClient } from '../sdk/client.js';
import { AudioPlayer } from '../voice/audio-player.js';
import { toneResource, wavResource, type AudioResource } from '../voice/audio-resource.js';
import { SAMPLE_RATE } from '../voice/audio.js';
import { VoiceConnectionStatus, type VoiceConnection } from '../voice/voice-connection.js';
import { encodeWav } from '../voice/wav.js';
import type { VoiceBotConfig } from './voice-bot-config.js';

interface Recording {
  userId: string;
  stream: Readable;
  chunks: Buffer[];
}

/**
 * Sits in one voice channel: greets each newcomer, announces who starts speaking, records a
 * speaker to WAV on `!record @user` until `!stop`, and goes quiet while server-muted (the
 * connection drops outgoing frames).
 */
export class VoiceBot {
  readonly player = new AudioPlayer();
  private connection: VoiceConnection | null = null;
  private readonly greeted = new Set<string>();
  private readonly recordings = new Map<string, Recording>();

  constructor(
    private readonly client: BotClient,
    private readonly config: VoiceBotConfig,
    /** Field path for setup errors, e.g. "bots[1].voice". */
    private readonly field = 'voice',
  ) {}

  get voice(): VoiceConnection | null {
    return this.connection;
  }

  async start(): Promise<void> {
    const channel = this.client.channels.get(this.config.channelId);
    if (!channel || channel.type !== 'VOICE' || !channel.permissions.includes('JOIN_VOICE'))
      throw new BotSetupError(`${this.field}.channelId: the bot cannot join voice channel ${this.config.channelId}`);
    const announce = this.config.announceChannelId;
    if (announce && !this.client.channels.get(announce)?.permissions.includes('SEND_MESSAGES'))
      throw new BotSetupError(`${this.field}.announceChannelId: the bot cannot send to channel ${announce}`);

    this.client.command('record', ({ args, reply }) => this.record(String(args.user), reply), { args: [{ name: 'user', type: 'user' }] });
    this.client.command('stop', ({ reply }) => this.stopRecording(reply));

    const connection = await this.client.voice.join(this.config.channelId);
    this.connection = connection;
    this.player.subscribe(connection);
    connection.on('stateChange', (_old, next) =>
      this.client.logger.info({ voice: next.status, reason: 'reason' in next ? next.reason : undefined }, `voice ${next.status}`),
    );
    connection.on('serverVoiceState', (s) => this.client.logger.info(s, s.serverMute ? 'server-muted: not sending' : 'server mute lifted'));
    connection.on('voiceStateUpdate', (change) => {
      if (
        change.channelId !== this.config.channelId ||
        !change.state ||
        change.userId === connection.userId ||
        this.greeted.has(change.sessionId)
      )
        return;
      this.greeted.add(change.sessionId);
      this.player.enqueue(this.greeting());
    });
    connection.receiver.on('speaking', ({ userId, speaking }) => {
      if (speaking && announce)
        void this.client.send(announce, `🎙️ <@${userId}> is speaking`).catch((e) => this.client.report(e, 'announce'));
    });
  }

  private greeting(): AudioResource {
    const { wav, toneHz, durationMs } = this.config.greeting;
    return wav ? wavResource(wav) : toneResource(toneHz, durationMs);
  }

  private async record(userId: string, reply: (text: string) => Promise<unknown>): Promise<void> {
    const connection = this.connection;
    if (!connection || connection.state.status === VoiceConnectionStatus.Destroyed) {
      await reply('I am not in voice.');
      return;
    }
    if (this.recordings.has(userId)) {
      await reply(`Already recording <@${userId}>.`);
      return;
    }
    const stream = connection.receiver.subscribe(userId);
    const recording: Recording = { userId, stream, chunks: [] };
    stream.on('data', (chunk: Buffer) => recording.chunks.push(chunk));
    this.recordings.set(userId, recording);
    await reply(`Recording <@${userId}>. Say !stop to finish.`);
  }

  /** Ends every recording; each becomes a WAV file. */
  private async stopRecording(reply: (text: string) => Promise<unknown>): Promise<void> {
    if (this.recordings.size === 0) {
      await reply('Nothing is being recorded.');
      return;
    }
    const files = [...this.recordings.values()].map((r) => this.save(r));
    this.recordings.clear();
    await reply(`Saved ${files.join(', ')}`);
  }

  private save(recording: Recording): string {
    recording.stream.destroy();
    const pcm = Buffer.concat(recording.chunks);
    const samples = new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.byteLength / 2));
    const dir = resolve(this.config.recordingsDir);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${recording.userId}-${new Date().toISOString().replace(/[:.]/g, '-')}.wav`);
    writeFileSync(file, encodeWav(samples, SAMPLE_RATE));
    return file;
  }

  async stop(): Promise<void> {
    for (const recording of this.recordings.values()) this.save(recording);
    this.recordings.clear();
    this.player.stop();
    await this.connection?.destroy();
  }
}
