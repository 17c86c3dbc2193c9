import { Kind, print, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiConfigSchema } from '../src/kernel/config/config.js';
import { assertCostWithinLimit, assertShapeWithinLimits, assertTokensWithinLimits } from '../src/graphql/limits.js';
import { buildAppSchema } from '../src/schema.js';

// The dashboard's typed documents (`npm run codegen -w dashboard`), a path tsc does not follow: the
// dashboard is another package.
const DASHBOARD_DOCUMENTS = new URL('../../dashboard/src/gql/graphql.ts', import.meta.url).pathname;
/** The largest page the dashboard asks for (its chat history, member and audit pages). */
const DASHBOARD_PAGE = 50;

/** The document as urql sends it: `__typename` added to every selection but the operation's root. */
const asUrqlSends = (document: DocumentNode): DocumentNode =>
  visit(document, {
    SelectionSet: (node, _key, parent) =>
      (parent as { kind?: string } | undefined)?.kind === Kind.OPERATION_DEFINITION
        ? undefined
        : { ...node, selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] },
  });

/** Every Int variable a page size (the dashboard's largest), every other variable absent or a placeholder id. */
function variablesOf(operation: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const type = print(definition.type);
    if (type.startsWith('Int')) variables[definition.variable.name.value] = DASHBOARD_PAGE;
    else if (type === 'ID!') variables[definition.variable.name.value] = '1';
    else if (type === 'String!') variables[definition.variable.name.value] = 'x';
  }
  return variables;
}

describe("the dashboard's documents", () => {
  it('fit the default query limits as urql sends them, at the largest page the dashboard asks for', async () => {
    const schema = await buildAppSchema(null);
    const limits = {
      maxDepth: apiConfigSchema.shape.QUERY_MAX_DEPTH.parse(undefined),
      maxComplexity: apiConfigSchema.shape.QUERY_MAX_COMPLEXITY.parse(undefined),
    };
    const documents = Object.entries((await import(DASHBOARD_DOCUMENTS)) as Record<string, unknown>).filter(
      (entry): entry is [string, DocumentNode] => entry[0].endsWith('Document') && (entry[1] as DocumentNode)?.kind === Kind.DOCUMENT,
    );
    expect(documents.length).toBeGreaterThan(50);
    const refused: string[] = [];
    for (const [name, document] of documents) {
      const sent = asUrqlSends(document);
      const operation = sent.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      try {
        assertTokensWithinLimits(print(sent), limits);
        assertShapeWithinLimits(sent, limits);
        assertCostWithinLimit(schema, sent, variablesOf(operation), operation.name?.value, limits);
      } catch (error) {
        refused.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
