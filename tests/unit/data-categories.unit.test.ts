// Scenario: a reviewer adds a field to any subgraph. Every field of every type the subgraphs serve states
// its data category (access.md) or states that it reveals nothing about a person, in one way across the
// four subgraphs; a field that hands out something about people (a person-bearing type, a list or a page
// of them) cannot be declared non-personal. The declarations are read from the built schemas, where the
// checks and the audit follow from them.
import { declarationOf, effectiveDeclaration, SubgraphModule } from "@reception-graph/kit";
import { getNamedType, GraphQLObjectType, GraphQLSchema, isObjectType } from "graphql";
import { ALL_SUBGRAPHS } from "../../scripts/subgraphs";

/** Federation's own plumbing, which serves no data of ours. */
const FEDERATION = new Set(["Query._service", "Query._entities", "_Service.sdl"]);

function objectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter(
    (t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith("__"),
  );
}

/**
 * A type that carries personal data: declared so as a whole, or (declared
 * field by field, like Person) with some personal field. A type declared
 * non-personal as a whole (a site) guards its few personal fields one by one.
 */
function personBearing(type: GraphQLObjectType): boolean {
  const own = declarationOf(type.extensions);
  if (own) return own.category !== "NONE" && own.category !== "AGGREGATES";
  return Object.keys(type.getFields()).some((f) => {
    const d = effectiveDeclaration(type, f);
    return !!d && d.category !== "NONE" && d.category !== "AGGREGATES";
  });
}

const built = new Map<string, GraphQLSchema>();
beforeAll(async () => {
  for (const module of ALL_SUBGRAPHS as SubgraphModule[]) built.set(module.name, await module.buildSchema());
});

describe.each(ALL_SUBGRAPHS.map((m) => m.name))("%s", (name) => {
  test("every field declares its data category (or that it reveals nothing about a person)", () => {
    const schema = built.get(name)!;
    const undeclared: string[] = [];
    for (const type of objectTypes(schema)) {
      for (const field of Object.keys(type.getFields())) {
        const path = `${type.name}.${field}`;
        if (!FEDERATION.has(path) && !effectiveDeclaration(type, field)) undeclared.push(path);
      }
    }
    expect(undeclared).toEqual([]);
  });

  test("a field handing out a person-bearing type is not declared non-personal", () => {
    const schema = built.get(name)!;
    const wrong: string[] = [];
    for (const type of objectTypes(schema)) {
      for (const [field, def] of Object.entries(type.getFields())) {
        const target = getNamedType(def.type);
        const declaration = effectiveDeclaration(type, field);
        if (isObjectType(target) && personBearing(target) && declaration?.category === "NONE") {
          wrong.push(`${type.name}.${field}: ${target.name}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test("non-personal declarations say why", () => {
    const schema = built.get(name)!;
    const silent: string[] = [];
    for (const type of objectTypes(schema)) {
      const own = declarationOf(type.extensions);
      if (own?.category === "NONE" && !own.reason) silent.push(type.name);
      for (const [field, def] of Object.entries(type.getFields())) {
        const d = declarationOf(def.extensions);
        if (d?.category === "NONE" && !d.reason) silent.push(`${type.name}.${field}`);
      }
    }
    expect(silent).toEqual([]);
  });
});

test("the person-bearing types of the graph are recognised as such (the check above has teeth)", () => {
  const social = built.get("social")!;
  for (const t of ["Person", "Household", "CaseFile"]) {
    expect(personBearing(social.getType(t) as GraphQLObjectType)).toBe(true);
  }
  expect(personBearing(built.get("care")!.getType("Referral") as GraphQLObjectType)).toBe(true);
  expect(personBearing(built.get("housing")!.getType("Placement") as GraphQLObjectType)).toBe(true);
  expect(personBearing(built.get("education")!.getType("Enrolment") as GraphQLObjectType)).toBe(true);
});
