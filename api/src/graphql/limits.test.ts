import { buildSchema, parse, type GraphQLError, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  MAX_ALIASES,
  MAX_NESTING,
  MAX_ROOT_FIELDS,
  TOKENS_PER_COMPLEXITY,
  UNPAGED_LIST_SIZE,
  assertCostWithinLimit,
  assertShapeWithinLimits,
  assertTokensWithinLimits,
  operationCost,
  unpagedListCost,
} from './limits.js';

const schema = buildSchema(`
  enum Permission { VIEW SPEAK }
  type Channel { id: ID! server: Server! }
  type Member { id: ID! }
  type Server { id: ID! name: String! channels: [Channel!]! permissions: [Permission!]! members(first: Int): [Member!]! }
  type Query { myServers: [Server!]! server(id: ID!): Server }
  type Mutation { createServer(name: String!): Server! }
`);
// What `{ complexity: unpagedListCost }` on a type-graphql field puts in its extensions.
for (const [type, field] of [
  ['Query', 'myServers'],
  ['Server', 'channels'],
] as const) {
  Object.assign((schema.getType(type) as GraphQLObjectType).getFields()[field]!, { extensions: { complexity: unpagedListCost } });
}
const limits = { maxDepth: 10, maxComplexity: 2000 };

function refusal(query: string, variables?: Record<string, unknown>): string | undefined {
  try {
    // In the order DocumentCache and the transports apply them.
    assertTokensWithinLimits(query, limits);
    const document = parse(query);
    assertShapeWithinLimits(document, limits);
    assertCostWithinLimit(schema, document, variables, undefined, limits);
    return undefined;
  } catch (error) {
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as GraphQLError).message;
  }
}

const aliases = (count: number, field: (i: number) => string) => Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join(' ');

describe('query limits', () => {
  it('lets an ordinary query through', () => {
    expect(refusal('{ myServers { id name permissions channels { id } } }')).toBeUndefined();
  });

  it('refuses an alias flood of 10,000+ nodes (the complexity library throws there; that throw was swallowed)', () => {
    // Under the token limit, so the field limit is what refuses them.
    expect(refusal(`{ ${aliases(1500, () => 'myServers { id channels { id } }')} }`)).toMatch(/more than 2000 fields/);
    expect(refusal(`mutation { ${aliases(1500, (i) => `createServer(name: "s${i}") { id }`)} }`)).toMatch(/more than 2000 fields/);
  });

  it('caps aliases and root fields per operation', () => {
    expect(refusal(`{ ${aliases(MAX_ALIASES + 1, () => 'myServers { id }')} }`)).toMatch(/aliases/);
    expect(refusal(`{ myServers { ${aliases(MAX_ALIASES + 1, () => 'id')} } }`)).toMatch(/aliases/);
    const roots = Array.from({ length: MAX_ROOT_FIELDS + 1 }, () => '__typename').join(' ');
    expect(refusal(`{ ${roots} }`)).toMatch(/top-level fields/);
    expect(refusal(`mutation { ${aliases(MAX_ROOT_FIELDS, (i) => `createServer(name: "s${i}") { id }`)} }`)).toBeUndefined();
    expect(refusal(`mutation { ${aliases(MAX_ROOT_FIELDS + 1, (i) => `createServer(name: "s${i}") { id }`)} }`)).toMatch(
      /top-level fields/,
    );
  });

  it('counts fields spread through fragments, and stays cheap when fragments spread each other twice per level', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Server { id }` : `fragment F${i} on Server { ...F${i + 1} ... on Server { ...F${i + 1} } }`,
    ).join('\n');
    expect(refusal(`{ myServers { ...F0 } } ${fragments}`)).toMatch(/more than 2000 fields/);
  });

  it('costs an unpaged list of objects by its size, so nesting lists is not priced as one row', () => {
    // myServers x channels x server x channels: 20 * (1 + 20 * (1 + 1 + 20 * 2)) > 2000.
    expect(refusal('{ myServers { channels { server { channels { id server { id } } } } } }')).toMatch(/complexity \d+ exceeds/);
    expect(refusal('{ myServers { id channels { id } } }')).toBeUndefined();
    expect(UNPAGED_LIST_SIZE).toBeGreaterThan(1);
  });

  it('still costs paged lists by their page size, and leaves bad variables to execution', () => {
    expect(refusal('{ myServers { members(first: 1000) { id } } }')).toMatch(/complexity/);
    expect(refusal('query($id: ID!) { server(id: $id) { id } }', { id: { not: 'an id' } })).toBeUndefined();
  });

  it('prices __typename at nothing, as clients add it to every selection', () => {
    const cost = (query: string) => operationCost(schema, parse(query), undefined, undefined);
    expect(cost('{ myServers { __typename id channels { __typename id } } }')).toBe(cost('{ myServers { id channels { id } } }'));
    expect(cost('{ myServers { id channels { id } } }')).toBeGreaterThan(cost('{ myServers { id } }')!);
  });

  it('refuses nesting deeper than the limit', () => {
    expect(
      refusal(
        '{ myServers { channels { server { channels { server { channels { server { channels { server { channels { id } } } } } } } } } } }',
      ),
    ).toMatch(/nested 11 levels/);
  });

  it('refuses, before parsing, documents with more tokens or deeper brackets than any operation within the limits', () => {
    const maxTokens = TOKENS_PER_COMPLEXITY * limits.maxComplexity;
    // ~140,000 fields in 1 MiB: parsing and validating it took seconds before the field limit refused it.
    expect(refusal(`{ ${'myServers{id} '.repeat(70_000)} }`)).toBe(`Query holds more than ${maxTokens} tokens; the limit is ${maxTokens}`);
    // Deep enough to overflow graphql-js's recursive parser (a RangeError, not a GraphQL error).
    expect(refusal(`{ ${'myServers { channels { server '.repeat(2500)}{ id }${' } }'.repeat(2500)} }`)).toMatch(
      `nests brackets more than ${MAX_NESTING} deep`,
    );
    expect(refusal(`{ server(id: ${'['.repeat(MAX_NESTING)}1${']'.repeat(MAX_NESTING)}) { id } }`)).toMatch(/nests brackets/);
  });
});
