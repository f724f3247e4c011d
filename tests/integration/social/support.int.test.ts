// Support: the amount comes from the rate in force on the start date and is kept; payments per month; rent facts for housing; access.
import { socialSubgraph } from "@reception-graph/social";
import { errorCodes } from "../../support/graphql";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { OCMW_ADMIN, ok, registerHousehold } from "./social-fixtures";
import { letters } from "../../support/names";
import { AUDIT_LINES } from "../../support/audit";

let sg: RunningSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(socialSubgraph);
});
afterAll(async () => {
  await sg?.stop();
});

const DECIDE = `mutation D($input: DecideSupportInput!) {
  decideSupport(input: $input) { id category monthlyAmount startDate endDate firstPaidMonth rateEffectiveFrom person { id } } }`;
const PAY = `mutation P($input: RecordSupportPaymentInput!) { recordSupportPayment(input: $input) { id month amount paidOn } }`;

async function person(given: string): Promise<string> {
  return (
    await registerHousehold(sg, [{ givenName: given, familyName: "Kuzmenko", birthDate: "1984-02-02", sex: "FEMALE" }])
  ).memberIds[0];
}

test("rate table picks the amount in force on the start date, and an older decision keeps its amount after a new rate is added", async () => {
  const before = ok(
    await sg.query(DECIDE, {
      input: { personId: await person("Anna"), category: "COHABITANT", startDate: "2026-05-31" },
    }),
  );
  expect(before.decideSupport).toMatchObject({ monthlyAmount: 884.22, rateEffectiveFrom: "2026-01-01" });
  const older = ok(
    await sg.query(DECIDE, {
      input: { personId: await person("Bohdana"), category: "COHABITANT", startDate: "2026-10-01" },
    }),
  );
  expect(older.decideSupport).toMatchObject({
    monthlyAmount: 890.1,
    rateEffectiveFrom: "2026-06-01",
    firstPaidMonth: null,
  });

  const refused = await sg.query(
    `mutation { addLivingWageRate(input: { category: COHABITANT, effectiveFrom: "2026-09-01", monthlyAmount: 905.5 }) { monthlyAmount } }`,
  );
  expect(errorCodes(refused)).toEqual(["FORBIDDEN"]);
  const added = ok(
    await sg.query(
      `mutation { addLivingWageRate(input: { category: COHABITANT, effectiveFrom: "2026-09-01", monthlyAmount: 905.5 }) { category effectiveFrom monthlyAmount } }`,
      {},
      OCMW_ADMIN,
    ),
  );
  expect(added.addLivingWageRate).toEqual({
    category: "COHABITANT",
    effectiveFrom: "2026-09-01",
    monthlyAmount: 905.5,
  });

  const newer = ok(
    await sg.query(DECIDE, {
      input: { personId: await person("Valentyna"), category: "COHABITANT", startDate: "2026-10-01" },
    }),
  );
  expect(newer.decideSupport).toMatchObject({ monthlyAmount: 905.5, rateEffectiveFrom: "2026-09-01" });
  const reread = ok(
    await sg.query(`query P($id: ID!) { person(id: $id) { support { id monthlyAmount } } }`, {
      id: older.decideSupport.person.id,
    }),
  );
  expect(reread.person.support).toEqual({ id: older.decideSupport.id, monthlyAmount: 890.1 });

  const dup = await sg.query(
    `mutation { addLivingWageRate(input: { category: COHABITANT, effectiveFrom: "2026-09-01", monthlyAmount: 1 }) { monthlyAmount } }`,
    {},
    OCMW_ADMIN,
  );
  expect(errorCodes(dup)).toEqual(["CONFLICT"]);
});

test("categories have their own amounts; no rate before 2022 is BAD_USER_INPUT naming startDate", async () => {
  const single = ok(
    await sg.query(DECIDE, { input: { personId: await person("Daria"), category: "SINGLE", startDate: "2022-03-15" } }),
  );
  expect(single.decideSupport.monthlyAmount).toBe(1070.32);
  const family = ok(
    await sg.query(DECIDE, {
      input: { personId: await person("Emilia"), category: "WITH_FAMILY_DEPENDANTS", startDate: "2024-07-01" },
    }),
  );
  expect(family.decideSupport.monthlyAmount).toBe(1726.38);
  const early = await sg.query(DECIDE, {
    input: { personId: await person("Fedir"), category: "SINGLE", startDate: "2021-12-31" },
  });
  expect(errorCodes(early)).toEqual(["BAD_USER_INPUT"]);
  expect(early.errors![0].extensions!.field).toBe("input.startDate");
  expect(early.errors![0].message).toContain("2021-12-31");
});

test("a later decision replaces the current one, which ends the day before; an earlier start is CONFLICT", async () => {
  const personId = await person("Halyna");
  const first = ok(
    await sg.query(DECIDE, { input: { personId, category: "SINGLE", startDate: "2026-08-01" } }),
  ).decideSupport;
  const second = ok(
    await sg.query(DECIDE, { input: { personId, category: "WITH_FAMILY_DEPENDANTS", startDate: "2026-11-01" } }),
  ).decideSupport;
  const p = ok(
    await sg.query(`query P($id: ID!) { person(id: $id) { support { id category } supportHistory { id endDate } } }`, {
      id: personId,
    }),
  ).person;
  expect(p.support).toEqual({ id: second.id, category: "WITH_FAMILY_DEPENDANTS" });
  expect(p.supportHistory).toEqual([
    { id: second.id, endDate: null },
    { id: first.id, endDate: "2026-10-31" },
  ]);
  const back = await sg.query(DECIDE, { input: { personId, category: "SINGLE", startDate: "2026-09-01" } });
  expect(errorCodes(back)).toEqual(["CONFLICT"]);
});

test("a new decision may not cut off months already paid on the current one (they would be paid twice)", async () => {
  const personId = await person("Vira");
  const first = ok(
    await sg.query(DECIDE, { input: { personId, category: "SINGLE", startDate: "2026-08-01" } }),
  ).decideSupport;
  for (const month of ["2026-08", "2026-09", "2026-10"])
    ok(await sg.query(PAY, { input: { supportDecisionId: first.id, month } }));
  const early = await sg.query(DECIDE, {
    input: { personId, category: "WITH_FAMILY_DEPENDANTS", startDate: "2026-09-01" },
  });
  expect(errorCodes(early)).toEqual(["CONFLICT"]);
  expect(early.errors![0].message).toContain("2026-10");
  const rows = await sg.db.dataSource.query(`SELECT id, end_date FROM support_decision WHERE person_id = $1`, [
    personId,
  ]);
  expect(rows).toEqual([{ id: first.id, end_date: null }]);
  // From the month after the last one paid, it is fine.
  const next = ok(
    await sg.query(DECIDE, { input: { personId, category: "WITH_FAMILY_DEPENDANTS", startDate: "2026-11-01" } }),
  ).decideSupport;
  expect(next.startDate).toBe("2026-11-01");
});

test("a payment and a new decision at the same moment: never a paid month after the old decision's end", async () => {
  for (let round = 0; round < 4; round++) {
    const personId = await person(`Concurrent${letters(round)}`);
    const first = ok(
      await sg.query(DECIDE, { input: { personId, category: "SINGLE", startDate: "2026-08-01" } }),
    ).decideSupport;
    const [paid, decided] = await Promise.all([
      sg.query(PAY, { input: { supportDecisionId: first.id, month: "2026-10" } }),
      sg.query(DECIDE, { input: { personId, category: "SINGLE", startDate: "2026-10-01" } }),
    ]);
    // Exactly one wins; the other is refused with a clear code.
    expect([errorCodes(paid), errorCodes(decided)].filter((c) => c.length === 0)).toHaveLength(1);
    expect([...errorCodes(paid), ...errorCodes(decided)]).toEqual([
      expect.stringMatching(/^(BAD_USER_INPUT|CONFLICT)$/),
    ]);
    const orphans = await sg.db.dataSource.query(
      `SELECT p.month FROM support_payment p JOIN support_decision d ON d.id = p.support_decision_id
       WHERE d.person_id = $1 AND d.end_date IS NOT NULL AND p.month > to_char(d.end_date, 'YYYY-MM')`,
      [personId],
    );
    expect(orphans).toEqual([]);
  }
});

test("payments per month: firstPaidMonth, bad months named, a month paid twice is CONFLICT", async () => {
  const personId = await person("Inna");
  const d = ok(
    await sg.query(DECIDE, { input: { personId, category: "SINGLE", startDate: "2026-09-15" } }),
  ).decideSupport;
  const paid = ok(
    await sg.query(PAY, { input: { supportDecisionId: d.id, month: "2026-10", paidOn: "2026-10-28" } }),
  ).recordSupportPayment;
  expect(paid).toMatchObject({ month: "2026-10", amount: 1335.15, paidOn: "2026-10-28" });
  ok(await sg.query(PAY, { input: { supportDecisionId: d.id, month: "2026-09", amount: 712.08 } }));
  for (const [month, text] of [
    ["2026-13", "2026-13"],
    ["Nov 2026", "Nov 2026"],
    ["2026-08", "before"],
    ["2099-01", "future"],
  ]) {
    const res = await sg.query(PAY, { input: { supportDecisionId: d.id, month } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions!.field).toBe("input.month");
    expect(res.errors![0].message).toContain(text);
  }
  const twice = await sg.query(PAY, { input: { supportDecisionId: d.id, month: "2026-10" } });
  expect(errorCodes(twice)).toEqual(["CONFLICT"]);
  const s = ok(
    await sg.query(`query P($id: ID!) { person(id: $id) { support { firstPaidMonth payments { month amount } } } }`, {
      id: personId,
    }),
  );
  expect(s.person.support).toEqual({
    firstPaidMonth: "2026-09",
    payments: [
      { month: "2026-09", amount: 712.08 },
      { month: "2026-10", amount: 1335.15 },
    ],
  });
});

const RENT = `query R($reps: [_Any!]!, $month: String!) { _entities(representations: $reps) {
  ... on Person { id rentDue(month: $month) { paid amount } } } }`;

test("rentDue for housing: paid yet and the rent due (30% of the living wage on the month's first day); no support facts", async () => {
  const payer = await person("Kira");
  const none = await person("Liza");
  const d = ok(
    await sg.query(DECIDE, { input: { personId: payer, category: "COHABITANT", startDate: "2026-10-01" } }),
  ).decideSupport;
  ok(await sg.query(PAY, { input: { supportDecisionId: d.id, month: "2026-11" } }));
  const reps = [
    { __typename: "Person", id: payer },
    { __typename: "Person", id: none },
  ];
  const coordinator = { sub: "housing-coord", roles: ["HOUSING_COORDINATOR" as const] };
  const oct = ok(await sg.query(RENT, { reps, month: "2026-10" }, coordinator, "PLACEMENT"))._entities;
  expect(oct[0].rentDue).toEqual({ paid: false, amount: null });
  expect(oct[1].rentDue).toBeNull();
  const nov = ok(await sg.query(RENT, { reps, month: "2026-11" }, coordinator, "PLACEMENT"))._entities;
  expect(nov[0].rentDue).toEqual({ paid: true, amount: Math.round(905.5 * 0.3 * 100) / 100 });
  // A rate added for the month is what rent follows; the decision keeps its own amount.
  ok(
    await sg.query(
      `mutation { addLivingWageRate(input: { category: COHABITANT, effectiveFrom: "2026-11-01", monthlyAmount: 912 }) { category } }`,
      {},
      OCMW_ADMIN,
    ),
  );
  const after = ok(await sg.query(RENT, { reps, month: "2026-11" }, coordinator, "PLACEMENT"))._entities;
  expect(after[0].rentDue.amount).toBe(273.6);
  // Nothing else of the support crosses: the type has no category, living wage or payment history.
  const leak = await sg.query(
    `query L($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { rentDue(month: "2026-11") { category livingWage } } } }`,
    { reps },
    coordinator,
    "PLACEMENT",
  );
  expect(errorCodes(leak).length).toBeGreaterThan(0);
  expect([...new Set(errorCodes(leak))]).toEqual(["BAD_USER_INPUT"]);
  // Support itself stays social and financial: the housing coordinator reads none of it.
  const support = await sg.query(
    `query S($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { support { category } } } }`,
    { reps },
    coordinator,
    "PLACEMENT",
  );
  expect(errorCodes(support)).toContain("FORBIDDEN");
  // The purpose binds too: REPORTING reads no housing data.
  const reporting = await sg.query(RENT, { reps, month: "2026-11" }, coordinator, "REPORTING");
  expect(errorCodes(reporting)).toContain("FORBIDDEN");
  const bad = await sg.query(RENT, { reps, month: "2026-1" }, coordinator, "PLACEMENT");
  expect(errorCodes(bad)).toContain("BAD_USER_INPUT");
  expect(bad.errors![0].message).toContain("2026-1");
  const audit = await sg.db.dataSource.query(
    `SELECT DISTINCT category, purpose, outcome FROM ${AUDIT_LINES} WHERE subject = 'housing-coord' AND person_id = $1 AND category = 'HOUSING' ORDER BY purpose`,
    [payer],
  );
  expect(audit).toEqual([
    { category: "HOUSING", purpose: "PLACEMENT", outcome: "ALLOWED" },
    { category: "HOUSING", purpose: "REPORTING", outcome: "REFUSED" },
  ]);
});

test("support is social and financial data: housing, school and care roles are FORBIDDEN, refusals audited", async () => {
  const personId = await person("Maria");
  ok(await sg.query(DECIDE, { input: { personId, category: "SINGLE", startDate: "2026-10-01" } }));
  for (const as of [
    { sub: "hc", roles: ["HOUSING_COORDINATOR" as const] },
    { sub: "school", roles: ["SCHOOL_STAFF" as const], schools: ["s1"] },
    { sub: "analyst", roles: ["ANALYST" as const] },
  ]) {
    // Reached by key, as a peer or the gateway would: the field itself refuses, whatever scope the caller has.
    const res = await sg.query(
      `query P($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { support { monthlyAmount } } } }`,
      { reps: [{ __typename: "Person", id: personId }] },
      as,
      "PLACEMENT",
    );
    expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
  }
  const refusals = await sg.db.dataSource.query(
    `SELECT subject FROM ${AUDIT_LINES} WHERE person_id = $1 AND outcome = 'REFUSED' AND category = 'SOCIAL_FINANCIAL' ORDER BY subject`,
    [personId],
  );
  expect(refusals.map((r: any) => r.subject)).toEqual(["analyst", "hc", "school"]);
  const write = await sg.query(
    DECIDE,
    { input: { personId, category: "SINGLE", startDate: "2026-11-01" } },
    { roles: ["SITE_COORDINATOR"], sites: ["x"] },
  );
  expect(errorCodes(write)).toEqual(["FORBIDDEN"]);
  const writes = await sg.db.dataSource.query(
    `SELECT action, purpose FROM ${AUDIT_LINES} WHERE person_id = $1 AND outcome = 'ALLOWED' AND 'Mutation.decideSupport' = ANY(fields)`,
    [personId],
  );
  expect(writes).toEqual([{ action: "WRITE", purpose: "CASE_MANAGEMENT" }]);
});
