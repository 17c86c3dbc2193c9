import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildAppSchema } from './schema.js';

const HEADER = '# Generated from the code by `npm run schema`; do not edit. A test fails when it is stale.\n\n';

/** The checked-in schema.graphql text: sorted, so diffs show only real changes. */
export async function printSchemaFile(): Promise<string> {
  return HEADER + printSchema(lexicographicSortSchema(await buildAppSchema(null))) + '\n';
}
