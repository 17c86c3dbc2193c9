// The baselines `npm run bench` measures the API against, in the same run, on the same core:
//   bare  PORT     — a `ws` server writing each incoming frame, pre-serialised, to every socket
//                    (the runtime's limit: one write of a ready frame per socket)
//   naive PORT     — graphql-ws + an in-memory pub/sub: one execution per subscriber per event
//   raw   PORT DB  — the send floor: a bare node HTTP server doing the API's INSERT + one PUBLISH
//   floor PORT DB  — the durable fan-out floor: bare `ws`, but each incoming frame is first INSERTed
//                    (its own commit) and PUBLISHed, and Redis's subscriber writes it to every socket:
//                    what any server that keeps a message before delivering it waits for
//   page  PORT     — B7's control: answers every POST with the same 50-message page, so the history
//                    client's own tail (its GC, the loopback, the VM) shows with no server work at all
import http from 'node:http';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { Redis } from 'ioredis';
import pg from 'pg';
import { WebSocketServer } from 'ws';

const [mode, portArg, db, serverId, authorId] = process.argv.slice(2);
const port = Number(portArg);

// The floors' INSERTs commit as the API's messages do (MESSAGE_COMMIT, async by default: no wait for
// the WAL flush), so B5 and the durable floor compare like with like.
const floorCommit = (process.env.MESSAGE_COMMIT ?? 'async') === 'async' ? { options: '-c synchronous_commit=off' } : {};
if (mode === 'bare') {
  const wss = new WebSocketServer({ port, host: '127.0.0.1' });
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      for (const c of wss.clients) c.send(data, { binary: false });
    }),
  );
} else if (mode === 'naive') {
  const listeners = new Set();
  let seq = 0;
  const schema = buildSchema(`
    type Author { id: ID!, username: String! }
    type Message { id: ID!, content: String!, createdAt: String!, author: Author! }
    type MessageCreated { message: Message! }
    type Query { ok: Boolean }
    type Mutation { sendMessage(channelId: ID!, content: String!): Message }
    type Subscription { channelEvents(channelId: ID!): MessageCreated! }`);
  const root = {
    sendMessage: ({ content }) => {
      const message = { id: String((seq += 1)), content, createdAt: new Date().toISOString(), author: { id: '1', username: 'sender' } };
      for (const push of listeners) push({ channelEvents: { message } });
      return message;
    },
    // One async iterator per subscriber, each event executed for each: what people build first.
    channelEvents: () => {
      const queue = [];
      let wake = null;
      const push = (value) => (wake ? (wake({ value, done: false }), (wake = null)) : queue.push(value));
      listeners.add(push);
      return {
        next: () => (queue.length ? Promise.resolve({ value: queue.shift(), done: false }) : new Promise((r) => (wake = r))),
        return: () => (listeners.delete(push), Promise.resolve({ value: undefined, done: true })),
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
  };
  useServer({ schema, roots: { mutation: root, subscription: root } }, new WebSocketServer({ port, host: '127.0.0.1' }));
} else if (mode === 'raw') {
  const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:5432/${db}`, max: 10, ...floorCommit });
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let seq = 900000000000000000n + BigInt(Date.now()) * 1000n;
  http
    .createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', async () => {
        const { variables } = JSON.parse(body);
        const id = String((seq += 1n));
        const createdAt = new Date();
        await pool.query(
          'insert into messages (id, channel_id, server_id, author_id, content, created_at) values ($1, $2, $3, $4, $5, $6)',
          [id, variables.c, serverId, authorId, variables.t, createdAt],
        );
        await redis.publish(
          `bench-raw:${variables.c}`,
          JSON.stringify({ type: 'MessageCreated', message: { id, content: variables.t, createdAt } }),
        );
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { sendMessage: { id } } }));
      });
    })
    .listen(port, '127.0.0.1');
} else if (mode === 'floor') {
  const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:5432/${db}`, max: 10, ...floorCommit });
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const subscriber = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const topic = `bench-floor:${port}`;
  await subscriber.subscribe(topic);
  let seq = 800000000000000000n + BigInt(Date.now()) * 1000n;
  const wss = new WebSocketServer({ port, host: '127.0.0.1' });
  subscriber.on('messageBuffer', (_topic, data) => {
    for (const c of wss.clients) c.send(data, { binary: false });
  });
  wss.on('connection', (ws) =>
    ws.on('message', async (data) => {
      const channelId = process.env.CHANNEL_ID;
      await pool.query({
        name: 'floor-insert',
        text: 'insert into messages (id, channel_id, server_id, author_id, content, created_at) values ($1, $2, $3, $4, $5, now())',
        values: [String((seq += 1n)), channelId, serverId, authorId, String(data)],
      });
      await redis.publish(topic, data);
    }),
  );
} else if (mode === 'page') {
  const messages = Array.from({ length: 50 }, (_, i) => ({ id: String(100000000000000000 + i), content: `history ${i}` }));
  const page = JSON.stringify({ data: { messages: { hasMoreBefore: true, hasMoreAfter: true, messages } } });
  http
    .createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(page) }).end(page));
    })
    .listen(port, '127.0.0.1');
} else {
  console.error('usage: node servers.mjs bare|naive|raw|floor|page PORT [DB SERVER_ID AUTHOR_ID]');
  process.exit(2);
}
