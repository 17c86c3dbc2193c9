import { execute, parse, type ExecutionResult, type GraphQLUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CompiledOperations } from '../graphql/compiled-operations.js';
import type { GraphqlContext } from '../graphql/context.js';
import { buildAppSchema } from '../schema.js';
import { channelEventTypes } from './channel-event.objects.js';
import { fanoutItem } from './fanout-item.js';
import { serverEventTypes } from './server-event.objects.js';
import type { ChannelEventPayload } from './topics.js';

// A push feed executes each event once per group; when its fields are at hand the execution must
// finish at once, so the frames leave while the event is handed out rather than a tick later.
describe('executing a push feed event', () => {
  const document = parse(`subscription {
    channelEvents(channelId: "1") {
      __typename
      ... on MessageCreated { message { id content createdAt author { id username } } }
      ... on MessageDeleted { messageId }
    }
  }`);
  const createdAt = new Date('2026-11-30T12:00:00.000Z');
  const author = { id: '7', username: 'sender', displayName: 'Sender', isBot: false, avatarHash: null, createdAt };
  const context = { viewer: { userId: '1' } } as unknown as GraphqlContext;
  // As PushFanout runs it (compiled); boxed: an async function returning the execution's promise
  // would hand back what it resolves to.
  const run = async (event: ChannelEventPayload, contextValue = context) => ({
    result: new CompiledOperations(0).runner(await buildAppSchema(null), document, null)(fanoutItem(event, 'view'), contextValue, {}),
  });
  const message = {
    id: '42',
    channelId: '1',
    serverId: '9',
    authorId: '7',
    content: 'hi',
    replyToId: null,
    editedAt: null,
    pinnedAt: null,
    mentionsEveryone: false,
    mentionsHere: false,
    mentionRoleIds: [],
  };

  it('returns a result, not a promise, for a new message that carries its author', async () => {
    const { result } = await run({ type: 'MessageCreated', message: { ...message, createdAt, author } });
    expect(result).not.toBeInstanceOf(Promise);
    expect(result as ExecutionResult).toEqual({
      data: {
        channelEvents: {
          __typename: 'MessageCreated',
          message: { id: '42', content: 'hi', createdAt: createdAt.toISOString(), author: { id: '7', username: 'sender' } },
        },
      },
    });
  });

  it('and for a deletion', async () => {
    const { result } = await run({ type: 'MessageDeleted', messageId: '42', channelId: '1' });
    expect(result).not.toBeInstanceOf(Promise);
    expect(result as ExecutionResult).toEqual({ data: { channelEvents: { __typename: 'MessageDeleted', messageId: '42' } } });
  });

  it('gives what graphql-js gives, errors included, when a field fails', async () => {
    // No author on the event, and loaders that fail: the author field's error, and null bubbling up
    // to the nullable `channelEvents`, as graphql-js has them.
    const failing = {
      ...context,
      loaders: {
        users: {
          load: () => {
            throw new Error('no such user');
          },
        },
      },
    } as unknown as GraphqlContext;
    const event: ChannelEventPayload = { type: 'MessageCreated', message: { ...message, createdAt: createdAt.toISOString() } };
    const expected = execute({ schema: await buildAppSchema(null), document, rootValue: fanoutItem(event, 'view'), contextValue: failing });
    const { result } = await run(event, failing);
    const plain = (r: unknown) => JSON.parse(JSON.stringify(r)) as unknown;
    expect((expected as ExecutionResult).errors?.[0]?.message).toBe('no such user');
    expect(plain(result)).toEqual(plain(expected));
  });

  it('runs on graphql-js until the operation has run often enough to compile, with the same results', async () => {
    const operations = new CompiledOperations(2);
    const schema = await buildAppSchema(null);
    const event: ChannelEventPayload = { type: 'MessageCreated', message: { ...message, createdAt, author } };
    const runners = [1, 2, 3, 4].map(() => operations.runner(schema, document, null));
    expect(runners[1]).toBe(runners[0]);
    expect(runners[2]).not.toBe(runners[0]);
    expect(runners[3]).toBe(runners[2]);
    const results = runners.map((run) => run(fanoutItem(event, 'view'), context, {}));
    for (const result of results) expect(result).toEqual(results[0]);
  });

  // The unions are resolved by the event's `type` (schema.ts): each must name its GraphQL type.
  it.each([
    ['ChannelEvent', channelEventTypes],
    ['ServerEvent', serverEventTypes],
  ])('names every %s member by its event type', async (union, byType) => {
    const members = (await buildAppSchema(null)).getType(union) as GraphQLUnionType;
    expect(
      members
        .getTypes()
        .map((type) => type.name)
        .sort(),
    ).toEqual(Object.keys(byType).sort());
  });
});
