// Households: composition derived from members, births, arrivals and departures with history, duplicate detection, _entities;
// an idempotency key belongs to its caller, so another caller's same key creates their own household.
import { queryCount } from "@reception-graph/kit";
import { socialSubgraph } from "@reception-graph/social";
import { errorCodes } from "../../support/graphql";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { OCMW_ADMIN, ok, registerHousehold } from "./social-fixtures";
import { letters } from "../../support/names";

let sg: RunningSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(socialSubgraph);
});
afterAll(async () => {
  await sg?.stop();
});

const HOUSEHOLD = `query H($id: ID!) { household(id: $id) {
  composition members { givenName } formerMembers { givenName leftHouseholdOn }
  membershipHistory { kind date recordedBy } } }`;

test("a single woman's household becomes a FAMILY at a birth; arrivals and departures are kept as history", async () => {
  const { householdId, memberIds } = await registerHousehold(sg, [
    {
      givenName: "Tetiana",
      familyName: "Melnyk",
      birthDate: "1992-02-11",
      sex: "FEMALE",
      certificateNumber: "UA-TP-100",
    },
  ]);
  expect(ok(await sg.query(HOUSEHOLD, { id: householdId })).household.composition).toBe("SINGLE_WOMAN");

  const born = ok(
    await sg.query(
      `mutation A($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { id household { id composition } } }`,
      {
        input: {
          householdId,
          reason: "BIRTH",
          member: {
            givenName: "Sofiia",
            familyName: "Melnyk",
            birthDate: "2026-10-02",
            sex: "FEMALE",
            languages: ["uk"],
          },
        },
      },
    ),
  ).addHouseholdMember;
  expect(born.household).toEqual({ id: householdId, composition: "FAMILY" });

  const arrived = ok(
    await sg.query(`mutation A($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { id } }`, {
      input: {
        householdId,
        reason: "ARRIVAL",
        date: "2026-11-02",
        member: { givenName: "Andrii", familyName: "Melnyk", birthDate: "1990-05-30", sex: "MALE" },
      },
    }),
  ).addHouseholdMember;

  ok(
    await sg.query(`mutation D($input: RecordDepartureInput!) { recordHouseholdDeparture(input: $input) { id } }`, {
      input: { personId: arrived.id, date: "2026-11-10", note: "Moved to Antwerp for work" },
    }),
  );
  const h = ok(await sg.query(HOUSEHOLD, { id: householdId })).household;
  expect(h.composition).toBe("FAMILY");
  expect(h.members.map((m: any) => m.givenName).sort()).toEqual(["Sofiia", "Tetiana"]);
  expect(h.formerMembers).toEqual([{ givenName: "Andrii", leftHouseholdOn: "2026-11-10" }]);
  expect(h.membershipHistory.filter((e: any) => e.kind !== "REGISTERED").map((e: any) => [e.kind, e.date])).toEqual([
    ["BIRTH", "2026-10-02"],
    ["ARRIVAL", "2026-11-02"],
    ["DEPARTURE", "2026-11-10"],
  ]);
  expect(h.membershipHistory.filter((e: any) => e.kind === "REGISTERED")).toHaveLength(1);
  expect(h.membershipHistory.every((e: any) => ["admin-lien", "user-social_worker"].includes(e.recordedBy))).toBe(true);

  // Leaving twice, or the last member leaving, is refused.
  const again = await sg.query(
    `mutation D($input: RecordDepartureInput!) { recordHouseholdDeparture(input: $input) { id } }`,
    {
      input: { personId: arrived.id },
    },
  );
  expect(errorCodes(again)).toEqual(["CONFLICT"]);
  void memberIds;
});

test("a couple becomes SINGLE_MAN when the wife leaves; the last member cannot leave", async () => {
  const { memberIds } = await registerHousehold(sg, [
    { givenName: "Mykola", familyName: "Tkachenko", birthDate: "1958-09-09", sex: "MALE" },
    { givenName: "Liudmyla", familyName: "Tkachenko", birthDate: "1960-03-03", sex: "FEMALE" },
  ]);
  const left = ok(
    await sg.query(
      `mutation D($input: RecordDepartureInput!) { recordHouseholdDeparture(input: $input) { composition } }`,
      { input: { personId: memberIds[1], note: "Returned to Kharkiv" } },
    ),
  );
  expect(left.recordHouseholdDeparture.composition).toBe("SINGLE_MAN");
  const res = await sg.query(
    `mutation D($input: RecordDepartureInput!) { recordHouseholdDeparture(input: $input) { id } }`,
    {
      input: { personId: memberIds[0] },
    },
  );
  expect(errorCodes(res)).toEqual(["CONFLICT"]);
  expect(res.errors![0].message).toContain("last member");
});

test("both members of a couple leaving at the same moment: one leaves, the other is CONFLICT (no deadlock)", async () => {
  for (let round = 0; round < 5; round++) {
    const { householdId, memberIds } = await registerHousehold(sg, [
      { givenName: "Yurii", familyName: `Savchuk${letters(round)}`, birthDate: "1970-01-01", sex: "MALE" },
      { givenName: "Alla", familyName: `Savchuk${letters(round)}`, birthDate: "1972-02-02", sex: "FEMALE" },
    ]);
    const results = await Promise.all(
      memberIds.map((personId) =>
        sg.query(`mutation D($input: RecordDepartureInput!) { recordHouseholdDeparture(input: $input) { id } }`, {
          input: { personId },
        }),
      ),
    );
    expect(results.map((r) => errorCodes(r)).sort()).toEqual([[], ["CONFLICT"]]);
    expect(ok(await sg.query(HOUSEHOLD, { id: householdId })).household.members).toHaveLength(1);
  }
});

test("a birth without a birth date is BAD_USER_INPUT and writes nothing", async () => {
  const { householdId } = await registerHousehold(sg, [
    { givenName: "Iryna", familyName: "Kravets", birthDate: "1995-04-04", sex: "FEMALE" },
  ]);
  const res = await sg.query(
    `mutation A($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { id } }`,
    { input: { householdId, reason: "BIRTH", member: { givenName: "Baby", familyName: "Kravets", sex: "UNKNOWN" } } },
  );
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe("input.member.birthDate");
  expect(ok(await sg.query(HOUSEHOLD, { id: householdId })).household.members).toHaveLength(1);
});

test("a known certificate number is CONFLICT naming the existing person", async () => {
  const { memberIds } = await registerHousehold(sg, [
    {
      givenName: "Halyna",
      familyName: "Moroz",
      birthDate: "1970-01-15",
      sex: "FEMALE",
      certificateNumber: "UA-TP-777",
    },
  ]);
  const res = await sg.query(
    `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
    {
      input: { members: [{ givenName: "Galina", familyName: "Moroz", sex: "FEMALE", certificateNumber: "UA-TP-777" }] },
    },
  );
  expect(errorCodes(res)).toEqual(["CONFLICT"]);
  expect(res.errors![0].extensions!.existingId).toBe(memberIds[0]);
  expect(res.errors![0].message).toContain(memberIds[0]);
  const add = await sg.query(
    `mutation A($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { id } }`,
    {
      input: {
        householdId: (await registerHousehold(sg, [{ givenName: "Petro", familyName: "Moroz", sex: "MALE" }]))
          .householdId,
        reason: "ARRIVAL",
        member: { givenName: "Halyna", familyName: "Moroz", sex: "FEMALE", certificateNumber: "UA-TP-777" },
      },
    },
  );
  expect(errorCodes(add)).toEqual(["CONFLICT"]);
  expect(add.errors![0].extensions!.existingId).toBe(memberIds[0]);
});

test("the same name (in another spelling) and birth date gives a warning in the result", async () => {
  const first = await registerHousehold(sg, [
    { givenName: "Yuliia", familyName: "Savchenko", birthDate: "1988-08-08", sex: "FEMALE" },
  ]);
  const res = ok(
    await sg.query(
      `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) {
         id possibleDuplicates { member { givenName } existing { id } message } } }`,
      { input: { members: [{ givenName: "Yulia", familyName: "Savchenko", birthDate: "1988-08-08", sex: "FEMALE" }] } },
    ),
  ).registerHousehold;
  expect(res.possibleDuplicates).toHaveLength(1);
  expect(res.possibleDuplicates[0].existing.id).toBe(first.memberIds[0]);
  expect(res.possibleDuplicates[0].message).toContain(first.memberIds[0]);
  // A different birth date is a different person: no warning.
  const other = ok(
    await sg.query(
      `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { possibleDuplicates { message } } }`,
      {
        input: { members: [{ givenName: "Yuliia", familyName: "Savchenko", birthDate: "1990-08-08", sex: "FEMALE" }] },
      },
    ),
  ).registerHousehold;
  expect(other.possibleDuplicates).toEqual([]);
});

test("_entities resolves Person and Household references through loaders, unknown IDs as null", async () => {
  const { householdId, memberIds } = await registerHousehold(sg, [
    { givenName: "Vasyl", familyName: "Lysenko", birthDate: "1975-06-01", sex: "MALE" },
    { givenName: "Oksana", familyName: "Lysenko", birthDate: "1977-12-24", sex: "FEMALE" },
  ]);
  const res = ok(
    await sg.query(
      `query E($reps: [_Any!]!) { _entities(representations: $reps) {
         ... on Person { id givenName household { id } }
         ... on Household { id composition members { id } } } }`,
      {
        reps: [
          { __typename: "Person", id: memberIds[0] },
          { __typename: "Person", id: memberIds[1] },
          { __typename: "Household", id: householdId },
          { __typename: "Person", id: "00000000-0000-4000-8000-000000000000" },
        ],
      },
    ),
  );
  expect(res._entities[0]).toEqual({ id: memberIds[0], givenName: "Vasyl", household: { id: householdId } });
  expect(res._entities[1].givenName).toBe("Oksana");
  expect(res._entities[2].composition).toBe("FAMILY");
  expect(res._entities[2].members).toHaveLength(2);
  expect(res._entities[3]).toBeNull();
});

test("reading many households costs a constant number of queries (loaders, no N+1)", async () => {
  // The same names in each household: every member has possible duplicates, on the small page and the large one.
  for (let i = 0; i < 6; i++) {
    await registerHousehold(sg, [
      { givenName: "Anna", familyName: "Boiko", birthDate: "1980-01-01", sex: "FEMALE" },
      { givenName: "Ivan", familyName: "Boiko", birthDate: "2012-01-01", sex: "MALE" },
    ]);
  }
  const q = `query($n: Int) { people(first: $n) { edges { node { id givenName household { composition members { id }
    caseFile { id } } support { id } possibleDuplicates { id } } } } }`;
  const before = queryCount(sg.db.dataSource);
  ok(await sg.query(q, { n: 4 }));
  const few = queryCount(sg.db.dataSource) - before;
  const mid = queryCount(sg.db.dataSource);
  ok(await sg.query(q, { n: 20 }));
  const many = queryCount(sg.db.dataSource) - mid;
  expect(many).toBe(few);
});

test("the same idempotency key from a second caller creates a second household and never returns the first", async () => {
  const REGISTER = `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { givenName } } }`;
  const input = {
    idempotencyKey: "desk-1-2026-11-24-hnatiuk",
    members: [{ givenName: "Vira", familyName: "Hnatiuk", birthDate: "1979-08-08", sex: "FEMALE" }],
  };
  const first = ok(await sg.query(REGISTER, { input }, OCMW_ADMIN)).registerHousehold;
  const again = ok(await sg.query(REGISTER, { input }, OCMW_ADMIN)).registerHousehold;
  expect(again.id).toBe(first.id);

  const other = { sub: "admin-marc", roles: ["OCMW_ADMIN" as const] };
  const second = ok(await sg.query(REGISTER, { input }, other)).registerHousehold;
  expect(second.id).not.toBe(first.id);
  expect(ok(await sg.query(REGISTER, { input }, other)).registerHousehold.id).toBe(second.id);

  const keys = await sg.db.dataSource.query(
    `SELECT subject, result_id FROM idempotency_key WHERE key = $1 ORDER BY subject`,
    [input.idempotencyKey],
  );
  expect(keys).toEqual([
    { subject: "admin-lien", result_id: first.id },
    { subject: "admin-marc", result_id: second.id },
  ]);
  const [{ n }] = await sg.db.dataSource.query(`SELECT count(*)::int AS n FROM person WHERE family_name = 'Hnatiuk'`);
  expect(n).toBe(2);
});

test("a registration entered later keeps its day; a future day or one before the first arrivals is refused and writes nothing", async () => {
  // Scenario: the desk's paper forms of last week are typed in today: the day of registration is the form's.
  const REGISTER = `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) {
    id members { id registeredAt } membershipHistory { kind date } } }`;
  const member = { givenName: "Oksana", familyName: "Paperform", birthDate: "1990-01-01", sex: "FEMALE" };
  const h = ok(
    await sg.query(REGISTER, { input: { members: [member], registeredOn: "2022-03-10" } }),
  ).registerHousehold;
  expect(new Date(h.members[0].registeredAt).toISOString().slice(0, 10)).toBe("2022-03-10");
  expect(h.membershipHistory).toEqual([{ kind: "REGISTERED", date: "2022-03-10" }]);
  const before = (await sg.db.dataSource.query(`SELECT count(*)::int AS n FROM person`))[0].n;
  for (const [registeredOn, message] of [
    ["2999-01-01", /future/],
    ["2021-12-31", /before 2022-02-24/],
  ] as const) {
    const res = await sg.query(REGISTER, { input: { members: [{ ...member, familyName: "Refused" }], registeredOn } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions!.field).toBe("input.registeredOn");
    expect(res.errors![0].message).toMatch(message);
  }
  expect((await sg.db.dataSource.query(`SELECT count(*)::int AS n FROM person`))[0].n).toBe(before);
});
