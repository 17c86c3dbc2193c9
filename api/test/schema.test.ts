import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { printSchemaFile } from '../src/print-schema.js';

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
