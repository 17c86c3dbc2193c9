import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { createServer, signUp, startTestApi } from './harness.js';

describe('smoke', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('registers, creates a server and reads it back', async () => {
    const alice = await signUp(api, 'alice');
    const server = await createServer(alice, { name: 'Alice Place' });
    expect(server.channels.map((c) => c.type).sort()).toEqual(['TEXT', 'VOICE']);
    const data = await alice.client.ok(
      `query($id: ID!) { server(id: $id) { name slug owner { id } memberCount myPermissions roles { name isDefault permissions } members { user { username } roles { id } } } }`,
      { id: server.id },
    );
    expect(data.server.owner.id).toBe(alice.id);
    expect(data.server.memberCount).toBe(1);
    expect(data.server.myPermissions).toContain('ADMINISTRATOR');
  });
});
