import { afterAll, describe, expect, it } from 'vitest';
import { uniquePrefix } from './harness.js';
import { startApiProcess, stopAllWorkers } from './processes.js';
import { threadNiceValues } from './thread-nice.js';

describe.runIf(process.platform === 'linux')('the API as its own process (api/dist/main.js)', () => {
  afterAll(stopAllWorkers);

  it('runs V8’s background threads at BACKGROUND_THREAD_NICE (19) and its main thread at normal priority', async () => {
    const api = await startApiProcess(uniquePrefix());
    const nice = threadNiceValues(api.pid);
    expect(nice.get(api.pid)).toBe(0);
    const background = [...nice].filter(([thread]) => thread !== api.pid).map(([, value]) => value);
    // V8's four platform workers at least; libuv pool threads, started later by the main thread, keep 0.
    expect(background.filter((value) => value === 19).length).toBeGreaterThanOrEqual(4);
    expect(background.every((value) => value === 19 || value === 0)).toBe(true);
  });
});
