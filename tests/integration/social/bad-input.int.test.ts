// Bad input found by probing the social mutations: NUL characters, sub-cent amounts, dates in the wrong order and
// misnamed fields, idempotency keys over 200 characters, and person names holding a direction override, a zero-width
// character, an emoji or a digit are BAD_USER_INPUT naming the input path (never INTERNAL), and nothing is written.
import { socialSubgraph } from "@reception-graph/social";
import { errorCodes, GqlResponse } from "../../support/graphql";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { OCMW_ADMIN, ok, openCaseFile, registerHousehold, registerStaff } from "./social-fixtures";

let sg: RunningSubgraph;
let householdId: string;
let personIds: string[];
let caseFileId: string;
let workerId: string;
let decisionId: string;
let interpreterId: string;

/** Rows per social table, to prove a refused call wrote nothing. */
const TABLES = [
  "person",
  "household",
  "household_membership_event",
  "staff_member",
  "qualifying_diploma",
  "case_file",
  "case_file_event",
  "social_inquiry",
  "living_wage_rate",
  "support_decision",
  "support_payment",
  "health_insurance",
  "interpreter",
  "interpreter_booking",
  "reimbursement_claim",
  "idempotency_key",
];
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of TABLES) counts[t] = (await sg.db.dataSource.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n;
  return counts;
}

/** Sends a call that must be refused as BAD_USER_INPUT on `field`, and checks that nothing was written. */
async function expectBadInput(field: string, send: () => Promise<GqlResponse>) {
  const before = await rowCounts();
  const res = await send();
  expect({ codes: errorCodes(res), field: res.errors?.[0].extensions?.field }).toEqual({
    codes: ["BAD_USER_INPUT"],
    field,
  });
  expect(await rowCounts()).toEqual(before);
  return res;
}

const mutation = (name: string, inputType: string) =>
  `mutation M($input: ${inputType}!) { ${name}(input: $input) { __typename } }`;

beforeAll(async () => {
  sg = await startSubgraph(socialSubgraph);
  const h = await registerHousehold(sg, [
    { givenName: "Halyna", familyName: "Probe", birthDate: "1985-04-04", sex: "FEMALE" },
    { givenName: "Taras", familyName: "Probe", birthDate: "2014-06-06", sex: "MALE" },
  ]);
  householdId = h.householdId;
  personIds = h.memberIds;
  workerId = await registerStaff(sg, "Ira", "Probe", "SOCIAL_WORKER", ["SOCIAL_WORK"]);
  caseFileId = await openCaseFile(sg, householdId, { openedOn: "2026-10-01", socialWorkerId: workerId });
  decisionId = ok(
    await sg.query(`mutation D($input: DecideSupportInput!) { decideSupport(input: $input) { id } }`, {
      input: { personId: personIds[0], category: "WITH_FAMILY_DEPENDANTS", startDate: "2026-09-01" },
    }),
  ).decideSupport.id;
  interpreterId = ok(
    await sg.query(
      `mutation { registerInterpreter(input: { name: "Probe Interpreter", organisation: "AgII", languages: ["uk"] }) { id } }`,
    ),
  ).registerInterpreter.id;
});
afterAll(async () => {
  await sg?.stop();
});

const NUL = "Ol\u0000ha";

test("a NUL character in any text input is BAD_USER_INPUT naming its path, not INTERNAL", async () => {
  await expectBadInput("input.members[1].familyName", () =>
    sg.query(
      mutation("registerHousehold", "RegisterHouseholdInput"),
      {
        input: {
          members: [
            { givenName: "Ok", familyName: "Fine", sex: "FEMALE" },
            { givenName: "Ok", familyName: NUL, sex: "MALE" },
          ],
        },
      },
      OCMW_ADMIN,
    ),
  );
  await expectBadInput("input.idempotencyKey", () =>
    sg.query(
      mutation("registerHousehold", "RegisterHouseholdInput"),
      { input: { members: [{ givenName: "Ok", familyName: "Fine", sex: "FEMALE" }], idempotencyKey: NUL } },
      OCMW_ADMIN,
    ),
  );
  await expectBadInput("input.note", () =>
    sg.query(mutation("recordHouseholdDeparture", "RecordDepartureInput"), {
      input: { personId: personIds[1], note: NUL },
    }),
  );
  await expectBadInput("input.summary", () =>
    sg.query(mutation("recordSocialInquiry", "RecordSocialInquiryInput"), {
      input: { caseFileId, investigatorId: workerId, date: "2026-11-02", summary: NUL },
    }),
  );
  await expectBadInput("input.welfareOffice", () =>
    sg.query(mutation("transferCaseFile", "TransferCaseFileInput"), {
      input: { caseFileId, welfareOffice: NUL },
    }),
  );
  await expectBadInput("input.fund", () =>
    sg.query(mutation("registerHealthInsurance", "RegisterHealthInsuranceInput"), {
      input: { personId: personIds[0], fund: NUL },
    }),
  );
  await expectBadInput("input.subject", () =>
    sg.query(
      mutation("registerStaffMember", "RegisterStaffMemberInput"),
      { input: { givenName: "A", familyName: "B", role: "ADMINISTRATIVE", subject: NUL } },
      OCMW_ADMIN,
    ),
  );
  await expectBadInput("filter.search", () =>
    sg.query(`query P($f: PersonFilter) { people(filter: $f) { totalCount } }`, { f: { search: NUL } }),
  );
  await expectBadInput("language", () =>
    sg.query(`query I($l: String) { interpreters(language: $l) { id } }`, { l: NUL }),
  );
});

test("an amount that rounds to 0.00 euro is BAD_USER_INPUT, for a payment and for a rate", async () => {
  await expectBadInput("input.amount", () =>
    sg.query(mutation("recordSupportPayment", "RecordSupportPaymentInput"), {
      input: { supportDecisionId: decisionId, month: "2026-10", amount: 0.001 },
    }),
  );
  await expectBadInput("input.monthlyAmount", () =>
    sg.query(
      mutation("addLivingWageRate", "AddLivingWageRateInput"),
      { input: { category: "SINGLE", effectiveFrom: "2027-02-01", monthlyAmount: 0.004 } },
      OCMW_ADMIN,
    ),
  );
  // A cent is fine, and kept as a cent.
  const paid = ok(
    await sg.query(
      `mutation P($input: RecordSupportPaymentInput!) { recordSupportPayment(input: $input) { amount } }`,
      {
        input: { supportDecisionId: decisionId, month: "2026-09", amount: 0.011 },
      },
    ),
  );
  expect(paid.recordSupportPayment.amount).toBe(0.01);
});

test("dates in the wrong order are BAD_USER_INPUT naming the date", async () => {
  // A social inquiry before its case file was opened.
  await expectBadInput("input.date", () =>
    sg.query(mutation("recordSocialInquiry", "RecordSocialInquiryInput"), {
      input: { caseFileId, investigatorId: workerId, date: "2026-09-15", summary: "Visit at home" },
    }),
  );
  // A member joining a household before being born.
  await expectBadInput("input.date", () =>
    sg.query(mutation("addHouseholdMember", "AddHouseholdMemberInput"), {
      input: {
        householdId,
        reason: "ARRIVAL",
        date: "2020-01-01",
        member: { givenName: "Late", familyName: "Probe", birthDate: "2021-03-03", sex: "MALE" },
      },
    }),
  );
  // A member leaving before joining.
  const joined = ok(
    await sg.query(`mutation A($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { id } }`, {
      input: {
        householdId,
        reason: "ARRIVAL",
        date: "2026-11-05",
        member: { givenName: "Petro", familyName: "Probe", birthDate: "1980-01-01", sex: "MALE" },
      },
    }),
  ).addHouseholdMember.id;
  await expectBadInput("input.date", () =>
    sg.query(mutation("recordHouseholdDeparture", "RecordDepartureInput"), {
      input: { personId: joined, date: "2026-11-01" },
    }),
  );
  // Support paid before its decision starts.
  await expectBadInput("input.paidOn", () =>
    sg.query(mutation("recordSupportPayment", "RecordSupportPaymentInput"), {
      input: { supportDecisionId: decisionId, month: "2026-10", paidOn: "2026-08-31" },
    }),
  );
  // A claim accepted before it was submitted.
  ok(
    await sg.query(mutation("recordSupportPayment", "RecordSupportPaymentInput"), {
      input: { supportDecisionId: decisionId, month: "2026-10" },
    }),
  );
  const claimId = ok(
    await sg.query(
      `mutation C($input: CreateReimbursementClaimInput!) { createReimbursementClaim(input: $input) { id } }`,
      { input: { supportDecisionId: decisionId, fromMonth: "2026-10", toMonth: "2026-10" } },
    ),
  ).createReimbursementClaim.id;
  ok(
    await sg.query(mutation("updateReimbursementClaim", "UpdateReimbursementClaimInput"), {
      input: { claimId, status: "SUBMITTED", date: "2026-11-10" },
    }),
  );
  await expectBadInput("input.date", () =>
    sg.query(mutation("updateReimbursementClaim", "UpdateReimbursementClaimInput"), {
      input: { claimId, status: "ACCEPTED", date: "2026-11-09" },
    }),
  );
  const status = await sg.db.dataSource.query(`SELECT status FROM reimbursement_claim WHERE id = $1`, [claimId]);
  expect(status).toEqual([{ status: "SUBMITTED" }]);
  // A registration period that ends before it starts.
  await expectBadInput("filter.registeredTo", () =>
    sg.query(`query P($f: PersonFilter) { people(filter: $f) { totalCount } }`, {
      f: { registeredFrom: "2026-11-20", registeredTo: "2026-11-01" },
    }),
  );
});

test("a single code in the input is named as the field itself, not as an element of a list", async () => {
  await expectBadInput("input.code", () =>
    sg.query(
      mutation("addQualifyingDiploma", "AddQualifyingDiplomaInput"),
      { input: { code: "x", label: "Something" } },
      OCMW_ADMIN,
    ),
  );
  await expectBadInput("input.language", () =>
    sg.query(mutation("bookInterpreter", "BookInterpreterInput"), {
      input: {
        interpreterId,
        caseFileId,
        language: "",
        startsAt: "2027-01-05T09:00:00Z",
        endsAt: "2027-01-05T10:00:00Z",
        purpose: "Insurance registration",
      },
    }),
  );
});

test("an idempotency key over 200 characters is BAD_USER_INPUT on input.idempotencyKey and writes nothing", async () => {
  const members = [{ givenName: "Ok", familyName: "Fine", sex: "FEMALE" }];
  const res = await expectBadInput("input.idempotencyKey", () =>
    sg.query(
      mutation("registerHousehold", "RegisterHouseholdInput"),
      { input: { members, idempotencyKey: "k".repeat(201) } },
      OCMW_ADMIN,
    ),
  );
  expect(res.errors![0].message).toMatch(/input\.idempotencyKey is 201 characters long.*at most 200/);
  // 200 characters is still a key.
  ok(
    await sg.query(
      mutation("registerHousehold", "RegisterHouseholdInput"),
      { input: { members, idempotencyKey: "k".repeat(200) } },
      OCMW_ADMIN,
    ),
  );
});

test("person names with invisible characters, emoji or digits are BAD_USER_INPUT naming the field; nothing is written", async () => {
  const ok1 = { givenName: "Mariia", familyName: "Honest", sex: "FEMALE" };
  // Displays as "Olenakna" reversed: a direction override makes a name read as another.
  const spoof = { givenName: "Olena\u202Eanelo", familyName: "Honest", sex: "FEMALE" };
  const res = await expectBadInput("input.members[1].givenName", () =>
    sg.query(mutation("registerHousehold", "RegisterHouseholdInput"), { input: { members: [ok1, spoof] } }, OCMW_ADMIN),
  );
  expect(res.errors![0].message).toMatch(/input\.members\[1\]\.givenName contains U\+202E/);
  expect(res.errors![0].message).not.toContain("\u202E");

  await expectBadInput("input.member.familyName", () =>
    sg.query(mutation("addHouseholdMember", "AddHouseholdMemberInput"), {
      input: {
        householdId,
        reason: "ARRIVAL",
        member: { givenName: "Taras", familyName: "Pro\u200Bbe", sex: "MALE" },
      },
    }),
  );
  await expectBadInput("input.givenName", () =>
    sg.query(
      mutation("registerStaffMember", "RegisterStaffMemberInput"),
      { input: { givenName: "Ira 😀", familyName: "Probe", role: "SOCIAL_WORKER", diplomas: [] } },
      OCMW_ADMIN,
    ),
  );
  await expectBadInput("input.name", () =>
    sg.query(mutation("registerInterpreter", "RegisterInterpreterInput"), {
      input: { name: "Interpreter 2", organisation: "AgII", languages: ["uk"] },
    }),
  );
  await expectBadInput("input.members[0].familyName", () =>
    sg.query(
      mutation("registerHousehold", "RegisterHouseholdInput"),
      { input: { members: [{ ...ok1, familyName: "\u200D\u200D" }] } },
      OCMW_ADMIN,
    ),
  );
});
