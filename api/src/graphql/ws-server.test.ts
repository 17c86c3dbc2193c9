import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { until } from '../../test/fixtures.js';
import { bareWsServerOptions } from '../../test/ws-server-options.js';
import type { FanoutItem } from '../realtime/fanout-item.js';
import { pushFeed, type FeedSink } from './push-feed.js';
import { WsServer } from './ws-server.js';

// The protocol server on a real socket, with a schema whose one push subscription waits at a gate
// the test opens: what the server does with a `complete` that arrives while a subscription is
// still being set up (its access being checked, say) does not depend on timing here.
describe('WsServer', () => {
  let openGate: () => void = () => {};
  let reachedGate: () => void = () => {};
  const feedsStarted: string[] = [];
  const sinks: FeedSink<{ text: string }>[] = [];
  /** A push subscription whose sinks the test holds, pushing events itself; `resolve` reads an event's text. */
  const heldFeed = (resolve: (item: FanoutItem<{ text: string }>) => string | Promise<string>) => ({
    type: GraphQLString,
    resolve,
    subscribe: () =>
      pushFeed<{ text: string }>(async (sink) => {
        sink.setView('all');
        sinks.push(sink);
        return { stop: () => undefined };
      }),
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString, resolve: () => 'ok' } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        feed: heldFeed((item) => item.event.text),
        // Asynchronous: executions finish after the batch that started them.
        asyncFeed: heldFeed(async (item) => item.event.text),
        gated: {
          type: GraphQLString,
          subscribe: async () => {
            reachedGate();
            await new Promise<void>((resolve) => (openGate = resolve));
            return pushFeed(async () => {
              feedsStarted.push('gated');
              return { stop: () => undefined };
            });
          },
        },
      },
    }),
  });
  let http: Server;
  let server: WsServer<object>;
  let url: string;
  /** Writes to the accepted TCP sockets, as they reach the kernel: corked writes count once, at uncork. */
  let writes = 0;
  beforeAll(async () => {
    http = createServer();
    http.on('connection', (socket: Socket) => {
      const write = socket.write.bind(socket) as (chunk: Buffer | string) => boolean;
      const uncork = socket.uncork.bind(socket);
      socket.write = ((chunk: Buffer | string) => {
        if (socket.writableCorked === 0) writes += 1;
        return write(chunk);
      }) as Socket['write'];
      socket.uncork = () => {
        if (socket.writableCorked === 1) writes += 1;
        uncork();
      };
    });
    const options = bareWsServerOptions(schema);
    server = new WsServer(http, options);
    options.push.batchWritesWith((deliver) => server.batched(deliver));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => http.close(resolve));
  });

  it('a subscription completed while it is being set up starts nothing, and the socket stays open', async () => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const frames: { type: string; id?: string }[] = [];
    let closeCode: number | null = null;
    const next = (type: string) =>
      new Promise<void>((resolve) => {
        const check = () => (frames.some((f) => f.type === type) ? resolve() : setTimeout(check, 5));
        check();
      });
    socket.on('message', (data) => frames.push(JSON.parse(String(data)) as { type: string; id?: string }));
    socket.on('close', (code) => (closeCode = code));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await next('connection_ack');

    const reached = new Promise<void>((resolve) => (reachedGate = resolve));
    socket.send(JSON.stringify({ id: 'one', type: 'subscribe', payload: { query: 'subscription { gated }' } }));
    await reached;
    socket.send(JSON.stringify({ id: 'one', type: 'complete' }));
    // Messages are handled in order: once the pong is back, the complete has been.
    socket.send(JSON.stringify({ type: 'ping' }));
    await next('pong');
    openGate();
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(closeCode).toBeNull();
    expect(feedsStarted).toEqual([]);
    expect(frames.map((f) => f.type)).toEqual(['connection_ack', 'pong']);
    socket.close();
  });

  it('writes the frames a batch of events makes for one socket as one write, and a completion after them', async () => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const frames: { type: string; id?: string; payload?: { data?: { feed: string } } }[] = [];
    const received = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (frames.length >= n ? resolve() : setTimeout(check, 5));
        check();
      });
    socket.on('message', (data) => frames.push(JSON.parse(String(data)) as (typeof frames)[number]));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await received(1);
    socket.send(JSON.stringify({ id: 'f', type: 'subscribe', payload: { query: 'subscription { feed }' } }));
    while (sinks.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const [sink] = sinks;

    const before = writes;
    server.batched(() => {
      for (const text of ['one', 'two', 'three']) sink!.push({ text });
      sink!.end();
    });
    await received(5);
    expect(frames.slice(1).map((f) => [f.type, f.payload?.data?.feed])).toEqual([
      ['next', 'one'],
      ['next', 'two'],
      ['next', 'three'],
      ['complete', undefined],
    ]);
    // The three frames in one write, then the completion in another.
    expect(writes - before).toBe(2);
    // Outside a batch, each frame is written at once.
    socket.send(JSON.stringify({ id: 'g', type: 'subscribe', payload: { query: 'subscription { feed }' } }));
    while (sinks.length === 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const writesBefore = writes;
    sinks[1]!.push({ text: 'alone' });
    expect(writes - writesBefore).toBe(1);
    await received(6);
    expect(frames[5]).toMatchObject({ id: 'g', type: 'next', payload: { data: { feed: 'alone' } } });
    socket.close();
  });

  it('writes the frames of asynchronous executions that finish together as one write, in order', async () => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const frames: { type: string; payload?: { data?: { asyncFeed: string } } }[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data)) as (typeof frames)[number]));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await until(() => frames.length === 1, 'connection_ack');
    const started = sinks.length;
    socket.send(JSON.stringify({ id: 'a', type: 'subscribe', payload: { query: 'subscription { asyncFeed }' } }));
    await until(() => sinks.length > started, 'the subscription');
    const sink = sinks[started]!;

    const before = writes;
    server.batched(() => {
      for (const text of ['one', 'two', 'three']) sink.push({ text });
    });
    await until(() => frames.length === 4, 'three frames');
    expect(frames.slice(1).map((f) => f.payload?.data?.asyncFeed)).toEqual(['one', 'two', 'three']);
    // Without a batch around the finished executions, each frame would be its own write.
    expect(writes - before).toBe(1);
    socket.close();
  });
});
