import type { RunningApi } from '../src/app.js';
import type { Topic } from '../src/kernel/pubsub/event-bus.js';
import { startTestApi, uniquePrefix } from './harness.js';

/** Two API instances on one Redis prefix: what one publishes, the other receives. */
export async function startTwoInstances(overrides: Record<string, string> = {}): Promise<[RunningApi, RunningApi]> {
  const prefix = uniquePrefix();
  return [await startTestApi(overrides, prefix), await startTestApi(overrides, prefix)];
}

/**
 * Waits until each instance has received everything the other published so far. Cached permission
 * inputs are invalidated through Redis before a mutation answers, so afterwards both decide alike.
 */
export async function synchronise(a: RunningApi, b: RunningApi): Promise<void> {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const topic: Topic<object> = { name: `test-sync:${Math.random()}` };
    let arrived!: () => void;
    const done = new Promise<void>((resolve) => (arrived = resolve));
    const stop = await to.services.bus.listen(topic, () => arrived());
    await from.services.bus.publish(topic, {});
    await done;
    stop();
  }
}

/** Rate limits high enough that tests which are not about rate limits never meet them. */
export const ROOMY_LIMITS = {
  channelMessageLimit: 1000,
  channelMessageWindowSeconds: 1,
  serverMessageLimit: 10_000,
  serverMessageWindowSeconds: 1,
  escalationEnabled: false,
};
