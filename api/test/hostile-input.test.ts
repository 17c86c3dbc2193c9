import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningApi } from '../src/app.js';
import { MAX_REQUEST_BYTES } from '../src/graphql/limits.js';
import { sql } from './fixtures.js';
import { createServer, signUp, startTestApi, type TestUser } from './harness.js';

const SEND = 'mutation($c: ID!, $t: String!) { sendMessage(channelId: $c, content: $t) { id content } }';

/** A raw POST to /graphql: what a hostile client sends, not what a GraphQL client would. */
async function post(url: string, body: string | Buffer, token?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** Sends one raw frame over graphql-ws (after a proper init) and resolves with the close code. */
async function rawFrame(url: string, token: string, frame: string | Buffer): Promise<number> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await new Promise((resolve) => socket.once('message', resolve));
  socket.send(frame);
  return closed;
}

describe('hostile input', () => {
  let api: RunningApi;
  let user: TestUser;
  let channelId: string;
  beforeAll(async () => {
    api = await startTestApi();
    user = await signUp(api, 'hostile');
    channelId = (await createServer(user)).channels.find((c) => c.type === 'TEXT')!.id;
  });
  afterAll(async () => {
    await api?.close();
  });

  const countMessages = async () => Number((await sql<{ n: string }>(api, 'select count(*) as n from messages'))[0]!.n);

  it('over HTTP: each gets a clear 4xx or GraphQL error, stores nothing, and the process keeps answering', async () => {
    const before = await countMessages();
    const cases: [string, string | Buffer][] = [
      ['invalid JSON', '{"query": "{ me { id } }"'],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
      ['body over the limit', JSON.stringify({ query: `{ me { id } } #${'x'.repeat(MAX_REQUEST_BYTES)}` })],
      [
        'a batch of 200 operations',
        JSON.stringify(Array.from({ length: 200 }, () => ({ query: SEND, variables: { c: channelId, t: 'batch' } }))),
      ],
      ['NUL bytes', JSON.stringify({ query: SEND, variables: { c: channelId, t: 'a\u0000b' } })],
      ['a query that is not a string', JSON.stringify({ query: { nested: true } })],
      ['deep nesting', JSON.stringify({ query: `{ me ${'{ id '.repeat(500)}${'}'.repeat(500)} }` })],
    ];
    for (const [what, body] of cases) {
      const { status, text } = await post(api.url, body, user.token);
      // A 4xx, or a 200 whose body is GraphQL errors without data (never a 5xx).
      expect(status < 500, `${what}: ${status} ${text.slice(0, 200)}`).toBe(true);
      if (status < 400) expect(JSON.parse(text).errors?.length, what).toBeGreaterThan(0);
      expect(text, what).not.toMatch(/Internal server error|stack|node_modules/);
    }
    expect(await countMessages()).toBe(before);
    expect((await user.client.ok('{ me { id } }')).me.id).toBe(user.id);
  });

  it('stores SQL- and HTML-looking content verbatim and harmlessly', async () => {
    for (const content of ["'); drop table messages; --", '<script>alert(1)</script><img src=x onerror=alert(1)>', "Robert'); --\u202e"]) {
      const sent = await user.client.ok(SEND, { c: channelId, t: content });
      expect(sent.sendMessage.content).toBe(content);
      expect(await sql(api, 'select content from messages where id = ?', [sent.sendMessage.id])).toEqual([{ content }]);
    }
    expect(await countMessages()).toBeGreaterThan(0);
  });

  it('over graphql-ws: a malformed frame closes that socket only (4400), an oversized one too (1009); others keep working', async () => {
    expect(await rawFrame(api.url, user.token, '{"type": "subscribe", "id": 1')).toBe(4400);
    expect(await rawFrame(api.url, user.token, JSON.stringify({ type: 'subscribe', id: '1', payload: { query: 42 } }))).toBe(4400);
    expect(await rawFrame(api.url, user.token, Buffer.from([0xff, 0xfe, 0xfd]))).toBeGreaterThanOrEqual(1000);
    expect(await rawFrame(api.url, user.token, 'x'.repeat(MAX_REQUEST_BYTES + 1))).toBe(1009);
    expect((await user.client.ok('{ me { id } }')).me.id).toBe(user.id);
  });
});
