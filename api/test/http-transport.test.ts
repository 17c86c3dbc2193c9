import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { sql } from './fixtures.js';
import { createServer, signUp, startTestApi, type TestUser } from './harness.js';

// GraphQL over HTTP as the lean handler (graphql/http-server.ts) serves it, beyond what clients send.
describe('GraphQL over HTTP', () => {
  let api: RunningApi;
  let user: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    user = await signUp(api, 'httpuser');
  });
  afterAll(async () => {
    await api?.close();
  });

  const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${api.url}?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${user.token}`, ...headers } });
  const codeOf = async (res: Response) => ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;
  const countServers = async () => Number((await sql<{ n: string }>(api, 'select count(*) as n from servers'))[0]!.n);

  it('answers queries sent with GET and a preflight header, and refuses mutations over GET', async () => {
    const query = await get({ query: '{ me { id } }' }, { 'graphql-require-preflight': '1' });
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { me: { id: user.id } } });

    const before = await countServers();
    const mutation = await get(
      { query: 'mutation { createServer(input: { name: "via get" }) { id } }' },
      { 'graphql-require-preflight': '1' },
    );
    expect(mutation.status).toBe(405);
    expect(mutation.headers.get('allow')).toContain('POST');
    expect(await countServers()).toBe(before);
  });

  it('refuses requests a cross-site page could send without a preflight: GET without the header, non-JSON POST', async () => {
    const bare = await get({ query: '{ me { id } }' });
    expect(bare.status).toBe(400);
    expect(await codeOf(bare)).toBe('BAD_REQUEST');

    const before = await countServers();
    const form = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ query: 'mutation { createServer(input: { name: "via form" }) { id } }' }),
    });
    expect(form.status).toBe(415);
    expect(await countServers()).toBe(before);
  });

  it('answers CORS preflights for the dashboard origin, and counts every answer by route in /metrics', async () => {
    const preflight = await fetch(api.url, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const metrics = await (await fetch(`http://127.0.0.1:${api.metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/rashigo_http_requests_total\{route="\/graphql",status="200"\} \d+/);
  });

  it('gives variables that do not fit the operation BAD_USER_INPUT (400), and an unknown operation name its own code', async () => {
    const res = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ query: 'query($id: ID!) { server(id: $id) { id } }', variables: { id: null } }),
    });
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe('BAD_USER_INPUT');
    const unknown = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { me { id } } query B { me { id } }', operationName: 'C' }),
    });
    expect(unknown.status).toBe(400);
    expect(await codeOf(unknown)).toBe('OPERATION_RESOLUTION_FAILURE');
  });
});

// Repeated operations run compiled to JavaScript (graphql/compiled-operations.ts); with
// GRAPHQL_COMPILE_AFTER=1 the first run is graphql-js's and every later one the compiled code's.
describe('GraphQL over HTTP, compiled once an operation repeats', () => {
  let api: RunningApi;
  let owner: TestUser;
  let serverId: string;
  beforeAll(async () => {
    api = await startTestApi({ GRAPHQL_COMPILE_AFTER: '1' });
    owner = await signUp(api, 'compiled');
    serverId = (await createServer(owner, { name: 'Compiled' })).id;
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions: { code: string } }[] },
    };
  };
  const serverName = async () => (await sql<{ name: string }>(api, 'select name from servers where id = ?', [serverId]))[0]!.name;

  it('answers a query the same both ways: nested data, nulls for what is missing, errors with their codes', async () => {
    const query = `query($s: ID!, $other: ID!) {
      me { id username }
      server(id: $s) { id name channels { id name type } }
      other: server(id: $other) { id }
      channel(id: "not-an-id") { id }
    }`;
    const variables = { s: serverId, other: '1' };
    const compiledBefore = api.compiledOperations();
    const interpreted = await post(query, variables);
    const compiled = await post(query, variables);
    expect(api.compiledOperations()).toBe(compiledBefore + 1);
    expect(interpreted.status).toBe(200);
    expect(compiled).toEqual(interpreted);
    expect(interpreted.body.data?.me).toEqual({ id: owner.id, username: owner.username });
    expect((interpreted.body.data?.server as { channels: unknown[] }).channels.length).toBeGreaterThan(0);
    expect(interpreted.body.data?.other).toBeNull();
    const unseen = 'query($c: ID!) { messages(channelId: $c, limit: 5) { hasMoreBefore } }';
    const refused = [await post(unseen, { c: '1' }), await post(unseen, { c: '1' })];
    expect(refused[1]).toEqual(refused[0]);
    expect(refused[0]!.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    expect(api.compiledOperations()).toBe(compiledBefore + 2);
  });

  it("runs a mutation's fields in order, and refuses bad input and bad variables the same both ways, changing nothing", async () => {
    const renameTwice =
      'mutation($s: ID!, $a: String!, $b: String!) { first: updateServer(id: $s, input: { name: $a }) { name } second: updateServer(id: $s, input: { name: $b }) { name } }';
    for (const [a, b] of [
      ['One', 'Two'],
      ['Three', 'Four'],
    ]) {
      const { body } = await post(renameTwice, { s: serverId, a, b });
      expect(body).toEqual({ data: { first: { name: a }, second: { name: b } } });
      expect(await serverName()).toBe(b);
    }
    const rename = 'mutation($s: ID!, $name: String!) { updateServer(id: $s, input: { name: $name }) { name } }';
    const refused = [await post(rename, { s: serverId, name: '' }), await post(rename, { s: serverId, name: '' })];
    expect(refused[1]).toEqual(refused[0]);
    expect(refused[0]!.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const unfit = [await post(rename, { s: serverId, name: null }), await post(rename, { s: serverId, name: null })];
    expect(unfit[1]).toEqual(unfit[0]);
    expect(unfit[0]!.status).toBe(400);
    expect(unfit[0]!.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(await serverName()).toBe('Four');
  });
});
