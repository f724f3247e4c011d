// Every social capability works through the gateway: search, households, case files, staff, inquiry, support, insurance, interpreters, claims.
import { errorCodes } from "../support/graphql";
import { RunningGraph, startGraph } from "../support/graph";
import { TokenClaims } from "../support/tokens";

let graph: RunningGraph;
const SOCIAL: TokenClaims = { sub: "sw-hanne", roles: ["SOCIAL_WORKER"] };
const ADMIN: TokenClaims = { sub: "ocmw-admin", roles: ["OCMW_ADMIN"] };

function ok(res: { data?: any; errors?: unknown[] }): any {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data;
}
const run = (q: string, variables: Record<string, unknown> = {}, as: TokenClaims = SOCIAL) =>
  graph.query(q, variables, as);

let householdId: string;
let fatherId: string;
let motherId: string;
let worker: string;
let psychologist: string;
let caseFileId: string;

beforeAll(async () => {
  graph = await startGraph();
  const reg = ok(
    await run(
      `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id composition members { id givenName } } }`,
      {
        input: {
          members: [
            {
              givenName: "Oleksandr",
              familyName: "Shevchenko",
              birthDate: "1979-03-14",
              sex: "MALE",
              languages: ["uk", "ru"],
              certificateNumber: "UA-TP-GNT-0101",
            },
            {
              givenName: "Nataliia",
              familyName: "Shevchenko",
              birthDate: "1982-10-01",
              sex: "FEMALE",
              languages: ["uk"],
            },
          ],
        },
      },
    ),
  ).registerHousehold;
  householdId = reg.id;
  fatherId = reg.members.find((m: any) => m.givenName === "Oleksandr").id;
  motherId = reg.members.find((m: any) => m.givenName === "Nataliia").id;
  const staff = async (givenName: string, role: string, diplomas: string[]) =>
    ok(
      await run(
        `mutation S($input: RegisterStaffMemberInput!) { registerStaffMember(input: $input) { id } }`,
        { input: { givenName, familyName: "Test", role, diplomas } },
        ADMIN,
      ),
    ).registerStaffMember.id as string;
  worker = await staff("Hanne", "SOCIAL_WORKER", ["SOCIAL_WORK"]);
  psychologist = await staff("Lotte", "SOCIAL_WORKER", ["PSYCHOLOGY_BACHELOR"]);
});
afterAll(async () => {
  await graph?.stop();
});

test.each(["oleksandr shevchenko", "Olexandr Shevchenko", "Aleksandr Shevchenko"])(
  "search %p finds Oleksandr Shevchenko first through the gateway",
  async (search) => {
    const data = ok(
      await run(`query S($f: PersonFilter) { people(filter: $f) { edges { node { id } } } }`, { f: { search } }),
    );
    expect(data.people.edges[0].node.id).toBe(fatherId);
  },
);

test("case file: open, CONFLICT on a second, unqualified inquiry refused, qualified inquiry recorded, workload and flow", async () => {
  caseFileId = ok(
    await run(
      `mutation O($input: OpenCaseFileInput!) { openCaseFile(input: $input) { id status socialWorker { id caseload } } }`,
      {
        input: { householdId, source: "IOM_CENTRE", socialWorkerId: worker, openedOn: "2026-11-20" },
      },
    ),
  ).openCaseFile.id;
  const second = await run(`mutation O($input: OpenCaseFileInput!) { openCaseFile(input: $input) { id } }`, {
    input: { householdId, source: "OWN_REQUEST" },
  });
  expect(errorCodes(second)).toEqual(["CONFLICT"]);
  const inquiry = `mutation I($input: RecordSocialInquiryInput!) { recordSocialInquiry(input: $input) { qualifyingDiploma } }`;
  const refused = await run(inquiry, {
    input: { caseFileId, investigatorId: psychologist, date: "2026-11-20", summary: "x" },
  });
  expect(errorCodes(refused)).toEqual(["UNQUALIFIED"]);
  const done = ok(
    await run(inquiry, {
      input: { caseFileId, investigatorId: worker, date: "2026-11-20", summary: "Couple, both seeking work." },
    }),
  );
  expect(done.recordSocialInquiry.qualifyingDiploma).toBe("SOCIAL_WORK");
  const h = ok(
    await run(
      `query H($id: ID!) { household(id: $id) { composition caseFile { id status source socialWorker { caseload } inquiries { summary } } } }`,
      { id: householdId },
    ),
  );
  expect(h.household).toEqual({
    composition: "FAMILY",
    caseFile: {
      id: caseFileId,
      status: "OPEN",
      source: "IOM_CENTRE",
      socialWorker: { caseload: 1 },
      inquiries: [{ summary: "Couple, both seeking work." }],
    },
  });
  const w = ok(
    await run(
      `query { cellWorkload { socialWorkers caseloadCeiling maxCaseload workersOverCeiling { id } } staffMembers { id caseload } }`,
    ),
  );
  expect(w.cellWorkload).toEqual({ socialWorkers: 2, caseloadCeiling: 60, maxCaseload: 1, workersOverCeiling: [] });
  const flow = ok(
    await run(
      `query { caseFileFlow(from: "2026-11-16", to: "2026-11-29") { isoWeek opened { value suppressed } } }`,
      {},
      { roles: ["ANALYST"] },
    ),
  );
  // One case file opened: a count of 1, so its week is suppressed for the analyst; the other week shows 0.
  expect(flow.caseFileFlow.map((w: any) => w.opened)).toEqual(
    expect.arrayContaining([
      { value: null, suppressed: true },
      { value: 0, suppressed: false },
    ]),
  );
  expect(flow.caseFileFlow.filter((w: any) => w.opened.suppressed)).toHaveLength(1);
});

test("support: decision from the rate table, payment, Person.support; rentFacts is not in the public graph", async () => {
  const d = ok(
    await run(
      `mutation D($input: DecideSupportInput!) { decideSupport(input: $input) { id category monthlyAmount startDate } }`,
      {
        input: { personId: fatherId, category: "WITH_FAMILY_DEPENDANTS", startDate: "2026-10-01" },
      },
    ),
  ).decideSupport;
  expect(d).toMatchObject({ category: "WITH_FAMILY_DEPENDANTS", monthlyAmount: 1804.23, startDate: "2026-10-01" });
  ok(
    await run(`mutation P($input: RecordSupportPaymentInput!) { recordSupportPayment(input: $input) { id } }`, {
      input: { supportDecisionId: d.id, month: "2026-10" },
    }),
  );
  const p = ok(
    await run(
      `query P($id: ID!) { person(id: $id) { support { id category monthlyAmount startDate firstPaidMonth } } }`,
      { id: fatherId },
    ),
  );
  expect(p.person.support).toEqual({ ...d, firstPaidMonth: "2026-10" });
  const hidden = await run(`query P($id: ID!) { person(id: $id) { rentFacts(month: "2026-10") { livingWage } } }`, {
    id: fatherId,
  });
  expect(errorCodes(hidden)).toEqual(["BAD_USER_INPUT"]);
  const unclaimed = ok(
    await run(`query { unclaimedSupport { edges { node { payments amount supportDecision { id } } } } }`),
  );
  expect(unclaimed.unclaimedSupport.edges).toEqual([
    { node: { payments: 1, amount: 1804.23, supportDecision: { id: d.id } } },
  ]);
  const claim = ok(
    await run(
      `mutation C($input: CreateReimbursementClaimInput!) { createReimbursementClaim(input: $input) { status claimedAmount } }`,
      {
        input: { supportDecisionId: d.id, fromMonth: "2026-10", toMonth: "2026-10" },
      },
    ),
  );
  expect(claim.createReimbursementClaim).toEqual({ status: "TO_SUBMIT", claimedAmount: 1804.23 });
});

test("health insurance and interpreter booking with double booking refused", async () => {
  const ins = ok(
    await run(
      `mutation I($input: RegisterHealthInsuranceInput!) { registerHealthInsurance(input: $input) { status fund } }`,
      {
        input: { personId: motherId, fund: "Solidaris", status: "REGISTERED" },
      },
    ),
  );
  expect(ins.registerHealthInsurance).toEqual({ status: "REGISTERED", fund: "Solidaris" });
  const interpreterId = ok(
    await run(
      `mutation { registerInterpreter(input: { name: "Olha Lysenko", organisation: "AgII", languages: ["uk"] }) { id } }`,
    ),
  ).registerInterpreter.id;
  const book = `mutation B($input: BookInterpreterInput!) { bookInterpreter(input: $input) { id status } }`;
  const input = {
    interpreterId,
    caseFileId,
    language: "uk",
    startsAt: "2026-12-07T10:00:00+01:00",
    endsAt: "2026-12-07T11:00:00+01:00",
    purpose: "Intake",
  };
  expect(ok(await run(book, { input })).bookInterpreter.status).toBe("BOOKED");
  const twice = await run(book, {
    input: { ...input, startsAt: "2026-12-07T10:30:00+01:00", endsAt: "2026-12-07T11:30:00+01:00" },
  });
  expect(errorCodes(twice)).toEqual(["CONFLICT"]);
});

test("household membership: a birth makes the household grow, case file closes at return", async () => {
  const baby = ok(
    await run(
      `mutation A($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { id household { members { id } } } }`,
      {
        input: {
          householdId,
          reason: "BIRTH",
          member: { givenName: "Zlata", familyName: "Shevchenko", birthDate: "2026-11-18", sex: "FEMALE" },
        },
      },
    ),
  ).addHouseholdMember;
  expect(baby.household.members).toHaveLength(3);
  const closed = ok(
    await run(
      `mutation X($input: CloseCaseFileInput!) { closeCaseFile(input: $input) { status closeReason history { kind } } }`,
      {
        input: { caseFileId, reason: "RETURN_TO_UKRAINE" },
      },
    ),
  ).closeCaseFile;
  expect(closed).toEqual({
    status: "CLOSED",
    closeReason: "RETURN_TO_UKRAINE",
    history: [{ kind: "OPENED" }, { kind: "ASSIGNED" }, { kind: "CLOSED" }],
  });
});

test("a housing coordinator reads identity but not case files or support through the gateway", async () => {
  const hc: TokenClaims = { sub: "city-housing", roles: ["HOUSING_COORDINATOR"] };
  const name = ok(
    await graph.query(`query P($id: ID!) { person(id: $id) { givenName } }`, { id: fatherId }, hc, "PLACEMENT"),
  );
  expect(name.person.givenName).toBe("Oleksandr");
  const support = await graph.query(
    `query P($id: ID!) { person(id: $id) { support { id } } }`,
    { id: fatherId },
    hc,
    "PLACEMENT",
  );
  expect(errorCodes(support)).toEqual(["FORBIDDEN"]);
  const files = await graph.query(`query { caseFiles { totalCount } }`, {}, hc, "PLACEMENT");
  expect(errorCodes(files)).toEqual(["FORBIDDEN"]);
});

test("through the gateway, a NUL character in a name is BAD_USER_INPUT naming the member's field, and nothing is written", async () => {
  const before = await graph.dataSources.social.query(`SELECT count(*)::int AS n FROM person`);
  const res = await run(
    `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
    { input: { members: [{ givenName: "Ol\u0000ha", familyName: "Kravets", sex: "FEMALE" }] } },
    ADMIN,
  );
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe("input.members[0].givenName");
  expect(await graph.dataSources.social.query(`SELECT count(*)::int AS n FROM person`)).toEqual(before);
});
