import { getMetadataStorage, ObjectType as TypeGraphqlObjectType, type ObjectTypeOptions } from 'type-graphql';

/**
 * type-graphql's @ObjectType with its plain fields left to graphql-js's default resolver. Without
 * `simpleResolvers`, every plain field of every object gets a wrapper that allocates per value to
 * run middlewares and auth checks: on a 50-message history page that was a fifth of what a request
 * allocated (young-generation GC pauses are the slow tail of every request). Our object types'
 * plain fields have neither: access is checked in the Query, Mutation and Subscription resolvers
 * and in field resolvers (@FieldResolver), which keep their wrappers. assertPlainFieldsUnchecked
 * makes sure it stays so. Use this, not type-graphql's (the lint forbids that import).
 */
export const ObjectType = (name: string, options: ObjectTypeOptions = {}): ClassDecorator =>
  TypeGraphqlObjectType(name, { ...options, simpleResolvers: true });

/** What type-graphql records of a field and of a field resolver, as far as the check below reads. */
interface FieldRecord {
  target: { name: string };
  name: string;
  roles?: unknown[];
  middlewares?: unknown[];
}
interface FieldResolverRecord {
  methodName: string;
  getObjectType?: () => { name: string } | undefined;
}

/** Plain fields (no @FieldResolver) marked @Authorized or @UseMiddleware, as `Type.field`. */
export function checkedPlainFields(fields: readonly FieldRecord[], fieldResolvers: readonly FieldResolverRecord[]): string[] {
  const resolved = new Set(fieldResolvers.map((resolver) => `${resolver.getObjectType?.()?.name}.${resolver.methodName}`));
  return fields
    .filter((field) => (field.roles?.length ?? 0) > 0 || (field.middlewares?.length ?? 0) > 0)
    .map((field) => `${field.target.name}.${field.name}`)
    .filter((field) => !resolved.has(field));
}

/**
 * At schema build: a plain @Field with @Authorized or @UseMiddleware would be skipped silently on
 * a simple-resolver type, so one is refused instead.
 */
export function assertPlainFieldsUnchecked(): void {
  const storage = getMetadataStorage();
  const plain = checkedPlainFields(storage.fields, storage.fieldResolvers);
  if (plain.length > 0)
    throw new Error(
      `@Authorized or @UseMiddleware on a plain field is not run (simple resolvers): ${plain.join(', ')}; make it a @FieldResolver`,
    );
}
