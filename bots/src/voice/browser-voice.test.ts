import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../../api/src/app.js';
import { eventually } from '../../../api/test/fixtures.js';
import { signUp, startTestApi } from '../../../api/test/harness.js';
import { botWorld, startBot } from '../../test/bot-world.js';
import { estimateFrequency, rms } from './audio.js';
import { AudioPlayer } from './audio-player.js';
import { toneResource } from './audio-resource.js';
import { encodeWav } from './wav.js';
import { entersState, VoiceConnectionStatus } from './voice-connection.js';

const PAGE = readFileSync(new URL('../../test/browser-voice-page.html', import.meta.url), 'utf8');

/** Ten seconds of a 660 Hz tone: Chromium's fake microphone plays it (looped). */
function microphoneFile(): string {
  const samples = new Int16Array(48_000 * 10);
  for (let i = 0; i < samples.length; i += 1) samples[i] = Math.round(Math.sin((2 * Math.PI * 660 * i) / 48_000) * 8000);
  const path = join(tmpdir(), `rashigo-mic-${process.pid}.wav`);
  writeFileSync(path, encodeWav(samples));
  return path;
}

describe('voice bot and a member in real Chromium', () => {
  let api: RunningApi;
  let page: Server;
  let browser: Browser;
  beforeAll(async () => {
    api = await startTestApi();
    // The page must come from http://localhost (a secure context) for getUserMedia.
    page = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-audio-capture=${microphoneFile()}`,
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => page?.close(resolve));
    await api?.close();
  });

  it('the member hears the bot’s 440 Hz tone in the browser, and the bot hears the member’s 660 Hz microphone', async () => {
    const owner = await signUp(api, 'browserowner');
    const world = await botWorld(api, owner);
    const member = await signUp(api, 'browsermember');
    await member.client.ok('mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s: world.serverId });
    const bot = await startBot(api.url, world.token);
    const context = await browser.newContext({ permissions: ['microphone'] });
    const player = new AudioPlayer();
    try {
      const voice = await bot.voice.join(world.voiceChannelId);
      player.subscribe(voice);
      player.play(toneResource(440));
      const heard = new Promise<Int16Array[]>((resolve) => {
        const frames: Int16Array[] = [];
        voice.receiver.subscribe(member.id).on('data', (chunk: Buffer) => {
          const samples = new Int16Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
          if (rms(samples) >= 500 && frames.push(samples) === 60) resolve(frames.slice(10));
        });
      });

      const tab = await context.newPage();
      const port = (page.address() as AddressInfo).port;
      const query = new URLSearchParams({
        ws: api.url.replace(/^http/, 'ws'),
        authorization: `Bearer ${member.token}`,
        channel: world.voiceChannelId,
      });
      await tab.goto(`http://localhost:${port}/?${query}`);
      await entersState(voice, VoiceConnectionStatus.Connected, 15_000);

      await eventually(async () => {
        const state = await tab.evaluate(
          () => (window as unknown as { voice: { state: string; peakHz: number; error: string | null } }).voice,
        );
        expect(state.error).toBeNull();
        expect(state.state).toBe('connected');
        // FFT bins are 48000/8192 ≈ 5.9 Hz wide.
        expect(state.peakHz).toBeGreaterThan(430);
        expect(state.peakHz).toBeLessThan(450);
      }, 15_000);

      const frames = await heard;
      const joined = new Int16Array(frames.length * frames[0]!.length);
      frames.forEach((f, i) => joined.set(f, i * f.length));
      expect(estimateFrequency(joined, 48_000)).toSatisfy((f: number) => f > 640 && f < 680);
    } finally {
      player.stop();
      await context.close();
      await bot.destroy();
    }
  });
});
