// Scenario: one partner's service is down. The gateway still answers with the other partners' data, because
// every field a subgraph contributes to an entity another subgraph hands out is nullable wherever a failure of
// that subgraph would otherwise null the entity and, through non-null parents, a whole list (people, a
// household's members, a site's residents, the indicators report). Read from the committed subgraph SDLs: a
// field served by only some of the subgraphs that know its type must be nullable, unless every place the
// other subgraphs return that type is nullable itself (then only that reference goes null).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FieldDefinitionNode, Kind, ObjectTypeDefinitionNode, parse, TypeNode } from "graphql";
import { SUBGRAPH_NAMES } from "@reception-graph/kit";

const schemaDir = join(__dirname, "..", "..", "schema");

interface Field {
  subgraph: string;
  type: string;
  node: FieldDefinitionNode;
}

function namedType(t: TypeNode): string {
  return t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type);
}

/** Whether a null in one item (or the whole value) stops here instead of nulling the parent. */
function absorbsNull(t: TypeNode): boolean {
  if (t.kind !== Kind.NON_NULL_TYPE) return true;
  return t.type.kind === Kind.LIST_TYPE && t.type.type.kind !== Kind.NON_NULL_TYPE;
}

const hidden = (f: FieldDefinitionNode) =>
  (f.directives ?? []).some((d) => d.name.value === "inaccessible" || d.name.value === "external");

/** Every object field of every subgraph, federation's own plumbing and fields hidden from the public graph aside. */
function subgraphFields(): Field[] {
  return SUBGRAPH_NAMES.flatMap((subgraph) =>
    parse(readFileSync(join(schemaDir, `${subgraph}.graphql`), "utf8"))
      .definitions.filter(
        (d): d is ObjectTypeDefinitionNode =>
          d.kind === Kind.OBJECT_TYPE_DEFINITION || (d.kind as string) === Kind.OBJECT_TYPE_EXTENSION,
      )
      .flatMap((d) =>
        (d.fields ?? [])
          .filter((f) => !hidden(f) && !f.name.value.startsWith("_"))
          .map((node) => ({ subgraph, type: d.name.value, node })),
      ),
  );
}

/** Fields that would null their entity (and beyond) when the subgraph serving them does not answer. */
function partialAnswerBreakers(): string[] {
  const fields = subgraphFields();
  const typeSubgraphs = new Map<string, Set<string>>();
  for (const f of fields) typeSubgraphs.set(f.type, (typeSubgraphs.get(f.type) ?? new Set()).add(f.subgraph));
  const breakers = new Set<string>();
  for (const f of fields) {
    if (f.node.type.kind !== Kind.NON_NULL_TYPE) continue;
    const servedBy = new Set(
      fields.filter((g) => g.type === f.type && g.node.name.value === f.node.name.value).map((g) => g.subgraph),
    );
    for (const other of typeSubgraphs.get(f.type) ?? []) {
      if (servedBy.has(other)) continue;
      // A subgraph that returns this type from a non-null place: the gateway must ask f of another subgraph.
      const strict = fields.filter(
        (g) => g.subgraph === other && namedType(g.node.type) === f.type && !absorbsNull(g.node.type),
      );
      for (const g of strict)
        breakers.add(
          `${f.type}.${f.node.name.value} (${[...servedBy].join(",")}), reached via ${g.type}.${g.node.name.value} (${other})`,
        );
    }
  }
  return [...breakers].sort();
}

test("the rule sees the subgraphs' entities (a lower bound: Person is known to all four)", () => {
  const persons = new Set(
    subgraphFields()
      .filter((f) => f.type === "Person")
      .map((f) => f.subgraph),
  );
  expect(persons.size).toBe(4);
  expect(subgraphFields().length).toBeGreaterThan(500);
});

test("no field one subgraph contributes to another's entity can null the entity when that subgraph is down", () => {
  expect(partialAnswerBreakers()).toEqual([]);
});
