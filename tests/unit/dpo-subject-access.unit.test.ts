// Scenario: the subject-access export's one operation is generated from the public schema's Person type. It
// selects every field of the person from all four subgraphs, never another Person and only a household's ID,
// and the fields it marks special category are exactly the Person fields the subgraphs declare HEALTH.
import { Supergraph } from "@apollo/federation-internals";
import { effectiveDeclaration } from "@reception-graph/kit";
import { getNamedType, isObjectType, Kind, OperationDefinitionNode, parse, SelectionSetNode, visit } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SPECIAL_CATEGORY_FIELDS, subjectAccessOperation } from "../../gateway/src/dpo/subject-access";
import { ALL_SUBGRAPHS } from "../../scripts/subgraphs";

const supergraph = readFileSync(join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8");
const apiSchema = Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema();

function rootSelection(): SelectionSetNode {
  const doc = parse(subjectAccessOperation(apiSchema));
  const op = doc.definitions[0] as OperationDefinitionNode;
  const person = op.selectionSet.selections[0];
  if (person.kind !== Kind.FIELD || !person.selectionSet) throw new Error("no person selection");
  return person.selectionSet;
}

test("every Person field without required arguments is selected", () => {
  const selected = rootSelection().selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : ""));
  const person = apiSchema.getType("Person");
  if (!isObjectType(person)) throw new Error("no Person");
  const expected = Object.values(person.getFields())
    .filter((f) => !f.args.some((a) => a.type.toString().endsWith("!")))
    .filter((f) => getNamedType(f.type).name !== "Person")
    .map((f) => f.name);
  expect(selected.sort()).toEqual(expected.sort());
  // Fields of all four subgraphs are among them.
  expect(selected).toEqual(expect.arrayContaining(["givenName", "placement", "careContacts", "enrolments"]));
});

test("no other Person is selected below the root, and a household gives only its ID", () => {
  const doc = parse(subjectAccessOperation(apiSchema));
  const names: string[] = [];
  visit(doc, {
    Field(node) {
      names.push(node.name.value);
      if (node.name.value === "household") {
        expect(node.selectionSet?.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : ""))).toEqual(["id"]);
      }
    },
  });
  // The root field is the one person.
  expect(names.filter((n) => n === "person")).toHaveLength(1);
  for (const field of ["possibleDuplicates", "members", "formerMembers", "waitingList", "occupied"]) {
    expect(names).not.toContain(field);
  }
});

test("the special-category section holds exactly the Person fields the subgraphs declare HEALTH", async () => {
  const health = new Set<string>();
  for (const module of ALL_SUBGRAPHS) {
    const schema = await module.buildSchema();
    const person = schema.getType("Person");
    if (!isObjectType(person)) continue;
    for (const name of Object.keys(person.getFields())) {
      if (effectiveDeclaration(person, name)?.category === "HEALTH") health.add(name);
    }
  }
  expect([...health].sort()).toEqual([...SPECIAL_CATEGORY_FIELDS].sort());
});
