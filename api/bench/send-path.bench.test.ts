import { afterAll, beforeAll, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import type { TestUser } from '../test/harness.js';
import { report } from './report.js';
import { benchWorld } from './world.js';

// The send path against the cheapest authenticated request in the same run (`me`): both go through
// HTTP, the session cache and Apollo, so the ratio isolates what sending costs beyond that.
const ROUNDS = 500;
const CONCURRENCY = 8;

let api: RunningApi;
let owner: TestUser;
let channelId: string;

beforeAll(async () => {
  ({ api, owner, channelId } = await benchWorld());
});
afterAll(async () => {
  await api?.close();
});

async function measure(request: () => Promise<unknown>): Promise<{ perSecond: number; cpuMsPerRequest: number }> {
  for (let i = 0; i < 20; i += 1) await request();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ROUNDS) {
        next += 1;
        await request();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // Client and server share this process, so CPU here is an upper bound for the API's share.
  return { perSecond: ROUNDS / seconds, cpuMsPerRequest: (used.user + used.system) / 1000 / ROUNDS };
}

it(`sendMessage vs the cheapest authenticated query, ${ROUNDS} requests, ${CONCURRENCY} at a time`, async () => {
  const me = await measure(() => owner.client.ok('{ me { id } }'));
  let n = 0;
  const send = await measure(() =>
    owner.client.ok('mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }', {
      c: channelId,
      t: `bench ${(n += 1)}`,
    }),
  );
  report('send-path', {
    'me: requests/s': me.perSecond,
    'me: CPU ms per request (client + server)': me.cpuMsPerRequest,
    'sendMessage: messages/s': send.perSecond,
    'sendMessage: CPU ms per message (client + server)': send.cpuMsPerRequest,
    'sendMessage cost relative to me (CPU)': send.cpuMsPerRequest / me.cpuMsPerRequest,
  });
});
