import type { RunningApi } from '../src/app.js';
import { createServer, signUp, startTestApi, type TestUser } from '../test/harness.js';

export interface BenchWorld {
  api: RunningApi;
  owner: TestUser;
  channelId: string;
}

/** An API with one owner and one text channel whose rate limits are off (benchmarks measure, not throttle). */
export async function benchWorld(): Promise<BenchWorld> {
  const api = await startTestApi();
  const owner = await signUp(api, 'bench');
  const server = await createServer(owner);
  await owner.client.ok(
    'mutation($s: ID!) { updateServerRateLimits(serverId: $s, input: { channelMessageLimit: 0, serverMessageLimit: 0, escalationEnabled: false }) { channelMessageLimit } }',
    { s: server.id },
  );
  return { api, owner, channelId: server.channels.find((c) => c.type === 'TEXT')!.id };
}
