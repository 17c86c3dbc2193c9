import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const BOTS = fileURLToPath(new URL('../../', import.meta.url));

describe('typed operations (src/gql)', () => {
  it('are up to date with schema.graphql and src/sdk/operations (else run: npm run codegen -w bots)', async () => {
    const config = parse(readFileSync(`${BOTS}codegen.yml`, 'utf8'));
    const outputs = await generate({ ...config, cwd: BOTS, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const committed = readFileSync(output.filename.startsWith('/') ? output.filename : `${BOTS}${output.filename}`, 'utf8');
      expect(committed, output.filename).toBe(output.content);
    }
  });
});
