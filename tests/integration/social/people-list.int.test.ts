// The people list filters by household, age range and registration date; scoped roles get only their own people (none without a peer).
import { socialSubgraph } from "@reception-graph/social";
import { todayInBrussels } from "@reception-graph/kit";
import { errorCodes } from "../../support/graphql";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { ok, registerHousehold } from "./social-fixtures";

let sg: RunningSubgraph;
let family: { householdId: string; memberIds: string[] };
/** A birth date that makes the person exactly `age` today, whatever the day the tests run. */
const bornYearsAgo = (age: number) => `${Number(todayInBrussels().slice(0, 4)) - age}-01-01`;
beforeAll(async () => {
  sg = await startSubgraph(socialSubgraph);
  family = await registerHousehold(sg, [
    { givenName: "Svitlana", familyName: "Romanenko", birthDate: bornYearsAgo(46), sex: "FEMALE" },
    { givenName: "Bohdan", familyName: "Romanenko", birthDate: bornYearsAgo(15), sex: "MALE" },
    { givenName: "Marta", familyName: "Romanenko", birthDate: bornYearsAgo(3), sex: "FEMALE" },
  ]);
  await registerHousehold(sg, [{ givenName: "Ihor", familyName: "Savchuk", birthDate: bornYearsAgo(76), sex: "MALE" }]);
});
afterAll(async () => {
  await sg?.stop();
});

const LIST = `query L($f: PersonFilter, $first: Int, $after: String) { people(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id givenName } } } }`;
const names = (data: any) => data.people.edges.map((e: any) => e.node.givenName).sort();

test("filters: household, age range, registration date; paging", async () => {
  expect(names(ok(await sg.query(LIST, { f: { householdId: family.householdId } })))).toEqual([
    "Bohdan",
    "Marta",
    "Svitlana",
  ]);
  expect(names(ok(await sg.query(LIST, { f: { ageFrom: 5, ageTo: 17 } })))).toEqual(["Bohdan"]);
  expect(names(ok(await sg.query(LIST, { f: { ageFrom: 60 } })))).toEqual(["Ihor"]);
  const today = todayInBrussels();
  expect(ok(await sg.query(LIST, { f: { registeredFrom: today, registeredTo: today } })).people.totalCount).toBe(4);
  expect(ok(await sg.query(LIST, { f: { registeredTo: "2022-03-01" } })).people.totalCount).toBe(0);
  const page1 = ok(await sg.query(LIST, { first: 3 })).people;
  expect(page1.pageInfo.hasNextPage).toBe(true);
  const page2 = ok(await sg.query(LIST, { first: 3, after: page1.pageInfo.endCursor })).people;
  expect(page2.edges).toHaveLength(1);
  const bad = await sg.query(LIST, { f: { ageFrom: 10, ageTo: 5 } });
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("filter.ageTo");
});

test("a scoped role's list needs the peer that holds its scope: with none answering, an error names it (never an empty list)", async () => {
  const res = await sg.query(LIST, {}, { roles: ["SCHOOL_STAFF"], schools: ["school-1"] }, "ENROLMENT");
  expect(errorCodes(res)).toEqual(["UNAVAILABLE"]);
  expect(res.errors![0].message).toMatch(/education service is not answering/);
  expect(res.data?.people ?? null).toBeNull();
  const analyst = await sg.query(LIST, {}, { roles: ["ANALYST"] }, "REPORTING");
  expect(errorCodes(analyst)).toEqual(["FORBIDDEN"]);
});
