import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { until } from '../../test/fixtures.js';
import { bareWsServerOptions } from '../../test/ws-server-options.js';
import { WsServer } from './ws-server.js';

// The keep-alive on real sockets, with a short period: ws clients answer pings by themselves, and
// `autoPong: false` makes one that never does.
const KEEP_ALIVE_MS = 400;

describe('WsServer keep-alive', () => {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString, resolve: () => 'ok' } } }),
  });
  let http: Server;
  let server: WsServer<object>;
  let url: string;
  beforeAll(async () => {
    http = createServer();
    server = new WsServer(http, bareWsServerOptions(schema, { keepAliveMs: KEEP_ALIVE_MS }));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => http.close(resolve));
  });

  /** An initialised connection, counting the pings it receives and noting when it closes. */
  async function peer(autoPong: boolean) {
    const socket = new WebSocket(url, 'graphql-transport-ws', { autoPong });
    const seen = { pings: 0, closedAt: null as number | null };
    socket.on('ping', () => seen.pings++);
    socket.on('close', () => (seen.closedAt = Date.now()));
    await new Promise<void>((resolve) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.on('message', () => resolve());
    });
    return { socket, seen };
  }

  it('pings every peer once per period; one that answers stays, one that does not is cut off within about two periods', async () => {
    const answering = await peer(true);
    const silent = await peer(false);
    const openedAt = Date.now();
    await until(() => silent.seen.closedAt, 'the silent peer cut off', { timeoutMs: 4 * KEEP_ALIVE_MS });
    expect(silent.seen.pings).toBe(1);
    expect(silent.seen.closedAt! - openedAt).toBeGreaterThanOrEqual(KEEP_ALIVE_MS / 2);
    expect(silent.seen.closedAt! - openedAt).toBeLessThanOrEqual(3 * KEEP_ALIVE_MS);

    await new Promise((resolve) => setTimeout(resolve, 3 * KEEP_ALIVE_MS));
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
    expect(answering.seen.pings).toBeGreaterThanOrEqual(4);
    expect(server.connectionCount).toBe(1);
    answering.socket.close();
  });
});
