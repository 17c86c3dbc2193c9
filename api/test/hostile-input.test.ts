import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningApi } from '../src/app.js';
import { MAX_CONTENT_LENGTH } from '../src/features/messages/messages.inputs.js';
import { MAX_REQUEST_BYTES } from '../src/graphql/limits.js';
import { sql } from './fixtures.js';
import { createServer, signUp, startTestApi, type TestUser } from './harness.js';
import { openSocket } from './ws-client.js';

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

interface Answer {
  data?: Record<string, any> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** One operation over an open graphql-ws connection: its result, or the errors it was refused with. */
function overWs(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  return new Promise((resolve) => {
    let answer: Answer = {};
    client.subscribe(
      { query, variables },
      {
        next: (result) => (answer = result as Answer),
        // An error frame carries GraphQL errors; anything else (a close) is no answer at all.
        error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: `no answer: ${String(error)}` }] }),
        complete: () => resolve(answer),
      },
    );
  });
}

/** `{ myServers { channels { server … } } }`, valid at any depth. */
const nested = (levels: number) => `{ myServers ${'{ channels { server '.repeat(levels)}{ id }${' } }'.repeat(levels)} }`;
/** Same-named fields up to just under the request limit (~140,000): graphql-js validates them pairwise. */
const WIDE = `{${' me{id}'.repeat(Math.floor((MAX_REQUEST_BYTES - 1024) / 7))} }`;

/** Hostile operations either transport carries: each is refused before it runs, with this code. */
const refusedOperations = (
  channelId: string,
): { what: string; query: string; variables?: Record<string, unknown>; code: string; message: RegExp }[] => [
  { what: 'NUL bytes in a variable', query: SEND, variables: { c: channelId, t: 'a\u0000b' }, code: 'BAD_USER_INPUT', message: /NUL/ },
  {
    what: 'NUL bytes in a string literal',
    query: `mutation { sendMessage(channelId: "${channelId}", content: "a\\u0000b") { id } }`,
    code: 'BAD_USER_INPUT',
    message: /NUL/,
  },
  {
    what: 'content over the limit',
    query: SEND,
    variables: { c: channelId, t: 'x'.repeat(MAX_CONTENT_LENGTH + 1) },
    code: 'BAD_USER_INPUT',
    message: new RegExp(`at most ${MAX_CONTENT_LENGTH}`),
  },
  { what: 'a query nested 12 levels deep', query: nested(5), code: 'BAD_USER_INPUT', message: /nested 12 levels deep; the limit is 10/ },
  { what: 'a query nested 500 levels deep', query: nested(250), code: 'BAD_USER_INPUT', message: /nests brackets more than \d+ deep/ },
  { what: 'a query deep enough to overflow the parser', query: nested(2500), code: 'BAD_USER_INPUT', message: /nests brackets/ },
  { what: 'a wide query of 2,500 fields', query: `{${' me{id}'.repeat(1250)} }`, code: 'BAD_USER_INPUT', message: /more than 2000 fields/ },
  { what: 'a 1 MiB query of ~140,000 fields', query: WIDE, code: 'BAD_USER_INPUT', message: /more than \d+ tokens; the limit is/ },
];

describe('hostile input', () => {
  let api: RunningApi;
  let user: TestUser;
  let channelId: string;
  let socket: Awaited<ReturnType<typeof openSocket>>;
  beforeAll(async () => {
    api = await startTestApi();
    user = await signUp(api, 'hostile');
    channelId = (await createServer(user)).channels.find((c) => c.type === 'TEXT')!.id;
    socket = await openSocket(api.url, user.token);
  });
  afterAll(async () => {
    await socket?.client.dispose();
    await api?.close();
  });

  const countMessages = async () => Number((await sql<{ n: string }>(api, 'select count(*) as n from messages'))[0]!.n);
  // The same operations over both transports: HTTP requests, and one graphql-ws connection that must outlive them all.
  const transports: [string, (query: string, variables?: Record<string, unknown>) => Promise<Answer>][] = [
    ['HTTP', (query, variables) => user.client.request(query, variables)],
    ['graphql-ws', (query, variables) => overWs(socket.client, query, variables)],
  ];

  it('over HTTP: a body that is not a GraphQL request gets a clear 4xx, stores nothing, and the process keeps answering', async () => {
    const before = await countMessages();
    const cases: [string, string | Buffer][] = [
      ['invalid JSON', '{"query": "{ me { id } }"'],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
      ['body over the limit', JSON.stringify({ query: `{ me { id } } #${'x'.repeat(MAX_REQUEST_BYTES)}` })],
      [
        'a batch of 200 operations',
        JSON.stringify(Array.from({ length: 200 }, () => ({ query: SEND, variables: { c: channelId, t: 'batch' } }))),
      ],
      ['a query that is not a string', JSON.stringify({ query: { nested: true } })],
    ];
    for (const [what, body] of cases) {
      const { status, text } = await post(api.url, body, user.token);
      expect(status, `${what}: ${status} ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(status, `${what}: ${status} ${text.slice(0, 200)}`).toBeLessThan(500);
      expect(text, what).not.toMatch(/Internal server error|stack|node_modules/);
    }
    expect(await countMessages()).toBe(before);
    expect((await user.client.ok('{ me { id } }')).me.id).toBe(user.id);
  });

  it.each(transports)(
    'over %s: deep, wide, NUL-laden and over-long operations are refused with a clear code, store nothing, and the process keeps answering',
    async (_transport, run) => {
      const before = await countMessages();
      for (const { what, query, variables, code, message } of refusedOperations(channelId)) {
        const answer = await run(query, variables);
        expect(answer.errors?.[0]?.extensions?.code, `${what}: ${JSON.stringify(answer.errors)?.slice(0, 300)}`).toBe(code);
        expect(answer.errors?.[0]?.message, what).toMatch(message);
        expect(answer.data ?? null, what).toBeNull();
      }
      expect(await countMessages()).toBe(before);
      expect((await run('{ me { id } }')).data?.me.id).toBe(user.id);
      expect(socket.closeCode()).toBeUndefined();
    },
  );

  it.each(transports)('over %s: SQL- and HTML-looking content is stored verbatim and returned exactly as sent', async (_transport, run) => {
    // A channel per transport: the channel's rate limit would otherwise refuse the second transport's sends.
    const channel = (await createServer(user)).channels.find((c) => c.type === 'TEXT')!.id;
    for (const content of ["'); drop table messages; --", '<script>alert(1)</script><img src=x onerror=alert(1)>', "Robert'); --\u202e"]) {
      const sent = (await run(SEND, { c: channel, t: content })).data!;
      expect(sent.sendMessage.content).toBe(content);
      expect(await sql(api, 'select content from messages where id = ?', [sent.sendMessage.id])).toEqual([{ content }]);
      const read = await run('query($c: ID!) { messages(channelId: $c, limit: 1) { messages { id content } } }', { c: channel });
      expect(read.data?.messages.messages).toEqual([{ id: sent.sendMessage.id, content }]);
    }
    expect(socket.closeCode()).toBeUndefined();
  });

  it('over graphql-ws: a malformed frame closes that socket only (4400), an oversized one too (1009); others keep working', async () => {
    expect(await rawFrame(api.url, user.token, '{"type": "subscribe", "id": 1')).toBe(4400);
    expect(await rawFrame(api.url, user.token, JSON.stringify({ type: 'subscribe', id: '1', payload: { query: 42 } }))).toBe(4400);
    expect(await rawFrame(api.url, user.token, Buffer.from([0xff, 0xfe, 0xfd]))).toBeGreaterThanOrEqual(1000);
    expect(await rawFrame(api.url, user.token, 'x'.repeat(MAX_REQUEST_BYTES + 1))).toBe(1009);
    expect((await user.client.ok('{ me { id } }')).me.id).toBe(user.id);
    expect((await overWs(socket.client, '{ me { id } }')).data?.me.id).toBe(user.id);
  });
});
