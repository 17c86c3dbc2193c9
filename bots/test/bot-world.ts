import { pino } from 'pino';
import type { RunningApi } from '../../api/src/app.js';
import { createServer, startTestApi, uniquePrefix, type TestUser } from '../../api/test/harness.js';
import { TcpProxy } from '../../api/test/tcp-proxy.js';
import { createClient, type BotClient } from '../src/index.js';

export const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
export const LIMITS =
  'mutation($s: ID!, $i: ServerRateLimitsInput!) { updateServerRateLimits(serverId: $s, input: $i) { channelMessageLimit } }';

export interface BotWorld {
  serverId: string;
  /** The server's default text channel. */
  channelId: string;
  voiceChannelId: string;
  botId: string;
  token: string;
}

/** A server owned by `owner` with a bot in it (holding `permissions` through a role) and roomy rate limits. */
export async function botWorld(api: RunningApi, owner: TestUser, permissions: string[] = []): Promise<BotWorld> {
  const server = await createServer(owner);
  const { createBot } = await owner.client.ok('mutation { createBot(name: "Test Bot") { token bot { id } } }');
  const botId = createBot.bot.id as string;
  await owner.client.ok('mutation($b: ID!, $s: ID!) { addBotToServer(botId: $b, serverId: $s) { user { id } } }', {
    b: botId,
    s: server.id,
  });
  if (permissions.length > 0) {
    const role = await owner.client.ok('mutation($s: ID!, $i: RoleInput!) { createRole(serverId: $s, input: $i) { id } }', {
      s: server.id,
      i: { name: 'bots', permissions },
    });
    await owner.client.ok('mutation($r: ID!, $s: ID!, $u: ID!) { assignRole(roleId: $r, serverId: $s, userId: $u) { user { id } } }', {
      r: role.createRole.id,
      s: server.id,
      u: botId,
    });
  }
  // Room for the humans in these tests; a test that needs tight limits sets its own.
  await owner.client.ok(LIMITS, { s: server.id, i: { channelMessageLimit: 1000, serverMessageLimit: 1000, escalationEnabled: false } });
  return {
    serverId: server.id,
    channelId: server.channels.find((c) => c.type === 'TEXT')!.id,
    voiceChannelId: server.channels.find((c) => c.type === 'VOICE')!.id,
    botId,
    token: createBot.token as string,
  };
}

/** A logged-in SDK client with quick reconnects and no log output. */
export async function startBot(url: string, token: string): Promise<BotClient> {
  const client = createClient({ url, token, logger: pino({ level: 'silent' }), backoff: { initialMs: 100, maxMs: 1000 } });
  await client.login();
  return client;
}

/** The contents of a channel's last 100 messages, oldest first, as `reader` sees them. */
export async function channelContents(reader: TestUser, channelId: string): Promise<string[]> {
  const data = await reader.client.ok('query($c: ID!) { messages(channelId: $c, limit: 100) { messages { content } } }', { c: channelId });
  return (data.messages.messages as { content: string }[]).map((m) => m.content);
}

/**
 * Two APIs on one database and one event bus; `quiet` reaches Redis through a proxy the test can cut.
 * While it is cut, what is done through `direct` is published unheard by `quiet`'s subscribers, which
 * hear EventsMissed and ServerEventsMissed once their bus is back.
 */
export async function apisSharingABus() {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const proxy = await TcpProxy.inFrontOf(redisUrl);
  const prefix = uniquePrefix();
  // One Redis for both, also when the suite runs on a cluster (REDIS_CLUSTER_NODES).
  const quiet = await startTestApi({ REDIS_URL: proxy.url(redisUrl), REDIS_CLUSTER_NODES: '' }, prefix);
  const direct = await startTestApi({ REDIS_URL: redisUrl, REDIS_CLUSTER_NODES: '' }, prefix);
  return {
    quiet,
    direct,
    /** Cuts `quiet`'s Redis, runs `meanwhile` (through `direct`), then brings Redis back. */
    async busAway(meanwhile: () => Promise<void>): Promise<void> {
      proxy.cut();
      try {
        await meanwhile();
      } finally {
        proxy.restore();
      }
    },
    async close(): Promise<void> {
      await Promise.all([quiet.close(), direct.close()]);
      await proxy.close();
    },
  };
}
