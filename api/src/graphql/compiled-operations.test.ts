import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSchema } from '../schema.js';
import { CompiledOperations } from './compiled-operations.js';

describe('CompiledOperations', () => {
  it('compiles every warm-up document against the schema, and counts none of them as a compiled operation', async () => {
    const operations = new CompiledOperations(0);
    expect(operations.warmUp(await buildAppSchema(null))).toBe(2);
    expect(operations.compiled).toBe(0);
  });

  it('compiles an operation at the run after `compileAfter`, once', async () => {
    const schema = await buildAppSchema(null);
    const operations = new CompiledOperations(2);
    const document = parse('{ __typename }');
    const runners = [1, 2, 3, 4].map(() => operations.runner(schema, document, null));
    expect(operations.compiled).toBe(1);
    expect(runners[0]).toBe(runners[1]);
    expect(runners[2]).not.toBe(runners[1]);
    expect(runners[3]).toBe(runners[2]);
    expect(await runners[3]!(null, {}, {})).toEqual({ data: { __typename: 'Query' } });
  });
});
