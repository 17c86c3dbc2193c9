import { readFile } from 'node:fs/promises';
import { getNamedType, getNullableType, isCompositeType, isListType, isObjectType, parse, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { assertCostWithinLimit, operationCost, UNPAGED_LIST_SIZE } from '../src/graphql/limits.js';
import { printSchemaFile } from '../src/print-schema.js';
import { buildAppSchema } from '../src/schema.js';

describe('schema.graphql', () => {
  it('is the schema the code defines', async () => {
    const checkedIn = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    const fromCode = await printSchemaFile();
    expect(
      checkedIn,
      'schema.graphql is stale: run `npm run build -w api && npm run schema` at the repository root and commit the result',
    ).toBe(fromCode);
  });
});

describe('the cost of list fields', () => {
  it('every list of objects is priced by a page argument or its own estimator, never as one row', async () => {
    const schema = await buildAppSchema(null);
    const unpriced = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) => Object.values((type as GraphQLObjectType).getFields()).map((field) => ({ type, field })))
      .filter(({ field }) => isListType(getNullableType(field.type)) && isCompositeType(getNamedType(field.type)))
      .filter(({ field }) => !field.args.some((arg) => arg.name === 'first' || arg.name === 'limit') && !field.extensions.complexity)
      .map(({ type, field }) => `${type.name}.${field.name}`);
    expect(unpriced).toEqual([]);
  });

  it("costs a bot's servers, overwrites and voice states as lists, so nesting them is refused", async () => {
    const schema = await buildAppSchema(null);
    const limits = { maxDepth: 10, maxComplexity: 2000 };
    const cost = (query: string) => () => assertCostWithinLimit(schema, parse(query), {}, undefined, limits);
    expect(cost('{ myBots { botServers { channels { overwrites { targetId } voiceStates { user { id } } } } } }')).toThrow(/complexity/);
    expect(cost('{ myBots { id botServers { id name } } }')).not.toThrow();
  });

  it('prices Server.member as one object, as myMember: per server of a list, not per member of the server', async () => {
    const schema = await buildAppSchema(null);
    const cost = (query: string) => operationCost(schema, parse(query), {}, undefined);
    const member = cost('{ myServers { member(userId: "1") { user { id } roles { id } } } }');
    expect(member).toBe(cost('{ myServers { myMember { user { id } roles { id } } } }'));
    // myServers: 1 + 20 rows x member (1 + user (1 + id) + roles (1 + id)).
    expect(member).toBe(1 + UNPAGED_LIST_SIZE * 5);
  });
});
