import { readFile } from 'node:fs/promises';
import {
  Kind,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  print,
  typeFromAST,
  visit,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/kernel/config/config.js';
import { assertCostWithinLimit, assertShapeWithinLimits, assertTokensWithinLimits } from '../src/graphql/limits.js';
import { isPersonal } from '../src/graphql/personal-fields.js';
import { buildAppSchema } from '../src/schema.js';

// The operations our own clients send (generated into each workspace's src/gql) must fit the limits
// the API applies by default: a stricter cost rule must not break the dashboard or the bots.
const GENERATED = ['../../dashboard/src/gql/graphql.ts', '../../bots/src/gql/graphql.ts'];

async function operationsOf(file: string): Promise<{ name: string; document: DocumentNode }[]> {
  const source = await readFile(new URL(file, import.meta.url), 'utf8');
  return [...source.matchAll(/^export const (\w+)Document = (\{.*\}) as unknown as/gm)].map(([, name, json]) => ({
    name: name!,
    document: JSON.parse(json!) as DocumentNode,
  }));
}

/** As urql's cache sends it: `__typename` in every selection set below the root. */
function withTypenames(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet(node, _key, parent) {
      const root = parent !== undefined && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION;
      if (root || node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
      return { ...node, selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] };
    },
  });
}

/**
 * A value of `type` that the API accepts as a variable: without variables the cost check leaves an
 * operation to execution (unpriced), so each operation is priced with these stand-ins.
 */
function sampleOf(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleOf(type.ofType);
  if (isListType(type)) return [sampleOf(type.ofType)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named))
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sampleOf(f.type)]),
    );
  return { Int: 1, Float: 1, Boolean: false, DateTime: new Date(0).toISOString() }[named.name] ?? '1';
}

function variablesOf(schema: GraphQLSchema, operation: OperationDefinitionNode): Record<string, unknown> {
  return Object.fromEntries(
    (operation.variableDefinitions ?? [])
      .filter((v) => v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue)
      .map((v) => [v.variable.name.value, sampleOf(typeFromAST(schema, v.type) as GraphQLInputType)]),
  );
}

describe("our clients' operations", () => {
  it.each(GENERATED)('in %s fit the default depth and complexity limits', async (file) => {
    const schema = await buildAppSchema(null);
    const config = loadConfig({}); // the defaults
    const operations = await operationsOf(file);
    expect(operations.length).toBeGreaterThan(0);
    const limits = { maxDepth: config.QUERY_MAX_DEPTH, maxComplexity: config.QUERY_MAX_COMPLEXITY };
    for (const { name, document: generated } of operations) {
      const document = withTypenames(generated);
      expect(() => assertTokensWithinLimits(print(document), limits), name).not.toThrow();
      expect(() => assertShapeWithinLimits(document, limits), name).not.toThrow();
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const variables = variablesOf(schema, definition);
        expect(() => assertCostWithinLimit(schema, document, variables, definition.name?.value, limits), name).not.toThrow();
        // Priced for real: with a limit of 0 every operation is refused, so none slipped through unpriced.
        expect(
          () => assertCostWithinLimit(schema, document, variables, definition.name?.value, { ...limits, maxComplexity: 0 }),
          name,
        ).toThrow(/complexity/);
      }
    }
  });

  // A live event is executed once for every subscriber with the same permission view, unless the
  // operation selects a personal field (Reaction.me, a read marker…): then once per subscriber. Our
  // clients' channel streams are what a busy room fans out, so they must share.
  it.each(GENERATED)('in %s: channel streams select no personal field, so every reader shares one execution', async (file) => {
    const schema = await buildAppSchema(null);
    const streams = (await operationsOf(file)).filter(({ document }) => print(document).includes('channelEvents('));
    expect(streams.length).toBeGreaterThan(0);
    for (const { name, document } of streams) expect(isPersonal(schema, document), name).toBe(false);
  });
});
