import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { SCREENSHOTS } from './browser';

/** Chromium's own fake microphone (a beeping tone) and an auto-accepted permission prompt. */
export const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

export interface PeerProbe {
  state: RTCPeerConnectionState;
  /** Audio bytes received over RTP so far. */
  inboundBytes: number;
}

/**
 * Records every RTCPeerConnection the page makes and every media element it plays, so the test can
 * read connection states, inbound RTP statistics and whether playback is muted: the app's own
 * objects, observed from outside, nothing replaced.
 */
export async function observeMedia(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const observed = window as unknown as { __peerConnections: RTCPeerConnection[]; __players: Set<HTMLMediaElement> };
    observed.__peerConnections = [];
    observed.__players = new Set();
    const Native = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        observed.__peerConnections.push(this);
      }
    };
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      observed.__players.add(this);
      return play.call(this);
    };
  });
}

/** For each media element playing a stream: whether it is muted. */
export function playbackMuted(page: Page): Promise<boolean[]> {
  return page.evaluate(() =>
    [...(window as unknown as { __players: Set<HTMLMediaElement> }).__players].filter((el) => el.srcObject).map((el) => el.muted),
  );
}

/** The page's open peer connections, oldest first. */
export function probePeers(page: Page): Promise<PeerProbe[]> {
  return page.evaluate(async () => {
    const made = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    return Promise.all(
      made
        .filter((pc) => pc.connectionState !== 'closed')
        .map(async (pc) => {
          let inboundBytes = 0;
          (await pc.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
            if (report.type === 'inbound-rtp' && report.kind === 'audio') inboundBytes += report.bytesReceived ?? 0;
          });
          return { state: pc.connectionState, inboundBytes };
        }),
    );
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `accept` holds (or fails with the last value seen). */
export async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)}`);
    await sleep(250);
    last = await probe();
  }
  return last;
}

/** Each listed connection keeps receiving audio: its byte count grows past where it was. */
export async function audioGrows(page: Page, count: number, what: string): Promise<PeerProbe[]> {
  const before = await until(
    () => probePeers(page),
    (peers) => peers.length === count,
    `${what}: ${count} peer connections`,
  );
  return until(
    () => probePeers(page),
    (peers) => peers.length === count && peers.every((p, i) => p.state === 'connected' && p.inboundBytes > before[i]!.inboundBytes + 1000),
    `${what}: inbound audio grows on every connection`,
  );
}

/** The page holds exactly `count` open peer connections. */
export function connectionCount(page: Page, count: number, what: string): Promise<PeerProbe[]> {
  return until(
    () => probePeers(page),
    (peers) => peers.length === count,
    what,
  );
}

/** The connection at `index` receives again: past `from` bytes (where it stopped). */
export function audioResumes(page: Page, index: number, from: number, what: string): Promise<PeerProbe[]> {
  return until(
    () => probePeers(page),
    (peers) => (peers[index]?.inboundBytes ?? 0) > from + 1000,
    what,
  );
}

/**
 * The connection at `index` stops receiving: two readings a second apart are equal. Polled, since
 * packets already in flight may still land after the sender stopped.
 */
export async function audioStops(page: Page, index: number, what: string): Promise<number> {
  let previous = -1;
  const bytes = await until(
    async () => {
      await sleep(1000);
      const current = (await probePeers(page))[index]?.inboundBytes ?? -1;
      const stable = current === previous;
      previous = current;
      return { current, stable };
    },
    (reading) => reading.stable,
    `${what}: inbound audio stops`,
  );
  return bytes.current;
}

const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 360, height: 740 };

/** The voice view at 1280 px, then at 360 px with the navigation drawer (where voice lives) open. */
export async function voiceScreenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize(WIDE);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-1280.png`) });
  await page.setViewportSize(NARROW);
  await page.getByRole('button', { name: 'Open navigation' }).click();
  // The drawer slides in: wait for its transition to end before the picture.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        // A transition cut short rejects `finished`: that one is over too.
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-360.png`) });
  // The scrim beside the drawer closes it (its centre lies under the drawer itself).
  await page.mouse.click(NARROW.width - 4, NARROW.height / 2);
  await page.setViewportSize(WIDE);
}
