import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { tcpSocketOf, textFrame } from './ws-frame.js';

// Frames written straight to the TCP socket must be what a real ws client reads, at every length encoding.
describe('textFrame', () => {
  let server: WebSocketServer;
  let serverSide: Promise<WebSocket>;
  let client: WebSocket;
  beforeAll(async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    await new Promise((resolve) => server.once('listening', resolve));
    serverSide = new Promise((resolve) => server.once('connection', resolve));
    client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await new Promise((resolve) => client.once('open', resolve));
  });
  afterAll(async () => {
    client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([10, 125, 126, 65_535, 65_536, 200_000])('is read back exactly with a %i-byte payload, between ws’s own frames', async (size) => {
    const socket = await serverSide;
    const prefix = '{"id":"s1","type":"next","payload":';
    const payload = JSON.stringify({ text: 'é'.repeat(Math.floor(size / 4)) + 'x'.repeat(size - 2 * Math.floor(size / 4)) });
    const received: string[] = [];
    const three = new Promise<void>((resolve) =>
      client.on('message', (data) => {
        received.push(String(data));
        if (received.length === 3) resolve();
      }),
    );
    socket.send('before');
    tcpSocketOf(socket)!.write(textFrame(Buffer.from(prefix), Buffer.from(payload)));
    socket.send('after');
    await three;
    client.removeAllListeners('message');
    expect(received).toEqual(['before', `${prefix}${payload}}`, 'after']);
  });
});
