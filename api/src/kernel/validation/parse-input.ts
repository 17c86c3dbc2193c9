import type { z } from 'zod';
import { badInput } from '../errors/app-error.js';

/** Validates input with a zod schema; the first problem becomes BAD_USER_INPUT naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const nul = pathOfNul(value, []);
  if (nul) throw badInput(nul.join('.') || 'input', 'must not contain NUL characters');
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'input';
  throw badInput(field, issue.message);
}

/** Postgres text cannot hold U+0000; such input is refused up front rather than failing in SQL. */
function pathOfNul(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const found = pathOfNul(child, [...path, key]);
    if (found) return found;
  }
  return null;
}
