import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchWithTimeout } from './timed-fetch';

describe('fetchWithTimeout', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // A server that reads requests and never answers /silent: a way to the API gone quiet.
    server = createServer((request, response) => {
      if (request.url !== '/silent') response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('answers as fetch does while the server answers in time', async () => {
    const response = await fetchWithTimeout(1_000)(`${url}/`);
    expect(await response.text()).toBe('ok');
  });

  it('gives up on a request left unanswered past the timeout', async () => {
    const started = Date.now();
    await expect(fetchWithTimeout(200)(`${url}/silent`)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("still ends when the caller's own signal aborts first", async () => {
    const caller = new AbortController();
    const pending = fetchWithTimeout(60_000)(`${url}/silent`, { signal: caller.signal });
    caller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
