// Query depth counts nested fields through fragments and inline fragments, and ignores introspection.
import { FragmentDefinitionNode, getIntrospectionQuery, OperationDefinitionNode, parse } from "graphql";
import { operationDepth } from "../../gateway/src/query-depth";

function depth(source: string): number {
  const doc = parse(source);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
  const fragments = Object.fromEntries(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === "FragmentDefinition")
      .map((d) => [d.name.value, d]),
  );
  return operationDepth(op, fragments);
}

test("fields count one level each, fragments add their own depth", () => {
  expect(depth(`{ person(id: "x") { givenName } }`)).toBe(2);
  expect(depth(`{ people { edges { node { household { members { placement { site { name } } } } } } } }`)).toBe(8);
  expect(depth(`query { person(id: "x") { ...P } } fragment P on Person { household { members { id } } }`)).toBe(4);
  expect(depth(`{ person(id: "x") { ... on Person { placement { site { id } } } } }`)).toBe(4);
});

test("the explorer's introspection query counts as nothing", () => {
  expect(depth(getIntrospectionQuery())).toBe(0);
});
