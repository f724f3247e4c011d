// A household registered through the gateway can be read back, and the read is audited.
import { startGraph, RunningGraph } from "../support/graph";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.stop();
});

test("register then read a household through the gateway", async () => {
  const reg = await graph.query(
    `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id composition members { id givenName birthYear } } }`,
    { input: { members: [{ givenName: "Olena", familyName: "Shevchenko", birthDate: "1985-05-01", sex: "FEMALE" }] } },
  );
  expect(reg.errors).toBeUndefined();
  expect(reg.data.registerHousehold.composition).toBe("SINGLE_WOMAN");
  const id = reg.data.registerHousehold.members[0].id;
  const read = await graph.query(`query P($id: ID!) { person(id: $id) { givenName familyName birthDate } }`, { id });
  expect(read.errors).toBeUndefined();
  expect(read.data.person).toEqual({ givenName: "Olena", familyName: "Shevchenko", birthDate: "1985-05-01" });
  const rows = await graph.dataSources.social.query(
    `SELECT category, fields, outcome, purpose FROM ${AUDIT_LINES} WHERE person_id = $1 AND action = 'READ'`,
    [id],
  );
  expect(rows.length).toBeGreaterThan(0);
});
