import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { createServer, GqlClient, signUp, startTestApi, uniquePrefix, type TestUser } from '../../../test/harness.js';
import { eventually, expectBadInput, joinServer, until } from '../../../test/fixtures.js';
import { settle, subscribe, wsClient } from '../../../test/ws-client.js';

const UPDATE_PROFILE = 'mutation($d: String!) { updateProfile(displayName: $d) { id displayName username } }';
const ME = '{ me { displayName } }';
const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id } }';
const MEMBER_UPDATES = `subscription($s: ID!) { serverEvents(serverId: $s) {
  __typename ... on MemberUpdated { member { user { id displayName } } }
} }`;
const AUTHORS = `subscription($c: ID!) { channelEvents(channelId: $c) {
  __typename ... on MessageCreated { message { content author { displayName } } }
} }`;

describe('profile', () => {
  let api: RunningApi;
  /** A second API process's worth (its own caches), on the same Redis. */
  let other: RunningApi;
  let user: TestUser;
  let watcher: TestUser;
  let server: Awaited<ReturnType<typeof createServer>>;
  beforeAll(async () => {
    const prefix = uniquePrefix();
    [api, other] = await Promise.all([startTestApi({}, prefix), startTestApi({}, prefix)]);
    [user, watcher] = await Promise.all([signUp(api, 'renamed'), signUp(api, 'watcher')]);
    server = await createServer(watcher);
    await joinServer(user, server.id);
  });
  afterAll(async () => {
    await Promise.all([api?.close(), other?.close()]);
  });

  it('renames the caller: me, the server members hear MemberUpdated, and the next live message carries the new name', async () => {
    const text = server.channels.find((c) => c.type === 'TEXT')!.id;
    const ws = wsClient(api.url, watcher.token);
    try {
      const members = subscribe(ws, MEMBER_UPDATES, { s: server.id });
      const messages = subscribe(ws, AUTHORS, { c: text });
      await settle(300);
      // The first message puts the sender's old name in the live path's cache.
      await user.client.ok(SEND, { c: text, t: 'before' });
      await messages.waitFor(1);
      const renamed = await user.client.ok(UPDATE_PROFILE, { d: '  Ada L.  ' });
      expect(renamed.updateProfile).toEqual({ id: user.id, displayName: 'Ada L.', username: user.username });
      expect((await user.client.ok(ME)).me.displayName).toBe('Ada L.');
      // Presence changes share the stream: wait for the member update among them.
      const update = await until(() => members.events.find((e) => e.serverEvents.__typename === 'MemberUpdated'), 'MemberUpdated');
      expect(update.serverEvents.member).toEqual({ user: { id: user.id, displayName: 'Ada L.' } });
      await user.client.ok(SEND, { c: text, t: 'after' });
      const seen = await messages.waitFor(2);
      expect(seen.map((e) => [e.channelEvents.message.content, e.channelEvents.message.author.displayName])).toEqual([
        ['before', user.username],
        ['after', 'Ada L.'],
      ]);
    } finally {
      await ws.dispose();
    }
  });

  it("reaches another process's live messages at once: the sender's cached name is dropped everywhere", async () => {
    const text = server.channels.find((c) => c.type === 'TEXT')!.id;
    const viaOther = new GqlClient(other.url, `Bearer ${user.token}`);
    const ws = wsClient(other.url, watcher.token);
    try {
      const messages = subscribe(ws, AUTHORS, { c: text });
      await settle(300);
      // The other process caches the sender's current name with this message.
      await viaOther.ok(SEND, { c: text, t: 'cached there' });
      await messages.waitFor(1);
      await user.client.ok(UPDATE_PROFILE, { d: 'Grace H.' });
      await until(async () => (await viaOther.ok(ME)).me.displayName === 'Grace H.', 'the rename committed');
      await eventually(async () => {
        await viaOther.ok(SEND, { c: text, t: 'after the rename' });
        const last = messages.events.at(-1)!.channelEvents.message;
        expect([last.content, last.author.displayName]).toEqual(['after the rename', 'Grace H.']);
      });
    } finally {
      await ws.dispose();
    }
  });

  it('reads users by id as the ORM would (what every author and `me` go through), null for none', async () => {
    const [stored] = await api.services.orm.em.fork().getConnection().execute('select created_at from users where id = ?', [watcher.id]);
    const [view, missing] = await api.services.users.byIds([watcher.id, '1']);
    expect(missing).toBeNull();
    expect(view).toEqual({
      id: watcher.id,
      username: watcher.username,
      displayName: watcher.username,
      isBot: false,
      avatarHash: null,
      createdAt: new Date((stored as { created_at: string }).created_at),
    });
    expect(view!.createdAt).toBeInstanceOf(Date);
  });

  it('refuses an empty, blank or too long name and an anonymous caller, and keeps the name', async () => {
    const before = (await user.client.ok(ME)).me.displayName;
    for (const d of ['', '   ', 'x'.repeat(65)]) expectBadInput(await user.client.errorOf(UPDATE_PROFILE, { d }), 'displayName');
    expect((await user.client.as(undefined).errorOf(UPDATE_PROFILE, { d: 'Nobody' })).code).toBe('UNAUTHENTICATED');
    expect((await user.client.ok(ME)).me.displayName).toBe(before);
  });
});
