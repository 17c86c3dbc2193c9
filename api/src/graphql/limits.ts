import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/** A list field costs its page size times its children: `members(first: 1000) { user { ... } }` is not cheap. */
const pagedListEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = [args.first, args.limit].find((v): v is number => typeof v === 'number');
  return size === undefined ? undefined : 1 + size * Math.max(childComplexity, 1);
};

function depthOf(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!selectionSet) return 0;
  let max = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      max = Math.max(max, selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, seen) : 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(selection.selectionSet, fragments, seen));
    } else if (!seen.has(selection.name.value)) {
      const fragment = fragments.get(selection.name.value);
      max = Math.max(max, depthOf(fragment?.selectionSet, fragments, new Set([...seen, selection.name.value])));
    }
  }
  return max;
}

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

/** Refuses operations nested deeper or costing more than the configured limits (BAD_USER_INPUT). */
export function assertWithinLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  limits: QueryLimits,
): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const depth = depthOf(def.selectionSet, fragments, new Set());
    if (depth > limits.maxDepth) {
      throw new GraphQLError(`Query is nested ${depth} levels deep; the limit is ${limits.maxDepth}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  }
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [pagedListEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // Variables that do not fit the operation: execution reports that precisely, as BAD_USER_INPUT.
    return;
  }
  if (complexity > limits.maxComplexity) {
    throw new GraphQLError(`Query complexity ${complexity} exceeds the limit of ${limits.maxComplexity}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
}
