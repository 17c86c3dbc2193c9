import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { Extensions } from 'type-graphql';

/**
 * Marks a field whose answer depends on who asks, beyond what their permissions let them see (their
 * read marker, their membership, their own reaction). Live events are executed once for everyone
 * sharing a permission view; an operation that selects such a field is executed per subscriber.
 */
export const Personal = (): MethodDecorator & PropertyDecorator => Extensions({ personal: true });

/** Per document (DocumentCache hands out one object per query string): does it select a personal field? */
const selectsPersonal = new WeakMap<DocumentNode, boolean>();

export function isPersonal(schema: GraphQLSchema, document: DocumentNode): boolean {
  let personal = selectsPersonal.get(document);
  if (personal === undefined) {
    personal = false;
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field() {
          if (typeInfo.getFieldDef()?.extensions.personal === true) personal = true;
        },
      }),
    );
    selectsPersonal.set(document, personal);
  }
  return personal;
}

/** What a shared execution's key adds: nothing, or the caller for an operation with personal fields. */
export function personalScope(schema: GraphQLSchema, document: DocumentNode, userId: string | undefined): string {
  return isPersonal(schema, document) ? `\0user:${userId ?? ''}` : '';
}
