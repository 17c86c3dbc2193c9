import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../src/app.js';
import { sql } from './fixtures.js';
import { signUp, startTestApi, type TestUser } from './harness.js';

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
