import { FragmentDefinitionNode, OperationDefinitionNode, SelectionSetNode } from "graphql";

/**
 * How deep an operation nests fields, following fragments; introspection
 * fields (`__schema`, `__type`) are not counted, so the explorer's schema query passes.
 */
export function operationDepth(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): number {
  const depthOf = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const selection of set.selections) {
      if (selection.kind === "Field") {
        if (selection.name.value.startsWith("__")) continue;
        max = Math.max(max, 1 + depthOf(selection.selectionSet, seen));
      } else if (selection.kind === "InlineFragment") {
        max = Math.max(max, depthOf(selection.selectionSet, seen));
      } else {
        const name = selection.name.value;
        // A fragment spread inside itself is invalid GraphQL, refused by validation; do not loop on it.
        if (seen.has(name)) continue;
        max = Math.max(max, depthOf(fragments[name]?.selectionSet, new Set([...seen, name])));
      }
    }
    return max;
  };
  return depthOf(operation.selectionSet, new Set());
}
