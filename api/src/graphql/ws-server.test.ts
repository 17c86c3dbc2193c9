import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { GraphqlContext } from './context.js';
import { DocumentCache } from './documents.js';
import { SubscriptionFanout } from './fanout.js';
import { PushFanout, pushFeed } from './push-feed.js';
import { WsServer, resultSerialiser } from './ws-server.js';

// The protocol server on a real socket, with a schema whose one push subscription waits at a gate
// the test opens: what the server does with a `complete` that arrives while a subscription is
// still being set up (its access being checked, say) does not depend on timing here.
describe('WsServer', () => {
  let openGate: () => void = () => {};
  let reachedGate: () => void = () => {};
  const feedsStarted: string[] = [];
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString, resolve: () => 'ok' } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
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
  const formatErrors = (errors: readonly Error[]) => errors.map((error) => ({ message: error.message }));
  const noLoaders = () => ({}) as GraphqlContext['loaders'];
  let http: Server;
  let server: WsServer<object>;
  let url: string;
  beforeAll(async () => {
    http = createServer();
    server = new WsServer(http, {
      schema,
      documents: new DocumentCache(schema),
      checkLimits: () => undefined,
      clientIp: (request) => request.socket.remoteAddress ?? 'unknown',
      connect: async () => ({}),
      context: async () => ({ viewer: null, ip: 'test', requestId: 'test', services: {} as GraphqlContext['services'] }),
      createLoaders: noLoaders,
      formatErrors,
      fanout: new SubscriptionFanout(noLoaders),
      push: new PushFanout(noLoaders, resultSerialiser(formatErrors)),
      maxBufferedBytes: 1 << 20,
      maxPayload: 1 << 20,
    });
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
});
