import { request as httpRequest } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../app.js';
import { GqlClient, signUp, startTestApi, uniqueName, type GqlResult } from '../../../test/harness.js';
import { eventually, expectBadInput, expectForbidden, sql } from '../../../test/fixtures.js';
import { openSocket } from '../../../test/ws-client.js';

const REGISTER =
  'mutation($u: String!, $p: String!, $d: String) { register(username: $u, password: $p, displayName: $d) { token user { id username displayName isBot } } }';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { id username } } }';
const ME = '{ me { id username displayName } }';
const PASSWORD = 'correct horse battery';

const CHANGE_PASSWORD = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';

/** POSTs a GraphQL request from a chosen loopback address, so rate limits per IP can be told apart. */
function postFrom(
  url: string,
  localAddress: string,
  query: string,
  variables: Record<string, unknown>,
  authorization?: string,
): Promise<GqlResult> {
  const body = JSON.stringify({ query, variables });
  const headers = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...(authorization ? { authorization } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', localAddress, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ ...(JSON.parse(text) as GqlResult), status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('auth', () => {
  let api: RunningApi;
  let anon: GqlClient;
  beforeAll(async () => {
    api = await startTestApi();
    anon = new GqlClient(api.url);
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('register', () => {
    it('creates the user, lower-cases the username, defaults the display name and signs in', async () => {
      const name = uniqueName('Reg');
      const data = await anon.ok(REGISTER, { u: name.toUpperCase(), p: PASSWORD });
      expect(data.register.user).toEqual({
        id: expect.any(String),
        username: name.toLowerCase(),
        displayName: name.toLowerCase(),
        isBot: false,
      });
      expect(data.register.token.length).toBeGreaterThanOrEqual(32);
      const me = await anon.as(`Bearer ${data.register.token}`).ok(ME);
      expect(me.me).toEqual({ id: data.register.user.id, username: name.toLowerCase(), displayName: name.toLowerCase() });
    });

    it('lets exactly one of two racing registrations of a name win', async () => {
      const name = uniqueName('race');
      const results = await Promise.all([
        anon.request(REGISTER, { u: name, p: PASSWORD }),
        anon.request(REGISTER, { u: name.toUpperCase(), p: PASSWORD }),
      ]);
      expect(results.filter((r) => !r.errors).length).toBe(1);
      expect(results.find((r) => r.errors)!.errors![0]!.extensions?.code).toBe('CONFLICT');
      expect(await sql(api, 'select id from users where username = ?', [name.toLowerCase()])).toHaveLength(1);
    });

    it('keeps a given display name', async () => {
      const data = await anon.ok(REGISTER, { u: uniqueName('disp'), p: PASSWORD, d: '  Zoë Q  ' });
      expect(data.register.user.displayName).toBe('Zoë Q');
    });

    it('stores the password as argon2id and the session token only as its SHA-256', async () => {
      const name = uniqueName('hash');
      const data = await anon.ok(REGISTER, { u: name, p: PASSWORD });
      const token: string = data.register.token;
      const [user] = await sql<{ password_hash: string }>(api, 'select password_hash from users where id = ?', [data.register.user.id]);
      expect(user!.password_hash).toMatch(/^\$argon2id\$/);
      expect(user!.password_hash).not.toContain(PASSWORD);
      const sessions = await sql<{ token_hash: string }>(api, 'select token_hash from sessions where user_id = ?', [data.register.user.id]);
      expect(sessions.map((s) => s.token_hash)).toEqual([createHash('sha256').update(token).digest('hex')]);
      const leaked = await sql(api, 'select 1 from sessions where token_hash = ?', [token]);
      expect(leaked).toHaveLength(0);
    });

    it('refuses a taken username whatever its case (CONFLICT) and writes no second user', async () => {
      const name = uniqueName('dup');
      await anon.ok(REGISTER, { u: name, p: PASSWORD });
      const error = await anon.errorOf(REGISTER, { u: name.toUpperCase(), p: PASSWORD });
      expect(error.code).toBe('CONFLICT');
      const rows = await sql(api, 'select id from users where username = ?', [name.toLowerCase()]);
      expect(rows).toHaveLength(1);
    });

    it('accepts usernames of 3 and 32 characters of [a-z0-9_.] and passwords of 8 and 256 characters', async () => {
      const three = `${randomBytes(2).readUInt16BE(0).toString(36).padStart(3, '0').slice(-2)}.`;
      await anon.ok(REGISTER, { u: three, p: 'a'.repeat(8) });
      const long = (uniqueName('x') + '_'.repeat(32)).slice(0, 32);
      await anon.ok(REGISTER, { u: long, p: 'b'.repeat(256) });
      const login = await anon.ok(LOGIN, { u: long, p: 'b'.repeat(256) });
      expect(login.login.user.username).toBe(long);
    });

    it.each([
      ['a username of 2 characters', { u: 'ab', p: PASSWORD }, 'username'],
      ['a username of 33 characters', { u: 'a'.repeat(33), p: PASSWORD }, 'username'],
      ['a username with a space', { u: 'bad name', p: PASSWORD }, 'username'],
      ['a username with a dash', { u: 'bad-name', p: PASSWORD }, 'username'],
      ['a username with a non-ASCII letter', { u: 'zoë_user', p: PASSWORD }, 'username'],
      ['the username of a group mention, in any case', { u: 'Everyone', p: PASSWORD }, 'username'],
      ['the username @here mentions', { u: 'here', p: PASSWORD }, 'username'],
      ['a password of 7 characters', { u: 'fine_name_1', p: '1234567' }, 'password'],
      ['a password of 257 characters', { u: 'fine_name_2', p: 'x'.repeat(257) }, 'password'],
      ['an empty display name', { u: 'fine_name_3', p: PASSWORD, d: '   ' }, 'displayName'],
      ['a display name of 65 characters', { u: 'fine_name_4', p: PASSWORD, d: 'd'.repeat(65) }, 'displayName'],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_label, vars, field) => {
      expectBadInput(await anon.errorOf(REGISTER, vars), field);
      const rows = await sql(api, 'select id from users where username = ?', [String(vars.u).toLowerCase()]);
      expect(rows).toHaveLength(0);
    });
  });

  describe('login', () => {
    it('signs in case-insensitively with a new, separate session', async () => {
      const user = await signUp(api, 'login');
      const data = await anon.ok(LOGIN, { u: user.username.toUpperCase(), p: PASSWORD });
      expect(data.login.user).toEqual({ id: user.id, username: user.username });
      expect(data.login.token).not.toBe(user.token);
      const first = await anon.as(`Bearer ${user.token}`).ok(ME);
      const second = await anon.as(`Bearer ${data.login.token}`).ok(ME);
      expect(first.me.id).toBe(user.id);
      expect(second.me.id).toBe(user.id);
    });

    it('answers UNAUTHENTICATED alike for a wrong password and an unknown username', async () => {
      const user = await signUp(api, 'wrongpw');
      const wrong = await anon.errorOf(LOGIN, { u: user.username, p: 'not the password' });
      const unknown = await anon.errorOf(LOGIN, { u: uniqueName('nobody'), p: PASSWORD });
      expect(wrong.code).toBe('UNAUTHENTICATED');
      expect(unknown.code).toBe('UNAUTHENTICATED');
      expect(unknown.message).toBe(wrong.message);
    });
  });

  describe('sessions', () => {
    it('logout kills the token: me is null, protected calls are UNAUTHENTICATED, other sessions live on', async () => {
      const user = await signUp(api, 'logout');
      const other = (await anon.ok(LOGIN, { u: user.username, p: PASSWORD })).login.token as string;
      // Warm the session cache first, so the test shows logout evicts it.
      expect((await user.client.ok(ME)).me.id).toBe(user.id);
      expect(await user.client.ok('mutation { logout }')).toEqual({ logout: true });
      expect((await user.client.ok(ME)).me).toBeNull();
      expect((await user.client.errorOf('{ myServers { id } }')).code).toBe('UNAUTHENTICATED');
      expect((await user.client.errorOf('mutation { logout }')).code).toBe('UNAUTHENTICATED');
      expect((await anon.as(`Bearer ${other}`).ok(ME)).me.id).toBe(user.id);
      const rows = await sql(api, 'select 1 from sessions where token_hash = ?', [createHash('sha256').update(user.token).digest('hex')]);
      expect(rows).toHaveLength(0);
    });

    it('logout on one API process ends the session on every other (session caches are evicted through Redis)', async () => {
      const other = await startTestApi({}, api.services.config.REDIS_KEY_PREFIX);
      try {
        const user = await signUp(api, 'twoproc');
        const elsewhere = new GqlClient(other.url, `Bearer ${user.token}`);
        // Warm the other process's cache with the live session first.
        expect((await elsewhere.ok(ME)).me.id).toBe(user.id);
        await user.client.ok('mutation { logout }');
        await eventually(async () => expect((await elsewhere.ok(ME)).me).toBeNull());
      } finally {
        await other.close();
      }
    });

    it('treats a missing, malformed, unknown or wrong-scheme credential as signed out', async () => {
      const user = await signUp(api, 'scheme');
      expect((await anon.ok(ME)).me).toBeNull();
      expect((await anon.as('Bearer').ok(ME)).me).toBeNull();
      expect((await anon.as('Bearer not a token!').ok(ME)).me).toBeNull();
      expect((await anon.as(`Bearer ${randomBytes(32).toString('base64url')}`).ok(ME)).me).toBeNull();
      expect((await anon.as(`Bot ${user.token}`).ok(ME)).me).toBeNull();
      expect((await anon.errorOf('mutation { logout }')).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('changePassword', () => {
    it('takes the new password, keeps the asking session and ends every other one, its sockets included', async () => {
      const user = await signUp(api, 'newpass');
      const stranger = await signUp(api, 'bystander');
      const other = (await anon.ok(LOGIN, { u: user.username, p: PASSWORD })).login.token as string;
      const otherSocket = await openSocket(api.url, other);
      expect((await anon.as(`Bearer ${other}`).ok(ME)).me.id).toBe(user.id);
      expect(await user.client.ok(CHANGE_PASSWORD, { c: PASSWORD, n: 'a brand new secret' })).toEqual({ changePassword: true });
      expect(await otherSocket.closed()).toBe(4401);
      await otherSocket.client.dispose();
      expect((await anon.as(`Bearer ${other}`).ok(ME)).me).toBeNull();
      expect((await user.client.ok(ME)).me.id).toBe(user.id);
      expect((await stranger.client.ok(ME)).me.id).toBe(stranger.id);
      expect((await anon.errorOf(LOGIN, { u: user.username, p: PASSWORD })).code).toBe('UNAUTHENTICATED');
      expect((await anon.ok(LOGIN, { u: user.username, p: 'a brand new secret' })).login.user.id).toBe(user.id);
    });

    it('refuses a wrong current password, a short new one, a bot and an anonymous caller, and changes nothing', async () => {
      const user = await signUp(api, 'keeppass');
      const other = (await anon.ok(LOGIN, { u: user.username, p: PASSWORD })).login.token as string;
      const [hashBefore] = await sql<{ password_hash: string }>(api, 'select password_hash from users where id = ?', [user.id]);
      // BAD_USER_INPUT rather than UNAUTHENTICATED: the session is fine, and clients sign out on UNAUTHENTICATED.
      expectBadInput(await user.client.errorOf(CHANGE_PASSWORD, { c: 'not my password', n: 'a brand new secret' }), 'currentPassword');
      expectBadInput(await user.client.errorOf(CHANGE_PASSWORD, { c: PASSWORD, n: 'short' }), 'newPassword');
      expect((await anon.errorOf(CHANGE_PASSWORD, { c: PASSWORD, n: 'a brand new secret' })).code).toBe('UNAUTHENTICATED');
      const bot = await user.client.ok('mutation($n: String!) { createBot(name: $n) { token } }', { n: uniqueName('pwbot') });
      expectForbidden(await anon.as(`Bot ${bot.createBot.token}`).errorOf(CHANGE_PASSWORD, { c: '', n: 'a brand new secret' }), 'PERSON');
      const [hashAfter] = await sql<{ password_hash: string }>(api, 'select password_hash from users where id = ?', [user.id]);
      expect(hashAfter!.password_hash).toBe(hashBefore!.password_hash);
      expect((await anon.as(`Bearer ${other}`).ok(ME)).me.id).toBe(user.id);
      expect((await anon.ok(LOGIN, { u: user.username, p: PASSWORD })).login.user.id).toBe(user.id);
    });
  });

  describe('rate limiting (AUTH_RATE_LIMIT_PER_MINUTE=3)', () => {
    let limited: RunningApi;
    beforeAll(async () => {
      limited = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    });
    afterAll(async () => {
      await limited?.close();
    });

    it('limits attempts per username, even from different IPs', async () => {
      const user = await signUp(api, 'rluser');
      for (const ip of ['127.0.0.11', '127.0.0.12', '127.0.0.13']) {
        const result = await postFrom(limited.url, ip, LOGIN, { u: user.username, p: 'wrong password' });
        expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      // The right password does not help once the username's window is full.
      const blocked = await postFrom(limited.url, '127.0.0.14', LOGIN, { u: user.username.toUpperCase(), p: PASSWORD });
      expect(blocked.data).toBeNull();
      const error = blocked.errors![0]!;
      expect(error.extensions?.code).toBe('RATE_LIMITED');
      expect(error.extensions?.retryAfterMs).toEqual(expect.any(Number));
      expect(error.extensions!.retryAfterMs as number).toBeGreaterThan(0);
      expect(error.extensions!.retryAfterMs as number).toBeLessThanOrEqual(60_000);
      // Another username from another IP is unaffected.
      const other = await signUp(api, 'rlother');
      const ok = await postFrom(limited.url, '127.0.0.15', LOGIN, { u: other.username, p: PASSWORD });
      expect(ok.data?.login).toMatchObject({ user: { id: other.id } });
    });

    it('limits attempts per IP, even for different usernames', async () => {
      const users = await Promise.all([signUp(api, 'rlip'), signUp(api, 'rlip'), signUp(api, 'rlip'), signUp(api, 'rlip')]);
      for (const user of users.slice(0, 3)) {
        const ok = await postFrom(limited.url, '127.0.0.21', LOGIN, { u: user.username, p: PASSWORD });
        expect(ok.data?.login).toMatchObject({ user: { id: user.id } });
      }
      const blocked = await postFrom(limited.url, '127.0.0.21', LOGIN, { u: users[3]!.username, p: PASSWORD });
      expect(blocked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      // The same username from a fresh IP still gets in: only the IP's window was full.
      const elsewhere = await postFrom(limited.url, '127.0.0.22', LOGIN, { u: users[3]!.username, p: PASSWORD });
      expect(elsewhere.data?.login).toMatchObject({ user: { id: users[3]!.id } });
    });

    it('limits guesses at the current password as it limits sign-ins', async () => {
      const user = await signUp(api, 'rlpass');
      for (const ip of ['127.0.0.41', '127.0.0.42', '127.0.0.43']) {
        const wrong = await postFrom(limited.url, ip, CHANGE_PASSWORD, { c: 'guess', n: 'a brand new secret' }, `Bearer ${user.token}`);
        expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
      }
      const blocked = await postFrom(
        limited.url,
        '127.0.0.44',
        CHANGE_PASSWORD,
        { c: PASSWORD, n: 'a brand new secret' },
        `Bearer ${user.token}`,
      );
      expect(blocked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect((await anon.ok(LOGIN, { u: user.username, p: PASSWORD })).login.user.id).toBe(user.id);
    });

    it('limits registration attempts per IP too', async () => {
      for (let i = 0; i < 3; i += 1) {
        const result = await postFrom(limited.url, '127.0.0.31', REGISTER, { u: uniqueName('rlreg'), p: PASSWORD });
        expect(result.errors).toBeUndefined();
      }
      const name = uniqueName('rlreg');
      const blocked = await postFrom(limited.url, '127.0.0.31', REGISTER, { u: name, p: PASSWORD });
      expect(blocked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(await sql(api, 'select 1 from users where username = ?', [name])).toHaveLength(0);
    });
  });
});
