import { describe, expect, it } from 'vitest';
import { checkedPlainFields } from './object-type.js';

class Message {}
class User {}

describe('checkedPlainFields', () => {
  const resolvers = [{ methodName: 'author', getObjectType: () => Message }];

  it('names a plain field with an auth check or a middleware, which simple resolvers would skip', () => {
    const fields = [
      { target: Message, name: 'content', roles: [] },
      { target: Message, name: 'author', roles: [] },
      { target: User, name: 'email', roles: [] as unknown[], middlewares: [] as unknown[] },
      { target: User, name: 'token', middlewares: [() => undefined] },
      { target: Message, name: 'secret', roles: ['ADMIN'] },
    ];
    expect(checkedPlainFields(fields, resolvers)).toEqual(['User.token', 'Message.secret']);
  });

  it('lets a field resolver keep its checks: type-graphql wraps those whatever the type', () => {
    expect(
      checkedPlainFields([{ target: Message, name: 'author', roles: [] as unknown[], middlewares: [() => undefined] }], resolvers),
    ).toEqual([]);
  });

  it('finds none in our schema', async () => {
    await import('../schema.js');
    const { getMetadataStorage } = await import('type-graphql');
    const storage = getMetadataStorage();
    expect(storage.fields.length).toBeGreaterThan(100);
    expect(checkedPlainFields(storage.fields, storage.fieldResolvers)).toEqual([]);
  });
});
