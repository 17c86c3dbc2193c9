import { execute, parse, type ExecutionResult, type GraphQLUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
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
  const author = { id: '7', username: 'sender', displayName: 'Sender', isBot: false, createdAt };
  // Boxed: an async function returning the execution's promise would hand back what it resolves to.
  const run = async (event: ChannelEventPayload) => ({
    result: execute({
      schema: await buildAppSchema(null),
      document,
      rootValue: fanoutItem(event, 'view'),
      contextValue: { viewer: { userId: '1' } } as unknown as GraphqlContext,
    }),
  });

  it('returns a result, not a promise, for a new message that carries its author', async () => {
    const { result } = await run({
      type: 'MessageCreated',
      message: {
        id: '42',
        channelId: '1',
        serverId: '9',
        authorId: '7',
        content: 'hi',
        replyToId: null,
        createdAt,
        editedAt: null,
        author,
      },
    });
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
