import { readFile } from 'node:fs/promises';
import { Kind, print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/kernel/config/config.js';
import { assertCostWithinLimit, assertShapeWithinLimits, assertTokensWithinLimits } from '../src/graphql/limits.js';
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

describe("our clients' operations", () => {
  it.each(GENERATED)('in %s fit the default depth and complexity limits', async (file) => {
    const schema = await buildAppSchema(null);
    const config = loadConfig({}); // the defaults
    const operations = await operationsOf(file);
    expect(operations.length).toBeGreaterThan(0);
    const limits = { maxDepth: config.QUERY_MAX_DEPTH, maxComplexity: config.QUERY_MAX_COMPLEXITY };
    for (const { name, document } of operations) {
      expect(() => assertTokensWithinLimits(print(document), limits), name).not.toThrow();
      expect(() => assertShapeWithinLimits(document, limits), name).not.toThrow();
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        expect(() => assertCostWithinLimit(schema, document, {}, definition.name?.value, limits), name).not.toThrow();
      }
    }
  });
});
