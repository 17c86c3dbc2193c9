import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { joinServer } from '../../../test/fixtures.js';
import { createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';

const PRESENCE_OF = 'query($s: ID!) { server(id: $s) { members(first: 100) { user { id presence } } } }';

describe('presence when Redis lost its data', () => {
  let api: RunningApi;
  let invisible: TestUser;
  let watcher: TestUser;
  let serverId: string;
  beforeAll(async () => {
    api = await startTestApi();
    invisible = await signUp(api, 'invisible');
    watcher = await signUp(api, 'watcher');
    serverId = (await createServer(watcher)).id;
    await joinServer(invisible, serverId);
  });
  afterAll(async () => {
    await api?.close();
  });

  const shownAs = async (userId: string) => {
    const data = await watcher.client.ok(PRESENCE_OF, { s: serverId });
    return data.server.members.find((m: { user: { id: string } }) => m.user.id === userId).user.presence as string;
  };

  it('an invisible member stays OFFLINE to others after a heartbeat, reading users.chosen_status', async () => {
    await invisible.client.ok('mutation { setPresence(status: OFFLINE) { id } }');
    await invisible.client.ok('mutation { heartbeat }');
    expect(await shownAs(invisible.id)).toBe('OFFLINE');

    // Redis restarted without persistence: every presence key of the user is gone.
    const { keys, redis } = api.services;
    await redis.del(keys.presenceChosen(invisible.id), keys.presenceStatus(invisible.id), keys.presenceDevices(invisible.id));
    await invisible.client.ok('mutation { heartbeat }');
    expect(await shownAs(invisible.id)).toBe('OFFLINE');
    // What was read back from Postgres is kept in Redis again.
    expect(await redis.get(keys.presenceChosen(invisible.id))).toBe('OFFLINE');
  });

  it('a member who chose DND is DND again, not ONLINE', async () => {
    await watcher.client.ok('mutation { setPresence(status: DND) { id } }');
    const { keys, redis } = api.services;
    await redis.del(keys.presenceChosen(watcher.id), keys.presenceStatus(watcher.id));
    await watcher.client.ok('mutation { heartbeat }');
    expect(await shownAs(watcher.id)).toBe('DND');
  });
});
