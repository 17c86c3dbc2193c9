import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import type { TestUser } from '../test/harness.js';
import { subscribe, wsClient, type Subscription } from '../test/ws-client.js';
import { report } from './report.js';
import { benchWorld } from './world.js';

// Fan-out: one channel, many subscribers, a burst of messages. The baseline is the same run with
// every subscriber's operation made distinct (its own field alias), which forces one execution per
// subscriber per event — what a server without shared execution does.
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 200);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 50);
const query = (alias: string) => `subscription($c: ID!) { ${alias}: channelEvents(channelId: $c) { __typename
  ... on MessageCreated { message { id content createdAt author { id username displayName } } } } }`;

let api: RunningApi;
let owner: TestUser;
let channelId: string;
const clients: Client[] = [];

beforeAll(async () => {
  ({ api, owner, channelId } = await benchWorld());
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await api?.close();
});

async function run(shared: boolean): Promise<{ ms: number; executions: number }> {
  const idle = api.services.bus.listenerCount();
  const subs: Subscription<unknown>[] = [];
  for (let i = 0; i < SUBSCRIBERS; i += 1) {
    const client = wsClient(api.url, owner.token);
    clients.push(client);
    subs.push(subscribe(client, query(shared ? 'event' : `event${i}`), { c: channelId }));
  }
  while (api.services.bus.listenerCount() < idle + SUBSCRIBERS) await new Promise((r) => setTimeout(r, 20));
  const executionsBefore = api.subscriptionExecutions();
  const started = performance.now();
  for (let m = 0; m < MESSAGES; m += 1)
    await owner.client.ok('mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }', {
      c: channelId,
      t: `message ${m}`,
    });
  await Promise.all(subs.map((s) => s.waitFor(MESSAGES, 120_000)));
  const ms = performance.now() - started;
  const executions = api.subscriptionExecutions() - executionsBefore;
  for (const s of subs) s.stop();
  while (api.services.bus.listenerCount() > idle) await new Promise((r) => setTimeout(r, 20));
  return { ms, executions };
}

it(`fan-out of ${MESSAGES} messages to ${SUBSCRIBERS} subscribers: shared execution vs one per subscriber`, async () => {
  const baseline = await run(false);
  const shared = await run(true);
  report('fanout', {
    subscribers: SUBSCRIBERS,
    messages: MESSAGES,
    'executions, one per subscriber (baseline)': baseline.executions,
    'executions, shared': shared.executions,
    'delivery ms, baseline': baseline.ms,
    'delivery ms, shared': shared.ms,
    'speed-up (baseline ms / shared ms)': baseline.ms / shared.ms,
  });
  expect(shared.executions).toBe(MESSAGES);
  expect(baseline.executions).toBe(MESSAGES * SUBSCRIBERS);
});
