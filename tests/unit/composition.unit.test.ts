// The committed schema/ files are exactly what a fresh composition of the subgraphs produces, and composition reports no errors.
import { composeServices } from "@apollo/composition";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "graphql";
import { composeSupergraph, SCHEMA_DIR } from "../../scripts/compose";

const committed = (file: string) => readFileSync(join(SCHEMA_DIR, file), "utf8");

test("the committed supergraph equals a fresh composition (run npm run schema:compose when this fails)", async () => {
  const fresh = await composeSupergraph();
  expect(fresh.subgraphs.map((s) => s.name)).toEqual(["social", "housing", "care", "education"]);
  for (const s of fresh.subgraphs) expect(committed(`${s.name}.graphql`)).toBe(s.sdl);
  expect(committed("supergraph.graphql")).toBe(fresh.supergraphSdl);
});

test("composition errors are reported, not swallowed", () => {
  // Two subgraphs that disagree on a field's type cannot compose.
  const result = composeServices([
    { name: "a", url: "http://a", typeDefs: parse(`type Query { x: Int }`) },
    { name: "b", url: "http://b", typeDefs: parse(`type Query { x: String }`) },
  ]);
  expect(result.errors?.length).toBeGreaterThan(0);
});
