import type { Cache, FieldInfo } from '@urql/exchange-graphcache';

/** A cached list of entities, as their keys. */
export function keysOf(value: unknown): (string | null)[] | undefined {
  return Array.isArray(value) ? (value as (string | null)[]) : undefined;
}

/** Takes the entity `key` out of the cached list at `parent`'s `field`, where the list holds it. */
export function removeFromList(
  cache: Cache,
  parent: string,
  field: Pick<FieldInfo, 'fieldName' | 'fieldKey' | 'arguments'>,
  key: string,
): void {
  const list = keysOf(cache.resolve(parent, field.fieldKey));
  if (!list?.includes(key)) return;
  const rest = list.filter((item) => item !== key);
  // A field without arguments is keyed by its name alone; `{}` would name another field, `messages({})`.
  if (field.arguments) cache.link(parent, field.fieldName, field.arguments, rest);
  else cache.link(parent, field.fieldName, rest);
}
