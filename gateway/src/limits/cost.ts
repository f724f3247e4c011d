import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLSchema,
  isListType,
  isAbstractType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  parse,
  SelectionSetNode,
  ValueNode,
  valueFromASTUntyped,
  GraphQLCompositeType,
  GraphQLObjectType,
  isInterfaceType,
  ConstDirectiveNode,
} from "graphql";

/**
 * The cost of an operation: what the gateway and the subgraphs will have to produce for it, counted
 * before anything runs. graphql-armor's cost-limit is not used: it reads `first` only when written as a
 * literal (so `first: $n` escapes it), knows nothing of the schema (a list without `first` counts as one
 * object) and cannot see which fields cross from one subgraph to another, which is what turned 100
 * aliases of `people(first: 100)` into socket hang-ups. This rule reads the supergraph instead.
 *
 * - every field costs 1, times the number of times it will be produced: the product of the page sizes
 *   (`first` or `last`, from the literal, the variable's value, its default, or the argument's default;
 *   else the subgraphs' default page of 50) and, for a plain list without `first`, `listSize`;
 * - a field that another subgraph resolves than the one that produced its parent (an entity hop: the
 *   gateway sends those objects' keys to that subgraph) costs `hopCost` more per object crossing.
 *
 * The `edges` and `nodes` of a connection are not multiplied again: the connection's `first` counted them.
 */
export interface CostWeights {
  /** Objects assumed in a list that takes no `first` (a household's members, a person's referrals). */
  listSize: number;
  /** Extra cost per object that crosses to another subgraph. */
  hopCost: number;
  /** Page size assumed when a paginated field is asked without `first` (the subgraphs' default page). */
  defaultPage: number;
}

export const DEFAULT_COST_WEIGHTS: CostWeights = { listSize: 10, hopCost: 5, defaultPage: 50 };

export interface OperationCost {
  cost: number;
  /** Objects that cross from one subgraph to another (entity fetches, counted per object). */
  hops: number;
}

/** Which subgraphs resolve each field (`Type.field`), and which define each type, from the supergraph's join directives. */
export interface SubgraphMap {
  types: Map<string, Set<string>>;
  fields: Map<string, Set<string>>;
}

function graphArgument(directive: ConstDirectiveNode): string | null {
  const graph = directive.arguments?.find((a) => a.name.value === "graph");
  return graph?.value.kind === Kind.ENUM ? graph.value.value : null;
}

/** Reads `@join__type` and `@join__field` of the supergraph SDL. */
export function subgraphMapOf(supergraphSdl: string): SubgraphMap {
  const types = new Map<string, Set<string>>();
  const fields = new Map<string, Set<string>>();
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeGraphs = types.get(def.name.value) ?? new Set<string>();
    for (const d of def.directives ?? []) {
      const graph = d.name.value === "join__type" ? graphArgument(d) : null;
      if (graph) typeGraphs.add(graph);
    }
    types.set(def.name.value, typeGraphs);
    for (const field of def.fields ?? []) {
      const graphs = new Set<string>();
      for (const d of field.directives ?? []) {
        if (d.name.value !== "join__field") continue;
        const external = d.arguments?.find((a) => a.name.value === "external");
        if (external?.value.kind === Kind.BOOLEAN && external.value.value) continue;
        const graph = graphArgument(d);
        if (graph) graphs.add(graph);
      }
      // Without @join__field, every subgraph defining the type resolves the field.
      fields.set(`${def.name.value}.${field.name.value}`, graphs.size ? graphs : typeGraphs);
    }
  }
  return { types, fields };
}

const PAGE_ARGUMENTS = ["first", "last"];
const CONNECTION_LISTS = new Set(["edges", "nodes"]);

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a].filter((x) => b.has(x)));
}

/**
 * Counts the cost of one operation of a document, with the request's variables. Introspection fields
 * (`__schema`, `__type`) cost nothing here: the gateway answers them itself.
 */
export function operationCost(
  schema: GraphQLSchema,
  subgraphs: SubgraphMap,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  weights: CostWeights = DEFAULT_COST_WEIGHTS,
): OperationCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const variableDefaults = new Map<string, unknown>();
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue) variableDefaults.set(v.variable.name.value, valueFromASTUntyped(v.defaultValue));
  }
  const valueOf = (node: ValueNode): unknown => {
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      return name in variables ? variables[name] : variableDefaults.get(name);
    }
    return valueFromASTUntyped(node);
  };
  let hops = 0;

  const pageSize = (field: FieldNode, parent: GraphQLCompositeType): number | null => {
    const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[field.name.value] : null;
    const declared = definition?.args.find((a) => PAGE_ARGUMENTS.includes(a.name));
    if (!declared) return null;
    let size: unknown;
    for (const name of PAGE_ARGUMENTS) {
      const given = field.arguments?.find((a) => a.name.value === name);
      if (given) size = valueOf(given.value);
    }
    size ??= definition?.args.find(
      (a) => PAGE_ARGUMENTS.includes(a.name) && a.defaultValue !== undefined,
    )?.defaultValue;
    return typeof size === "number" && Number.isFinite(size) && size >= 0 ? size : weights.defaultPage;
  };

  /** The concrete types a selection on `type` may be resolved as (for the subgraphs that resolve them). */
  const graphsOfType = (type: GraphQLCompositeType): Set<string> => {
    const names = isAbstractType(type) ? schema.getPossibleTypes(type).map((t) => t.name) : [type.name];
    return new Set(names.flatMap((n) => [...(subgraphs.types.get(n) ?? [])]));
  };

  const costOf = (
    set: SelectionSetNode,
    type: GraphQLCompositeType,
    multiplier: number,
    current: ReadonlySet<string> | null,
    paged: boolean,
    seen: ReadonlySet<string>,
  ): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const cond = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        total += costOf(
          selection.selectionSet,
          (cond as GraphQLCompositeType) ?? type,
          multiplier,
          current,
          paged,
          seen,
        );
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment spread inside itself is invalid GraphQL, refused by validation; do not loop on it.
        if (!fragment || seen.has(name)) continue;
        const cond = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
        total += costOf(fragment.selectionSet, cond ?? type, multiplier, current, paged, new Set([...seen, name]));
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith("__")) continue;
      const fieldDef =
        isObjectType(type) || isInterfaceType(type) ? (type as GraphQLObjectType).getFields()[name] : undefined;
      if (!fieldDef) continue;
      const owners = isAbstractType(type)
        ? new Set(schema.getPossibleTypes(type).flatMap((t) => [...(subgraphs.fields.get(`${t.name}.${name}`) ?? [])]))
        : (subgraphs.fields.get(`${type.name}.${name}`) ?? new Set<string>());
      const crosses = current !== null && owners.size > 0 && intersect(owners, current).size === 0;
      if (crosses) hops += multiplier;
      total += multiplier * (1 + (crosses ? weights.hopCost : 0));
      if (!selection.selectionSet) continue;
      const target = getNamedType(fieldDef.type) as GraphQLCompositeType;
      const page = pageSize(selection, type);
      const isList = isListType(getNullableType(fieldDef.type));
      let inner = multiplier;
      if (page !== null) inner *= page;
      else if (isList && !(paged && CONNECTION_LISTS.has(name))) inner *= weights.listSize;
      // Where the field was resolved, its object's own fields are resolved too when that subgraph has them.
      const here = current === null || crosses ? owners : owners.size ? intersect(owners, current) : current;
      const next = intersect(here.size ? here : owners, graphsOfType(target));
      total += costOf(
        selection.selectionSet,
        target,
        inner,
        next.size ? next : graphsOfType(target),
        page !== null || (paged && CONNECTION_LISTS.has(name)),
        seen,
      );
    }
    return total;
  };

  const root =
    operation.operation === "mutation"
      ? schema.getMutationType()
      : operation.operation === "subscription"
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return { cost: 0, hops: 0 };
  const cost = costOf(operation.selectionSet, root, 1, null, false, new Set());
  return { cost: Math.round(cost), hops };
}
