import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../src/app.js';
import { createLogger } from '../src/kernel/logging/logger.js';
import { createServer, GqlClient, signUp, testConfig, uniqueName } from './harness.js';
import { startWorkers, stopAllWorkers, type WorkerProcess } from './processes.js';
import { ICE_SERVERS } from './voice-world.js';
import { openSocket } from './ws-client.js';

const TURN_SECRET = `turn-secret-${Date.now().toString(36)}`;
const METRICS_TOKEN = `metrics-token-${Date.now().toString(36)}`;
const PASSWORD = 'a very secret password 1';
const NEW_PASSWORD = 'another secret password 2';

describe('security', () => {
  let api: RunningApi;
  let workers: WorkerProcess;
  const lines: string[] = [];
  beforeAll(async () => {
    const secretEnv = { LOG_LEVEL: 'debug', TURN_SECRET, TURN_URLS: 'turn:turn.example.test:3478', METRICS_TOKEN };
    const config = testConfig(secretEnv);
    // The API's own logger, writing into memory: what operators would read.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    api = await startApi(config, createLogger('api', 'debug', sink));
    // The workers as the real program, with the same secrets, on the API's queues.
    workers = await startWorkers(config.REDIS_KEY_PREFIX, secretEnv);
  });
  afterAll(async () => {
    await stopAllWorkers();
    await api?.close();
  });

  it('logout closes the session’s open graphql-ws connections (4401)', async () => {
    const user = await signUp(api, 'sockets');
    const socket = await openSocket(api.url, user.token);
    await user.client.ok('mutation { logout }');
    expect(await socket.closed()).toBe(4401);
    await socket.client.dispose();
  });

  it('regenerating a bot token closes the bot’s open graphql-ws connections (4401)', async () => {
    const owner = await signUp(api, 'botowner');
    const created = await owner.client.ok('mutation($n: String!) { createBot(name: $n) { bot { id } token } }', { n: uniqueName('bot') });
    const socket = await openSocket(api.url, created.createBot.token, 'Bot');
    await owner.client.ok('mutation($b: ID!) { regenerateBotToken(botId: $b) { token } }', { b: created.createBot.bot.id });
    expect(await socket.closed()).toBe(4401);
    await socket.client.dispose();
  });

  it('never logs passwords, session or bot tokens, TURN secrets or credentials, or the metrics token', async () => {
    const anon = new GqlClient(api.url);
    const username = uniqueName('logged');
    const registered = await anon.ok('mutation($u: String!, $p: String!) { register(username: $u, password: $p) { token } }', {
      u: username,
      p: PASSWORD,
    });
    const login = await anon.ok('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: username,
      p: PASSWORD,
    });
    await anon.request('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: username,
      p: `${PASSWORD}x`,
    });
    const client = new GqlClient(api.url, `Bearer ${login.login.token}`);
    const turn = (await client.ok(ICE_SERVERS)).iceServers.find((s: { credential: string | null }) => s.credential);
    expect(turn.credential).toBeTruthy();
    await createServer({ id: '', username, token: login.login.token, client });
    // A bot's token, used on both transports, then replaced (the old one is refused, the new one is used).
    const bot = await client.ok('mutation($n: String!) { createBot(name: $n) { bot { id } token } }', { n: uniqueName('loggedbot') });
    const botToken = bot.createBot.token as string;
    await new GqlClient(api.url, `Bot ${botToken}`).ok('{ me { id } }');
    const socket = await openSocket(api.url, botToken, 'Bot');
    const renewed = await client.ok('mutation($b: ID!) { regenerateBotToken(botId: $b) { token } }', { b: bot.createBot.bot.id });
    await socket.closed();
    await socket.client.dispose();
    await new GqlClient(api.url, `Bot ${botToken}`).request('{ me { id } }');
    await new GqlClient(api.url, `Bot ${renewed.regenerateBotToken.token}`).ok('{ me { id } }');
    // A password change, refused then done: neither the guess nor either password may be logged.
    const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
    await client.request(CHANGE, { c: `${PASSWORD}y`, n: NEW_PASSWORD });
    await client.ok(CHANGE, { c: PASSWORD, n: NEW_PASSWORD });
    await fetch(api.url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const workersMetrics = `http://127.0.0.1:${workers.port}/metrics`;
    expect((await fetch(workersMetrics, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
    expect((await fetch(workersMetrics, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
    // Stopped, so the workers' log is complete, shutdown included.
    expect((await workers.stop()).code).toBe(0);
    // Something is logged by each (the test would prove nothing otherwise).
    expect(lines.length).toBeGreaterThan(0);
    expect(workers.logs.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['workers ready', 'workers shutting down']));
    const all = lines.join('') + workers.output.join('');
    const secrets = [PASSWORD, `${PASSWORD}y`, NEW_PASSWORD, registered.register.token, login.login.token, TURN_SECRET, METRICS_TOKEN];
    for (const secret of [...secrets, botToken, renewed.regenerateBotToken.token, turn.credential]) expect(all).not.toContain(secret);
  });
});
