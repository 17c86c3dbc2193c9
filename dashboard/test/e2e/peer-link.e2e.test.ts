import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { transformWithOxc } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { audioGrows, observeMedia, until } from './voice-probe';

/**
 * The dashboard's PeerLink in real Chromium, two of them in one page wired to each other without
 * the API, so the test decides when signals arrive or are lost (like the API, the wire keeps each
 * direction's order). What is checked is the negotiation when both ends offer at once.
 */
const PEER_LINK = new URL('../../src/lib/voice/peer-link.ts', import.meta.url);

/** What the page holds for one pair of links: the signals each sent, and what went wrong. */
interface PairState {
  sent: string[][];
  states: string[];
  errors: string[];
}

declare global {
  interface Window {
    pair: {
      links: { offer(): void; restartIce(): void; close(): void }[];
      state: PairState & { holding: boolean; lostFrom: number | null };
      release(): void;
    };
  }
}

async function openPair(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { PeerLink } = window as unknown as { PeerLink: new (options: object) => Window['pair']['links'][number] };
    const audio = new AudioContext();
    await audio.resume();
    const tone = () => {
      const oscillator = audio.createOscillator();
      const out = audio.createMediaStreamDestination();
      oscillator.connect(out);
      oscillator.start();
      return out.stream.getAudioTracks()[0];
    };
    const queue: (() => void)[] = [];
    const state = {
      holding: false,
      lostFrom: null as number | null,
      sent: [[], []] as string[][],
      states: ['new', 'new'],
      errors: [] as string[],
    };
    const flush = () => {
      if (state.holding) return;
      for (let next = queue.shift(); next; next = queue.shift()) next();
    };
    const links: Window['pair']['links'] = [];
    for (const i of [0, 1]) {
      links.push(
        new PeerLink({
          remoteSessionId: `s${1 - i}`,
          remoteUserId: `u${1 - i}`,
          iceServers: [],
          localTrack: tone(),
          maxBitrate: 64_000,
          sending: true,
          hearing: false,
          sendSignal: async (type: string, payload: string) => {
            state.sent[i]!.push(type);
            if (state.lostFrom === i) return; // the other end is away: accepted, heard by nobody
            queue.push(() => (links[1 - i] as unknown as { handleSignal(t: string, p: string): void }).handleSignal(type, payload));
            flush();
          },
          onConnectionState: (connectionState: string) => (state.states[i] = connectionState),
          onError: (error: unknown) => state.errors.push(String(error)),
        }),
      );
    }
    window.pair = {
      links,
      state,
      release: () => {
        state.holding = false;
        flush();
      },
    };
  });
}

function readPair(page: Page): Promise<PairState> {
  return page.evaluate(() => window.pair.state);
}

/** Both links connected, each receiving the other's audio. */
async function bothHear(page: Page, what: string): Promise<void> {
  await audioGrows(page, 2, what);
}

/** Both links offer an ICE restart at once: the signals are held until both offers are out. */
async function crossRestarts(page: Page): Promise<number[]> {
  const before = await page.evaluate(() => window.pair.state.sent.map((sent) => sent.length));
  await page.evaluate(async () => {
    window.pair.state.holding = true;
    window.pair.links.forEach((link) => link.restartIce());
    await new Promise((resolve) => setTimeout(resolve, 500));
    window.pair.release();
  });
  return before;
}

/** The description signals (offers and answers) link `i` sent since `from`. */
const descriptions = (pair: PairState, i: number, from: number) => pair.sent[i]!.slice(from).filter((type) => type !== 'ICE_CANDIDATE');

/**
 * Both links restart ICE at once and it settles: `standing` ignores the other's offer and answers
 * only the restart the other makes again after answering `standing`'s; audio goes on, nothing fails.
 */
async function expectCrossedRestartsSettle(page: Page, standing: number, what: string): Promise<void> {
  const yielding = 1 - standing;
  const before = await crossRestarts(page);
  const pair = await until(
    () => readPair(page),
    // Both ends' descriptions: on a busy machine the yielding end's second offer can be recorded
    // before the standing end's answer to it.
    (p) =>
      descriptions(p, yielding, before[yielding]!).length === 3 &&
      descriptions(p, standing, before[standing]!).length === 2 &&
      p.states.every((s) => s === 'connected'),
    `${what}: the yielding end answers, then offers its restart again, and is answered`,
  );
  expect(descriptions(pair, standing, before[standing]!)).toEqual(['OFFER', 'ANSWER']);
  expect(descriptions(pair, yielding, before[yielding]!)).toEqual(['OFFER', 'ANSWER', 'OFFER']);
  await bothHear(page, `${what}: after the collision`);
  expect((await readPair(page)).errors).toEqual([]);
  await page.evaluate(() => window.pair.links.forEach((link) => link.close()));
}

describe('PeerLink negotiation in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const { code } = await transformWithOxc(readFileSync(PEER_LINK, 'utf8'), PEER_LINK.pathname);
    browser = await launchBrowser(['--autoplay-policy=no-user-gesture-required']);
    const context = await browser.newContext();
    await observeMedia(context);
    page = await context.newPage();
    await page.addScriptTag({ type: 'module', content: `${code}\nwindow.PeerLink = PeerLink;` });
    await page.waitForFunction(() => 'PeerLink' in window);
  });

  // A failed test must not leave its pair connected: the next one counts the page's connections.
  afterEach(async () => {
    await page.evaluate(() => ('pair' in window ? window.pair.links.forEach((link) => link.close()) : undefined));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('both ends restart ICE at once: the first offerer stands, the other yields and restarts after, audio goes on', async () => {
    await openPair(page);
    await page.evaluate(() => window.pair.links[0]!.offer());
    await bothHear(page, 'first negotiation');

    await expectCrossedRestartsSettle(page, 0, 'the first offerer stands');
  });

  it("a first offer lost while they were away yields to theirs on return; later collisions go the returner's way", async () => {
    await openPair(page);
    await page.evaluate(async () => {
      window.pair.state.lostFrom = 0;
      window.pair.links[0]!.offer();
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // its candidates are lost too
      window.pair.state.lostFrom = null;
      window.pair.links[1]!.offer(); // back, it finds the newcomer and offers (VoiceEngine's resume)
    });
    await bothHear(page, 'the returner’s offer answered');

    await expectCrossedRestartsSettle(page, 1, 'the returner stands');
  });

  it('a candidate that no longer fits, held until the offer came, is left out and the answer still goes', async () => {
    await openPair(page);
    await page.evaluate(() => {
      // From an offer taken back (its credentials are gone), arriving before the offer the link stands on.
      const stale = {
        candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 9 typ host',
        sdpMid: 'gone',
        sdpMLineIndex: 7,
        usernameFragment: 'gone',
      };
      (window.pair.links[1] as unknown as { handleSignal(t: string, p: string): void }).handleSignal(
        'ICE_CANDIDATE',
        JSON.stringify(stale),
      );
      window.pair.links[0]!.offer();
    });
    await bothHear(page, 'the offer answered past the stale candidate');
    expect((await readPair(page)).errors).toEqual([]);
    await page.evaluate(() => window.pair.links.forEach((link) => link.close()));
  });
});
