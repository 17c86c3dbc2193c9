import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { GqlClient, createServer, signUp, startTestApi, type GqlResult, type TestUser } from './harness.js';
import { createInvite, createRole, expectMalformedIdRefused, joinServer, sql } from './fixtures.js';
import { subscribe, wsClient } from './ws-client.js';

/** What must never reach a client: stack frames, SQL, driver or ORM names. */
const LEAK =
  /stack|\.[jt]s:\d|node_modules|\bselect\b|insert into|delete from|update "|violates|constraint|syntax for type|out of range|postgres|mikro|knex|ioredis|\bpg\b/i;

function expectNoLeak(result: GqlResult): void {
  for (const error of result.errors ?? []) {
    expect(JSON.stringify(error)).not.toMatch(LEAK);
    expect(error.extensions?.stacktrace).toBeUndefined();
    expect(error.extensions?.exception).toBeUndefined();
    // Whatever was not foreseen is opaque: a fixed message and nothing but the code.
    if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
      expect(error.message).toBe('Internal server error');
      expect(Object.keys(error.extensions)).toEqual(['code']);
    }
  }
}

/** `depth` nested fields: myServers { channels { server { channels { ... { id } } } } }. */
function nested(depth: number): string {
  let inner = 'id';
  for (let level = depth - 1; level >= 2; level -= 1) inner = `${level % 2 === 0 ? 'channels' : 'server'} { ${inner} }`;
  return `{ myServers { ${inner} } }`;
}

describe('errors reaching clients', () => {
  let api: RunningApi;
  let owner: TestUser;
  let member: TestUser;
  let server: Awaited<ReturnType<typeof createServer>>;
  let roleId: string;
  let anon: GqlClient;
  beforeAll(async () => {
    api = await startTestApi();
    anon = new GqlClient(api.url);
    owner = await signUp(api, 'errowner');
    member = await signUp(api, 'errmember');
    server = await createServer(owner);
    await joinServer(member, server.id);
    roleId = (await createRole(owner, server.id, { name: 'Err' })).id;
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('without a session', () => {
    it('`me` is null', async () => {
      expect(await anon.ok('{ me { id } }')).toEqual({ me: null });
    });

    it('every other operation answers UNAUTHENTICATED and does nothing', async () => {
      const s = server.id;
      const c = server.channels[0]!.id;
      const u = member.id;
      const operations: [string, Record<string, unknown>][] = [
        ['{ myServers { id } }', {}],
        ['query($s: ID!) { server(id: $s) { id } }', { s }],
        ['query($c: ID!) { channel(id: $c) { id } }', { c }],
        ['{ discoverServers { id } }', {}],
        ['query($s: ID!) { auditLog(serverId: $s) { id } }', { s }],
        ['query($s: ID!) { invites(serverId: $s) { code } }', { s }],
        ['query($s: ID!) { bans(serverId: $s) { reason } }', { s }],
        ['mutation { logout }', {}],
        ['mutation { createServer(input: { name: "Anon" }) { id } }', {}],
        ['mutation($s: ID!) { updateServer(id: $s, input: { name: "Anon" }) { id } }', { s }],
        ['mutation($s: ID!) { deleteServer(id: $s) }', { s }],
        ['mutation($s: ID!) { joinServer(serverId: $s) { id } }', { s }],
        ['mutation($s: ID!) { leaveServer(serverId: $s) }', { s }],
        ['mutation($s: ID!) { createInvite(serverId: $s) { code } }', { s }],
        ['mutation { revokeInvite(code: "abcdefghij") }', {}],
        ['mutation($s: ID!) { createChannel(input: { serverId: $s, type: TEXT, name: "anon" }) { id } }', { s }],
        ['mutation($c: ID!) { updateChannel(id: $c, input: { name: "anon" }) { id } }', { c }],
        ['mutation($c: ID!) { deleteChannel(id: $c) }', { c }],
        [
          'mutation($c: ID!, $u: ID!) { setChannelOverwrite(channelId: $c, input: { targetType: MEMBER, targetId: $u, allow: [], deny: [] }) { id } }',
          { c, u },
        ],
        ['mutation($c: ID!, $u: ID!) { removeChannelOverwrite(channelId: $c, targetType: MEMBER, targetId: $u) { id } }', { c, u }],
        ['mutation($s: ID!) { createRole(serverId: $s, input: { name: "anon" }) { id } }', { s }],
        ['mutation($r: ID!) { updateRole(roleId: $r, input: { name: "anon" }) { id } }', { r: roleId }],
        ['mutation($r: ID!) { deleteRole(roleId: $r) }', { r: roleId }],
        ['mutation($s: ID!, $u: ID!, $r: ID!) { assignRole(serverId: $s, userId: $u, roleId: $r) { nickname } }', { s, u, r: roleId }],
        ['mutation($s: ID!, $u: ID!, $r: ID!) { removeRole(serverId: $s, userId: $u, roleId: $r) { nickname } }', { s, u, r: roleId }],
        ['mutation($s: ID!, $u: ID!) { setNickname(serverId: $s, userId: $u, nickname: "anon") { nickname } }', { s, u }],
        ['mutation($s: ID!, $u: ID!) { kickMember(serverId: $s, userId: $u) }', { s, u }],
        ['mutation($s: ID!, $u: ID!) { banMember(serverId: $s, userId: $u) }', { s, u }],
        ['mutation($s: ID!, $u: ID!) { unbanMember(serverId: $s, userId: $u) }', { s, u }],
        ['mutation($s: ID!, $u: ID!) { timeoutMember(serverId: $s, userId: $u, seconds: 60) { nickname } }', { s, u }],
      ];
      for (const [query, variables] of operations) {
        const result = await anon.request(query, variables);
        expect(result.errors?.[0]?.extensions?.code, query).toBe('UNAUTHENTICATED');
        expectNoLeak(result);
      }
      // Nothing happened: the member is still in, with no nickname, and nothing was audited.
      expect(await sql(api, 'select nickname from members where server_id = ? and user_id = ?', [server.id, member.id])).toEqual([
        { nickname: null },
      ]);
      expect(await sql(api, "select action from audit_log_entries where server_id = ? and action <> 'ROLE_CREATE'", [server.id])).toEqual(
        [],
      );
    });

    it('an unknown, malformed or wrong-scheme token is treated as no session', async () => {
      for (const authorization of [
        'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        'Bearer',
        'Basic dXNlcjpwYXNz',
        `Bot ${owner.token}`,
        `Bearer ${owner.token}x`,
      ]) {
        const client = anon.as(authorization);
        expect(await client.ok('{ me { id } }')).toEqual({ me: null });
        expect((await client.errorOf('{ myServers { id } }')).code).toBe('UNAUTHENTICATED');
      }
    });
  });

  describe('malformed ids', () => {
    const BAD_IDS = ['abc', '-1', '1e5', ' 12', '99999999999999999999', '1'.repeat(40), "1' or '1'='1"];

    it.each(BAD_IDS)('%j is refused as NOT_FOUND or BAD_USER_INPUT everywhere, never as an internal error', async (bad) => {
      const s = server.id;
      const u = member.id;
      const cases: [string, Record<string, unknown>, string][] = [
        ['mutation($x: ID!) { joinServer(serverId: $x) { id } }', { x: bad }, 'serverId'],
        ['mutation($x: ID!) { updateServer(id: $x, input: { name: "x y" }) { id } }', { x: bad }, 'id'],
        ['mutation($x: ID!) { deleteServer(id: $x) }', { x: bad }, 'id'],
        ['mutation($x: ID!) { leaveServer(serverId: $x) }', { x: bad }, 'serverId'],
        ['mutation($x: ID!) { createInvite(serverId: $x) { code } }', { x: bad }, 'serverId'],
        ['query($x: ID!) { invites(serverId: $x) { code } }', { x: bad }, 'serverId'],
        ['query($x: ID!) { bans(serverId: $x) { reason } }', { x: bad }, 'serverId'],
        ['query($x: ID!) { auditLog(serverId: $x) { id } }', { x: bad }, 'serverId'],
        ['query($s: ID!, $x: ID) { auditLog(serverId: $s, before: $x) { id } }', { s, x: bad }, 'before'],
        ['mutation($x: ID!) { updateChannel(id: $x, input: { name: "x" }) { id } }', { x: bad }, 'id'],
        ['mutation($x: ID!) { deleteChannel(id: $x) }', { x: bad }, 'id'],
        ['mutation($x: ID!) { createChannel(input: { serverId: $x, type: TEXT, name: "x" }) { id } }', { x: bad }, 'serverId'],
        [
          'mutation($x: ID!, $u: ID!) { setChannelOverwrite(channelId: $x, input: { targetType: MEMBER, targetId: $u, allow: [], deny: [] }) { id } }',
          { x: bad, u },
          'channelId',
        ],
        [
          'mutation($c: ID!, $x: ID!) { setChannelOverwrite(channelId: $c, input: { targetType: ROLE, targetId: $x, allow: [], deny: [] }) { id } }',
          { c: server.channels[0]!.id, x: bad },
          'targetId',
        ],
        [
          'mutation($c: ID!, $x: ID!) { removeChannelOverwrite(channelId: $c, targetType: ROLE, targetId: $x) { id } }',
          { c: server.channels[0]!.id, x: bad },
          'targetId',
        ],
        ['mutation($x: ID!) { createRole(serverId: $x, input: { name: "x" }) { id } }', { x: bad }, 'serverId'],
        ['mutation($x: ID!) { updateRole(roleId: $x, input: { name: "x" }) { id } }', { x: bad }, 'roleId'],
        ['mutation($x: ID!) { deleteRole(roleId: $x) }', { x: bad }, 'roleId'],
        [
          'mutation($s: ID!, $x: ID!, $r: ID!) { assignRole(serverId: $s, userId: $x, roleId: $r) { nickname } }',
          { s, x: bad, r: roleId },
          'userId',
        ],
        [
          'mutation($s: ID!, $u: ID!, $x: ID!) { assignRole(serverId: $s, userId: $u, roleId: $x) { nickname } }',
          { s, u, x: bad },
          'roleId',
        ],
        [
          'mutation($s: ID!, $x: ID!, $r: ID!) { removeRole(serverId: $s, userId: $x, roleId: $r) { nickname } }',
          { s, x: bad, r: roleId },
          'userId',
        ],
        ['mutation($s: ID!, $x: ID!) { setNickname(serverId: $s, userId: $x, nickname: "x") { nickname } }', { s, x: bad }, 'userId'],
        ['mutation($s: ID!, $x: ID!) { kickMember(serverId: $s, userId: $x) }', { s, x: bad }, 'userId'],
        ['mutation($s: ID!, $x: ID!) { banMember(serverId: $s, userId: $x) }', { s, x: bad }, 'userId'],
        ['mutation($s: ID!, $x: ID!) { unbanMember(serverId: $s, userId: $x) }', { s, x: bad }, 'userId'],
        ['mutation($s: ID!, $x: ID!) { timeoutMember(serverId: $s, userId: $x, seconds: 60) { nickname } }', { s, x: bad }, 'userId'],
        ['query($s: ID!, $x: ID) { server(id: $s) { members(after: $x) { nickname } } }', { s, x: bad }, 'after'],
      ];
      for (const [query, variables, arg] of cases) {
        const result = await owner.client.request(query, variables);
        expectNoLeak(result);
        expect(result.errors, query).toHaveLength(1);
        expectMalformedIdRefused(
          {
            code: String(result.errors![0]!.extensions?.code),
            message: result.errors![0]!.message,
            extensions: result.errors![0]!.extensions ?? {},
          },
          arg,
        );
      }
      for (const query of ['query($x: ID!) { server(id: $x) { id } }', 'query($x: ID!) { channel(id: $x) { id } }']) {
        const result = await owner.client.request(query, { x: bad });
        expectNoLeak(result);
        if (result.errors) expect(result.errors[0]!.extensions?.code).toBe('NOT_FOUND');
        else expect(Object.values(result.data ?? {})).toEqual([null]);
      }
    });

    it('odd invite codes are simply not found', async () => {
      for (const code of [
        '',
        '%',
        '_________',
        'x'.repeat(500),
        'a\u0000b',
        "' or 1=1 --",
        (await createInvite(owner, server.id)).toLowerCase() + 'Z',
      ]) {
        for (const query of [
          'mutation($c: String!) { joinServer(inviteCode: $c) { id } }',
          'mutation($c: String!) { revokeInvite(code: $c) }',
        ]) {
          const result = await member.client.request(query, { c: code });
          expectNoLeak(result);
          // An empty code is no code at all: joinServer then lacks both of its arguments.
          const expected = code === '' && query.includes('joinServer') ? 'BAD_USER_INPUT' : 'NOT_FOUND';
          expect(result.errors?.[0]?.extensions?.code, `${query} ${JSON.stringify(code)}`).toBe(expected);
        }
      }
    });
  });

  describe('hostile or broken operations', () => {
    it('answer parse and validation errors by code, without internals', async () => {
      const parse = await owner.client.request('{ myServers { id ');
      expect(parse.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      expectNoLeak(parse);
      const unknownField = await owner.client.request('{ myServers { passwordHash } }');
      expect(unknownField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expectNoLeak(unknownField);
      const missingArg = await owner.client.request('mutation { createServer { id } }');
      expect(missingArg.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expectNoLeak(missingArg);
    });

    it('never leak SQL for strings Postgres cannot store (NUL bytes) or very long ones', async () => {
      const results = [
        await owner.client.request('mutation($n: String!) { createServer(input: { name: $n }) { id } }', { n: 'nul\u0000name' }),
        await owner.client.request('query($q: String) { discoverServers(query: $q) { id } }', { q: 'nul\u0000' }),
        await anon.request('mutation($u: String!) { login(username: $u, password: "whatever-long") { token } }', { u: 'nul\u0000user' }),
        await owner.client.request('mutation($s: ID!, $n: String) { setNickname(serverId: $s, userId: $s, nickname: $n) { nickname } }', {
          s: server.id,
          n: 'x'.repeat(100_000),
        }),
      ];
      for (const result of results) {
        expect(result.errors?.length).toBe(1);
        expectNoLeak(result);
      }
      // NUL bytes are refused as bad input naming the field, not as an internal error.
      expect(results.slice(0, 3).map((r) => [r.errors?.[0]?.extensions?.code, r.errors?.[0]?.extensions?.field])).toEqual([
        ['BAD_USER_INPUT', 'name'],
        ['BAD_USER_INPUT', 'query'],
        ['BAD_USER_INPUT', 'username'],
      ]);
    });

    it('answers variables of the wrong type with BAD_USER_INPUT, not an internal error', async () => {
      const result = await owner.client.request('query($f: Int) { discoverServers(first: $f) { id } }', { f: 'ten' });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expectNoLeak(result);
    });

    it('refuse queries nested deeper than the limit (10) with BAD_USER_INPUT, running nothing', async () => {
      // Ten levels pass the depth rule (these nested lists are then too costly, which is the complexity rule's call).
      expect(JSON.stringify((await owner.client.request(nested(10))).errors ?? [])).not.toMatch(/levels deep/);
      const tooDeep = await owner.client.request(nested(11));
      expect(tooDeep.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(tooDeep.errors?.[0]?.message).toMatch(/11 levels deep; the limit is 10/);
      expect(tooDeep.data ?? null).toBeNull();
      expectNoLeak(tooDeep);

      const viaFragments = await owner.client.request(`
        query { myServers { ...A } }
        fragment A on Server { channels { ...B } }
        fragment B on Channel { server { channels { server { channels { server { channels { server { channels { id } } } } } } } } }
      `);
      expect(viaFragments.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('refuse queries above the complexity limit with BAD_USER_INPUT, literal or through variables', async () => {
      const page = 'query($id: ID!, $n: Int) { server(id: $id) { members(first: $n) { user { id username displayName } } } }';
      expect((await owner.client.request(page, { id: server.id, n: 100 })).errors).toBeUndefined();
      const expensive = await owner.client.request(page, { id: server.id, n: 1000 });
      expect(expensive.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(expensive.errors?.[0]?.message).toMatch(/complexity \d+ exceeds the limit of 2000/);
      expectNoLeak(expensive);
      const literal = await owner.client.request(`{ myServers { members(first: 1000) { user { id username displayName } } } }`);
      expect(literal.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

      const aliases = Array.from({ length: 1001 }, (_, i) => `a${i}: me { id }`).join(' ');
      expect((await owner.client.request(`{ ${aliases} }`)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('run no part of a mutation document that is over the limit', async () => {
      const before = (await owner.client.ok('{ myServers { id } }')).myServers.length;
      const creations = Array.from({ length: 600 }, (_, i) => `c${i}: createServer(input: { name: "Flood ${i}" }) { id name slug }`).join(
        ' ',
      );
      const result = await owner.client.request(`mutation { ${creations} }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await owner.client.ok('{ myServers { id } }')).myServers.length).toBe(before);
    });

    it('refuse documents of 10,000+ nodes over HTTP and graphql-ws (the node cap used to skip the limit)', async () => {
      // Under the token limit, so the field limit is what refuses it (hostile-input.test.ts floods past both).
      const flood = `{ ${Array.from({ length: 1500 }, (_, i) => `a${i}: myServers { id channels { id } }`).join(' ')} }`;
      const overHttp = await owner.client.request(flood);
      expect(overHttp.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(overHttp.data ?? null).toBeNull();
      const ws = wsClient(api.url, owner.token);
      try {
        const sub = subscribe(ws, flood);
        await sub.waitForEnd();
        expect(JSON.stringify(sub.errors)).toMatch(/more than 2000 fields/);
        expect(sub.events).toEqual([]);
      } finally {
        await ws.dispose();
      }
      const before = (await owner.client.ok('{ myServers { id } }')).myServers.length;
      const creations = Array.from({ length: 2500 }, (_, i) => `c${i}: createServer(input: { name: "Flood ${i}" }) { id }`).join(' ');
      expect((await owner.client.request(`mutation { ${creations} }`)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await owner.client.ok('{ myServers { id } }')).myServers.length).toBe(before);
    });
  });
});
