// registerHousehold through the gateway: bad input is BAD_USER_INPUT naming the field and writes nothing; an idempotency key creates once.
import { errorCodes } from "../support/graphql";
import { RunningGraph, startGraph } from "../support/graph";

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.stop();
});

const REGISTER = `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`;
const valid = {
  givenName: "Iryna",
  familyName: "Bondarenko",
  birthDate: "1987-02-11",
  sex: "FEMALE",
  languages: ["uk"],
};

async function rows(): Promise<{ people: number; households: number }> {
  const [r] = await graph.dataSources.social.query(
    `SELECT (SELECT COUNT(*) FROM person)::int AS people, (SELECT COUNT(*) FROM household)::int AS households`,
  );
  return r;
}

test.each([
  ["no members", { members: [] }, "input.members", /at least one member/],
  [
    "a blank given name",
    { members: [valid, { ...valid, givenName: "  " }] },
    "input.members[1].givenName",
    /givenName/,
  ],
  [
    "a birth date in the future",
    { members: [{ ...valid, birthDate: "2999-01-01" }] },
    "input.members[0].birthDate",
    /2999-01-01/,
  ],
  [
    "a language that is not ISO 639-1",
    { members: [{ ...valid, languages: ["ukrainian"] }] },
    "input.members[0].languages[0]",
    /ukrainian/,
  ],
])("%s: BAD_USER_INPUT on the field, nothing written", async (_case, input, field, message) => {
  const before = await rows();
  const res = await graph.query(REGISTER, { input });
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe(field);
  expect(res.errors![0].message).toMatch(message);
  expect(await rows()).toEqual(before);
});

test("a sex outside the enum and a malformed date are refused before anything runs", async () => {
  const before = await rows();
  const sex = await graph.query(REGISTER, { input: { members: [{ ...valid, sex: "WOMAN" }] } });
  expect(errorCodes(sex)).toEqual(["BAD_USER_INPUT"]);
  expect(sex.errors![0].extensions!.field).toBe("input.members[0].sex");
  expect(sex.errors![0].message).toMatch(/WOMAN/);
  const date = await graph.query(REGISTER, { input: { members: [{ ...valid, birthDate: "11/02/1987" }] } });
  expect(errorCodes(date)).toEqual(["BAD_USER_INPUT"]);
  expect(date.errors![0].message).toMatch(/11\/02\/1987/);
  expect(await rows()).toEqual(before);
});

test("the same idempotency key returns the first household, also when ten calls arrive together", async () => {
  const input = {
    idempotencyKey: "desk-3-2026-11-23-bondarenko",
    members: [valid, { ...valid, givenName: "Taras", birthDate: "2015-06-01", sex: "MALE" }],
  };
  const before = await rows();
  const results = await Promise.all(Array.from({ length: 10 }, () => graph.query(REGISTER, { input })));
  for (const r of results) expect(r.errors).toBeUndefined();
  const ids = new Set(results.map((r) => r.data.registerHousehold.id));
  expect(ids.size).toBe(1);
  const again = await graph.query(REGISTER, { input });
  expect(again.data.registerHousehold.id).toBe([...ids][0]);
  expect(await rows()).toEqual({ people: before.people + 2, households: before.households + 1 });
});

test("the same idempotency key with other members is a CONFLICT and writes nothing", async () => {
  await graph.query(REGISTER, { input: { idempotencyKey: "desk-3-key-reuse", members: [valid] } });
  const before = await rows();
  const res = await graph.query(REGISTER, {
    input: { idempotencyKey: "desk-3-key-reuse", members: [{ ...valid, givenName: "Olha" }] },
  });
  expect(errorCodes(res)).toEqual(["CONFLICT"]);
  expect(res.errors![0].message).toMatch(/desk-3-key-reuse/);
  expect(await rows()).toEqual(before);
});
