import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { createServer, signUp, startTestApi, type TestUser } from '../../../test/harness.js';
import { JPEG, PNG, expectBadInput, joinServer, sql, until } from '../../../test/fixtures.js';
import { settle, subscribe, wsClient } from '../../../test/ws-client.js';

const SET_AVATAR = 'mutation($i: String) { setAvatar(image: $i) { id avatarUrl } }';
const ME = '{ me { avatarUrl } }';
const MEMBER_UPDATES = `subscription($s: ID!) { serverEvents(serverId: $s) {
  __typename ... on MemberUpdated { member { user { id avatarUrl } } }
} }`;
const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;

describe('avatars', () => {
  let api: RunningApi;
  let user: TestUser;
  const fetchAvatar = (path: string) => fetch(new URL(path, api.url));
  beforeAll(async () => {
    api = await startTestApi();
    user = await signUp(api, 'avatar');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('serves an upload at a URL of its own, which a member hears of, and which ends when the avatar changes or goes', async () => {
    const watcher = await signUp(api, 'avwatch');
    const server = await createServer(watcher);
    await joinServer(user, server.id);
    const ws = wsClient(api.url, watcher.token);
    try {
      const events = subscribe(ws, MEMBER_UPDATES, { s: server.id });
      await settle(300);
      const png = (await user.client.ok(SET_AVATAR, { i: dataUrl('image/png', PNG) })).setAvatar.avatarUrl as string;
      expect(png).toMatch(new RegExp(`^/avatars/${user.id}/[0-9a-f]{32}$`));
      expect((await user.client.ok(ME)).me.avatarUrl).toBe(png);
      const served = await fetchAvatar(png);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
      const heard = await until(() => events.events.find((e) => e.serverEvents.__typename === 'MemberUpdated'), 'MemberUpdated');
      expect(heard.serverEvents.member.user).toEqual({ id: user.id, avatarUrl: png });

      const jpeg = (await user.client.ok(SET_AVATAR, { i: dataUrl('image/jpeg', JPEG) })).setAvatar.avatarUrl as string;
      expect(jpeg).not.toBe(png);
      expect((await fetchAvatar(png)).status).toBe(404);
      const replaced = await fetchAvatar(jpeg);
      expect(replaced.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await replaced.arrayBuffer()).equals(JPEG)).toBe(true);

      expect((await user.client.ok(SET_AVATAR, { i: null })).setAvatar.avatarUrl).toBeNull();
      expect((await fetchAvatar(jpeg)).status).toBe(404);
      expect(await sql(api, 'select 1 from user_avatars where user_id = ?', [user.id])).toHaveLength(0);
    } finally {
      await ws.dispose();
    }
  });

  it('refuses what is not an uploaded image of at most 192 KiB, and an anonymous caller, keeping the avatar', async () => {
    const kept = (await user.client.ok(SET_AVATAR, { i: dataUrl('image/png', PNG) })).setAvatar.avatarUrl;
    for (const i of [
      'https://images.example/me.png',
      dataUrl('image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
      dataUrl('image/png', JPEG),
      dataUrl('image/png', Buffer.concat([PNG, Buffer.alloc(192 * 1024)])),
      '',
    ])
      expectBadInput(await user.client.errorOf(SET_AVATAR, { i }), 'image');
    expect((await user.client.as(undefined).errorOf(SET_AVATAR, { i: null })).code).toBe('UNAUTHENTICATED');
    expect((await user.client.ok(ME)).me.avatarUrl).toBe(kept);
  });

  it('answers 404 for an unknown user, hash or malformed path', async () => {
    const current = (await user.client.ok(ME)).me.avatarUrl as string;
    const other = await signUp(api, 'noavatar');
    const hash = current.split('/').pop()!;
    for (const path of [
      `/avatars/${other.id}/${hash}`,
      `/avatars/${user.id}/${'0'.repeat(32)}`,
      `/avatars/abc/${hash}`,
      `/avatars/${user.id}/x`,
    ]) {
      expect((await fetchAvatar(path)).status).toBe(404);
    }
    expect((await fetchAvatar(current)).status).toBe(200);
  });
});
