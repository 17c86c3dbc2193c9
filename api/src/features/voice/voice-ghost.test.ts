import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { QueueName } from '../../jobs/queues.js';
import { joinServer, until } from '../../../test/fixtures.js';
import { createServer, GqlClient, signUp, startTestApi, uniquePrefix, type TestUser } from '../../../test/harness.js';
import { assertWorkersBuilt, startApiProcess, startWorkers, stopAllWorkers } from '../../../test/processes.js';
import { recordServerEvents, type ServerEventLog } from '../../../test/server-events.js';
import { wsClient } from '../../../test/ws-client.js';
import { JOIN_VOICE, LEAVE_VOICE } from '../../../test/voice-world.js';

const VOICE_STATES = 'query($c: ID!) { channel(id: $c) { voiceStates { sessionId } } }';

describe('ghost voice sessions (with a worker process)', () => {
  const prefix = uniquePrefix();
  let api: RunningApi;
  let owner: TestUser;
  let ghost: TestUser;
  let connected: TestUser;
  let former: TestUser;
  let serverId: string;
  let voiceId: string;
  let observer: Client;
  let connectedWs: Client;
  let log: ServerEventLog;
  let connectedLog: ServerEventLog;

  beforeAll(async () => {
    assertWorkersBuilt();
    // No grace: a member whose last socket closes is offline as soon as the expiry job runs.
    api = await startTestApi({ PRESENCE_GRACE_SECONDS: '0' }, prefix);
    owner = await signUp(api, 'ghostowner');
    ghost = await signUp(api, 'ghost');
    connected = await signUp(api, 'present');
    former = await signUp(api, 'former');
    const server = await createServer(owner);
    serverId = server.id;
    voiceId = server.channels.find((c) => c.type === 'VOICE')!.id;
    await joinServer(ghost, serverId);
    await joinServer(connected, serverId);
    await joinServer(former, serverId);
    observer = wsClient(api.url, owner.token);
    log = await recordServerEvents(observer, serverId);
  });
  afterAll(async () => {
    log?.stop();
    connectedLog?.stop();
    await Promise.all([observer?.dispose(), connectedWs?.dispose()]);
    await Promise.all([api?.close(), stopAllWorkers()]);
  });

  it('ends the sessions (announcing OFFLINE) of a member whose devices expired while the workers were down; a connected member keeps theirs', async () => {
    await ghost.client.ok('mutation { heartbeat }');
    await ghost.client.ok(JOIN_VOICE, { c: voiceId });
    // A live graphql-ws connection: the API keeps this member's device alive.
    connectedWs = wsClient(api.url, connected.token);
    connectedLog = await recordServerEvents(connectedWs, serverId);
    await connected.client.ok(JOIN_VOICE, { c: voiceId });

    // The workers were down longer than the presence keys live: the keys expired, and the expiry job
    // (when the workers come back) finds nothing to expire.
    const { redis, keys } = api.services;
    await redis.del(keys.presenceDevices(ghost.id), keys.presenceStatus(ghost.id));

    await startWorkers(prefix, { SWEEP_EVERY_SECONDS: '1' });
    const ghostSessions = async () => ((await redis.hget(keys.voiceUsers(serverId), ghost.id)) ? 1 : 0);
    await until(async () => (await ghostSessions()) === 0, 'the ghost session to end', { timeoutMs: 15_000 });
    await log.waitFor((e) => e.type === 'PresenceUpdated' && e.userId === ghost.id && e.presence === 'OFFLINE', 5000, 'OFFLINE');
    const states = (await owner.client.ok(VOICE_STATES, { c: voiceId })).channel.voiceStates;
    expect(states).toHaveLength(1);
    expect(await redis.hget(keys.voiceUsers(serverId), connected.id)).not.toBeNull();
  });

  it('later sweeps leave alone members who left voice and went offline: no OFFLINE again, nothing counted', async () => {
    const { redis, keys } = api.services;
    // A member with a socket (a live device) joins voice, leaves it, then closes the socket.
    const formerWs = wsClient(api.url, former.token);
    const formerLog = await recordServerEvents(formerWs, serverId);
    const { sessionId } = (await former.client.ok(JOIN_VOICE, { c: voiceId })).joinVoice;
    await former.client.ok(LEAVE_VOICE, { id: sessionId });
    formerLog.stop();
    await formerWs.dispose();
    await log.waitFor((e) => e.type === 'PresenceUpdated' && e.userId === former.id && e.presence === 'OFFLINE', 10_000, 'OFFLINE');

    // Two full sweeps that started after the member went offline (and after the ghost's end).
    const since = Date.now();
    const sweeps = async () =>
      (await api.services.jobs.queue(QueueName.housekeeping).getJobs(['completed']))
        .filter((job) => job.data.task === 'sweep' && job.processedOn! > since)
        .map((job) => job.returnvalue as { ghostsEnded: number });
    const done = await until(sweeps, 'two sweeps', { done: (s) => s.length >= 2, timeoutMs: 15_000 });
    expect(done.map((s) => s.ghostsEnded)).toEqual(done.map(() => 0));
    expect(log.events.filter((e) => e.type === 'PresenceUpdated' && e.at > since)).toEqual([]);
    // No record of servers is left for members with no session (the sweep scans those records).
    expect(await redis.exists(keys.voiceUserServers(former.id), keys.voiceUserServers(ghost.id))).toBe(0);
  });

  it('a join whose API process is killed right after storing the session leaves no ghost: the sweep ends it', async () => {
    const { redis, keys } = api.services;
    const crashed = await signUp(api, 'crashedjoiner');
    await joinServer(crashed, serverId);
    // The workers stop meanwhile: a sweep every second could end the session before the test sees it stored.
    await stopAllWorkers();
    // A real API process that kills itself (SIGKILL) once the session is in the server's keys.
    const doomed = await startApiProcess(prefix, { RASHIGO_FAILPOINTS: 'voice-stored' });
    const answer = await new GqlClient(`http://127.0.0.1:${doomed.port}/graphql`, `Bearer ${crashed.token}`)
      .request(JOIN_VOICE, { c: voiceId })
      .catch(() => null);
    expect(answer).toBeNull();
    expect((await doomed.exited).signal).toBe('SIGKILL');
    expect(await redis.hget(keys.voiceUsers(serverId), crashed.id)).not.toBeNull();

    // The member has no live device (no socket, no heartbeat): the workers' sweep ends the session.
    await startWorkers(prefix, { SWEEP_EVERY_SECONDS: '1' });
    // Ended: gone from the server's keys, then (the end's last step) its record of servers pruned.
    const gone = async () =>
      (await redis.hget(keys.voiceUsers(serverId), crashed.id)) === null && (await redis.exists(keys.voiceUserServers(crashed.id))) === 0;
    await until(gone, 'the crashed join’s session to end', { timeoutMs: 15_000 });
    expect((await owner.client.ok(VOICE_STATES, { c: voiceId })).channel.voiceStates).toHaveLength(1);
  });
});
