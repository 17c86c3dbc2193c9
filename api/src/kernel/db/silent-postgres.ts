import type { Socket } from 'node:net';
import pg from 'pg';

/** What the guard reaches in a node-postgres Client: its socket, its query method, and `drain` (nothing outstanding). */
interface PoolClient {
  connection: { stream: Socket };
  query: (...args: unknown[]) => unknown;
  on(event: 'drain', listener: () => void): unknown;
}

const socketOf = (client: pg.Client | PoolClient): Socket => (client as unknown as PoolClient).connection.stream;

/**
 * Resolves once Postgres answers `select 1` on a new connection, rejects after `timeoutMs` at the
 * latest. Never waits on a silent peer: where packets vanish (a host gone, a frozen network), a
 * client's own connect, query and even `end` wait until TCP gives up, about 15 minutes on Linux.
 */
export async function pingPostgres(databaseUrl: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined); // a late socket error after we gave up must not crash the process
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    socketOf(client).destroy();
    throw error;
  }
  await client.end().catch(() => undefined);
}

/** Calls `probe` once for any number of callers waiting at the same time. */
function sharedProbe(probe: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  return () =>
    (inFlight ??= probe().finally(() => {
      inFlight = null;
    }));
}

/**
 * Watches a pool connection while it has a statement outstanding: when nothing arrives for
 * `answerTimeoutMs`, asks Postgres on a fresh connection (`probe`). A statement that is merely long
 * is left alone (Postgres answered the probe); if the probe fails too, Postgres or the way to it is
 * gone and the connection is cut (ETIMEDOUT, answered as SERVICE_UNAVAILABLE), so its request fails
 * within about twice `answerTimeoutMs` instead of hanging, and the pool replaces the connection.
 */
function cutWhenSilent(client: unknown, answerTimeoutMs: number, probe: () => Promise<void>): void {
  const guarded = client as PoolClient;
  const socket = socketOf(guarded);
  const query = guarded.query.bind(guarded);
  let busy = false;
  // Armed when the connection gets work; Node's socket timeout restarts on every read and write.
  guarded.query = (...args: unknown[]) => {
    if (!busy) {
      busy = true;
      socket.setTimeout(answerTimeoutMs);
    }
    return query(...args);
  };
  guarded.on('drain', () => {
    busy = false;
    socket.setTimeout(0);
  });
  socket.on('timeout', () => {
    if (!busy) return;
    probe().then(
      () => {
        if (busy && !socket.destroyed) socket.setTimeout(answerTimeoutMs);
      },
      (cause: unknown) => {
        if (!busy) return;
        const error = new Error(`Postgres did not answer for ${answerTimeoutMs} ms, nor a new connection`, { cause });
        socket.destroy(Object.assign(error, { code: 'ETIMEDOUT' }));
      },
    );
  });
}

/** cutWhenSilent for each connection to `databaseUrl` given to it, with one probe at a time for all of them. */
export function silenceGuard(databaseUrl: string, answerTimeoutMs: number): (client: unknown) => void {
  const probe = sharedProbe(() => pingPostgres(databaseUrl, answerTimeoutMs));
  return (client) => cutWhenSilent(client, answerTimeoutMs, probe);
}
