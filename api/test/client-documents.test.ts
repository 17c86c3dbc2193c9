import { Kind, print, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiConfigSchema } from '../src/kernel/config/config.js';
import { assertCostWithinLimit, assertShapeWithinLimits, assertTokensWithinLimits } from '../src/graphql/limits.js';
import { buildAppSchema } from '../src/schema.js';

/**
 * Each client's typed documents (`npm run codegen -w dashboard`, `-w bots`), by a path tsc does not
 * follow (they are other packages), with the largest page it asks for: the dashboard's chat history,
 * member and audit pages; the moderator bot's recent messages.
 */
const CLIENTS = [
  { name: 'dashboard', documents: '../../dashboard/src/gql/graphql.ts', page: 50 },
  { name: 'bots', documents: '../../bots/src/gql/graphql.ts', page: 100 },
];

/** The document as urql sends it: `__typename` added to every selection but the operation's root. */
const asUrqlSends = (document: DocumentNode): DocumentNode =>
  visit(document, {
    SelectionSet: (node, _key, parent) =>
      (parent as { kind?: string } | undefined)?.kind === Kind.OPERATION_DEFINITION
        ? undefined
        : { ...node, selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] },
  });

/** Every Int variable a page size (the client's largest), every other variable absent or a placeholder. */
function variablesOf(operation: OperationDefinitionNode, page: number): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const type = print(definition.type);
    if (type.startsWith('Int')) variables[definition.variable.name.value] = page;
    else if (type === 'ID!') variables[definition.variable.name.value] = '1';
    else if (type === 'String!') variables[definition.variable.name.value] = 'x';
  }
  return variables;
}

describe("the clients' documents", () => {
  it.each(CLIENTS)('of the $name fit the default query limits as urql sends them, at the largest page it asks for', async (client) => {
    const schema = await buildAppSchema(null);
    const limits = {
      maxDepth: apiConfigSchema.shape.QUERY_MAX_DEPTH.parse(undefined),
      maxComplexity: apiConfigSchema.shape.QUERY_MAX_COMPLEXITY.parse(undefined),
    };
    const generated = (await import(new URL(client.documents, import.meta.url).pathname)) as Record<string, unknown>;
    const documents = Object.entries(generated).filter(
      (entry): entry is [string, DocumentNode] => entry[0].endsWith('Document') && (entry[1] as DocumentNode)?.kind === Kind.DOCUMENT,
    );
    expect(documents.length).toBeGreaterThan(20);
    const refused: string[] = [];
    for (const [name, document] of documents) {
      const sent = asUrqlSends(document);
      const operation = sent.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      try {
        assertTokensWithinLimits(print(sent), limits);
        assertShapeWithinLimits(sent, limits);
        assertCostWithinLimit(schema, sent, variablesOf(operation, client.page), operation.name?.value, limits);
      } catch (error) {
        refused.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
