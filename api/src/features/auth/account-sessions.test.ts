import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { GqlClient, signUp, startTestApi, TEST_PASSWORD, type TestUser } from '../../../test/harness.js';
import { eventually, expectBadInput, expectForbidden, sql } from '../../../test/fixtures.js';
import { openSocket } from '../../../test/ws-client.js';

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const SESSIONS = '{ mySessions { id client createdAt lastActiveAt current } }';
const END = 'mutation($id: ID!) { endSession(id: $id) }';
const END_OTHERS = 'mutation { endOtherSessions }';
const ME = '{ me { id } }';
const CREATE_BOT = 'mutation($n: String!) { createBot(name: $n) { token } }';

interface SessionRow {
  id: string;
  client: string | null;
  createdAt: string;
  lastActiveAt: string;
  current: boolean;
}

describe('account sessions', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  /** Signs the user in again from a client that says it is `userAgent`. */
  async function signInAs(user: TestUser, userAgent: string): Promise<GqlClient> {
    const { login } = await new GqlClient(api.url, undefined, { 'user-agent': userAgent }).ok<{ login: { token: string } }>(LOGIN, {
      u: user.username,
      p: TEST_PASSWORD,
    });
    return new GqlClient(api.url, `Bearer ${login.token}`);
  }
  const sessionsOf = async (client: GqlClient) => (await client.ok<{ mySessions: SessionRow[] }>(SESSIONS)).mySessions;
  const currentId = async (client: GqlClient) => (await sessionsOf(client)).find((s) => s.current)!.id;

  it('lists each sign-in with the client it signed in with, marking the one asking', async () => {
    const user = await signUp(api, 'devices');
    const firefox = await signInAs(user, '  Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 ');
    const long = await signInAs(user, `Agent/${'x'.repeat(400)}`);
    const sessions = await sessionsOf(firefox);
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    // Trimmed; a long one cut to 256 characters.
    expect(sessions.find((s) => s.current)!.client).toBe('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0');
    expect(sessions.map((s) => s.client)).toContain(`Agent/${'x'.repeat(250)}`);
    // The test client's own sign-up: undici names itself.
    expect(sessions.map((s) => s.client)).toContain('node');
    for (const s of sessions) expect(Date.parse(s.lastActiveAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
    const fromLong = await sessionsOf(long);
    expect(fromLong.find((s) => s.current)!.client).toBe(`Agent/${'x'.repeat(250)}`);
  });

  it("ends one session: its sockets close with 4401 and its token stops working, the others' do not", async () => {
    const user = await signUp(api, 'ender');
    const phone = await signInAs(user, 'Phone');
    const phoneToken = phone.authorization!.slice('Bearer '.length);
    const phoneSocket = await openSocket(api.url, phoneToken);
    expect(await user.client.ok(END, { id: await currentId(phone) })).toEqual({ endSession: true });
    expect(await phoneSocket.closed()).toBe(4401);
    await phoneSocket.client.dispose();
    expect((await phone.ok(ME)).me).toBeNull();
    expect((await user.client.ok(ME)).me.id).toBe(user.id);
    expect((await sessionsOf(user.client)).map((s) => s.client)).toEqual(['node']);
    // Ending the asking session is signing out.
    expect(await user.client.ok(END, { id: await currentId(user.client) })).toEqual({ endSession: true });
    expect((await user.client.ok(ME)).me).toBeNull();
  });

  it("refuses a malformed id, an unknown one and someone else's session, ending nothing", async () => {
    const [user, other] = await Promise.all([signUp(api, 'refused'), signUp(api, 'bystander')]);
    const othersSession = await currentId(other.client);
    expectBadInput(await user.client.errorOf(END, { id: 'not-an-id' }), 'id');
    expectBadInput(await user.client.errorOf(END, { id: '99999999999999999999' }), 'id');
    expect((await user.client.errorOf(END, { id: '123456789' })).code).toBe('NOT_FOUND');
    expect((await user.client.errorOf(END, { id: othersSession })).code).toBe('NOT_FOUND');
    expect((await other.client.ok(ME)).me.id).toBe(other.id);
    expect(await sessionsOf(user.client)).toHaveLength(1);
    expect((await user.client.ok(ME)).me.id).toBe(user.id);
  });

  it('ends every other session at once, keeping the one asking', async () => {
    const user = await signUp(api, 'everywhere');
    const [laptop, tablet] = await Promise.all([signInAs(user, 'Laptop'), signInAs(user, 'Tablet')]);
    const tabletSocket = await openSocket(api.url, tablet.authorization!.slice('Bearer '.length));
    expect(await laptop.ok(END_OTHERS)).toEqual({ endOtherSessions: 2 });
    expect(await tabletSocket.closed()).toBe(4401);
    await tabletSocket.client.dispose();
    expect((await tablet.ok(ME)).me).toBeNull();
    expect((await user.client.ok(ME)).me).toBeNull();
    expect((await sessionsOf(laptop)).map((s) => s.client)).toEqual(['Laptop']);
    expect(await laptop.ok(END_OTHERS)).toEqual({ endOtherSessions: 0 });
  });

  it('is for people: a bot, whose one session is its token, is refused and keeps it', async () => {
    const owner = await signUp(api, 'botowner');
    const { token } = (await owner.client.ok<{ createBot: { token: string } }>(CREATE_BOT, { n: 'Sessionless' })).createBot;
    const bot = owner.client.as(`Bot ${token}`);
    expectForbidden(await bot.errorOf(SESSIONS), 'PERSON');
    expectForbidden(await bot.errorOf(END_OTHERS), 'PERSON');
    expectForbidden(await bot.errorOf(END, { id: owner.id }), 'PERSON');
    expect((await bot.ok(ME)).me).not.toBeNull();
  });

  it('moves lastActiveAt when a session is used after a minute, and only that session; the most recently active come first', async () => {
    const user = await signUp(api, 'active');
    const idle = await currentId(user.client);
    const laptop = await signInAs(user, 'Laptop'); // not used yet: nothing has cached or touched it
    const hourAgo = new Date(Date.now() - 3_600_000);
    await sql(api, 'update sessions set last_active_at = ? where user_id = ?', [hourAgo, user.id]);
    await laptop.ok(ME);
    await eventually(async () => {
      const sessions = await sessionsOf(laptop);
      const used = sessions.find((s) => s.current)!;
      expect(Date.now() - Date.parse(used.lastActiveAt)).toBeLessThan(60_000);
      expect(sessions.find((s) => s.id === idle)!.lastActiveAt).toBe(hourAgo.toISOString());
      expect(sessions[0]!.id).toBe(used.id);
    });
  });
});
