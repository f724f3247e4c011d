// Referral envelopes follow access.md: social workers see all, care workers only people referred to their organisation; lists filter, page and audit; _ownPeople answers peers.
import { careSubgraph } from "@reception-graph/care";
import { queryCount } from "@reception-graph/kit";
import { randomUUID } from "node:crypto";
import { errorCodes } from "../../support/graphql";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { careWorkerOf, CREATE, createService, move, refer, SOCIAL_WORKER } from "./care-fixtures";
import { AUDIT_LINES } from "../../support/audit";

let sg: RunningSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(careSubgraph);
});
afterAll(async () => {
  await sg?.stop();
});

const LIST = `query L($first: Int, $after: String, $filter: ReferralFilter) {
  referrals(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id status overdue person { id } service { organisation } } }
  }
}`;

const PERSON_REFERRALS = `query P($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on Person { id referrals { id status service { name organisation } history { status } } } }
}`;

/** A fresh pair of organisations with one service each, so each test's lists are its own. */
async function twoPartners() {
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  const a = `CAW_${suffix}`;
  const b = `VDAB_${suffix}`;
  return {
    a,
    b,
    serviceA: await createService(sg, { organisation: a, type: "MENTAL_HEALTH" }),
    serviceB: await createService(sg, { organisation: b, type: "EMPLOYMENT" }),
  };
}

test("referrals(filter) by organisation, status and overdue, newest first, in pages", async () => {
  const p = await twoPartners();
  const r1 = await refer(sg, p.serviceA);
  const r2 = await refer(sg, p.serviceA, randomUUID(), { dueDate: "2999-12-31" });
  const r3 = await refer(sg, p.serviceA);
  await move(sg, r3.id, "ACCEPTED", careWorkerOf(p.a));
  await refer(sg, p.serviceB);
  // Overdue: due date passed and still open (dates in the past cannot be entered, so age one in the database).
  await sg.db.dataSource.query(`UPDATE referral SET due_date = '2022-05-01' WHERE id = ANY($1::uuid[])`, [
    [r1.id, r3.id],
  ]);
  await move(sg, r1.id, "CANCELLED", SOCIAL_WORKER);

  const all = await sg.query(LIST, { filter: { organisation: p.a } }, SOCIAL_WORKER);
  expect(all.errors).toBeUndefined();
  expect(all.data.referrals.totalCount).toBe(3);
  expect(all.data.referrals.edges.map((e: any) => e.node.id)).toEqual([r3.id, r2.id, r1.id]);

  const accepted = await sg.query(LIST, { filter: { organisation: p.a, status: "ACCEPTED" } }, SOCIAL_WORKER);
  expect(accepted.data.referrals.edges.map((e: any) => e.node.id)).toEqual([r3.id]);

  const overdue = await sg.query(LIST, { filter: { organisation: p.a, overdue: true } }, SOCIAL_WORKER);
  expect(overdue.data.referrals.edges.map((e: any) => [e.node.id, e.node.overdue])).toEqual([[r3.id, true]]);
  const notOverdue = await sg.query(LIST, { filter: { organisation: p.a, overdue: false } }, SOCIAL_WORKER);
  expect(notOverdue.data.referrals.edges.map((e: any) => e.node.id)).toEqual([r2.id, r1.id]);

  const page1 = await sg.query(LIST, { first: 2, filter: { organisation: p.a } }, SOCIAL_WORKER);
  expect(page1.data.referrals.pageInfo.hasNextPage).toBe(true);
  const page2 = await sg.query(
    LIST,
    { first: 2, after: page1.data.referrals.pageInfo.endCursor, filter: { organisation: p.a } },
    SOCIAL_WORKER,
  );
  expect(page2.data.referrals.edges.map((e: any) => e.node.id)).toEqual([r1.id]);
  expect(page2.data.referrals.pageInfo.hasNextPage).toBe(false);

  const tooMany = await sg.query(LIST, { first: 500 }, SOCIAL_WORKER);
  expect(errorCodes(tooMany)).toEqual(["BAD_USER_INPUT"]);
});

test("a care worker lists only people referred to their organisation (not drafts), with all their referrals", async () => {
  const p = await twoPartners();
  const both = await refer(sg, p.serviceA);
  const bothElsewhere = await refer(sg, p.serviceB, both.personId);
  const onlyB = await refer(sg, p.serviceB);
  await sg.query(
    CREATE,
    { input: { personId: randomUUID(), serviceId: p.serviceA, reason: "MENTAL_HEALTH", consent: false, send: false } },
    SOCIAL_WORKER,
  );
  const res = await sg.query(LIST, {}, careWorkerOf(p.a), "CARE");
  expect(res.errors).toBeUndefined();
  expect(res.data.referrals.edges.map((e: any) => e.node.id).sort()).toEqual([both.id, bothElsewhere.id].sort());
  const one = await sg.query(
    `query R($id: ID!) { referral(id: $id) { id } }`,
    { id: onlyB.id },
    careWorkerOf(p.a),
    "CARE",
  );
  expect(errorCodes(one)).toEqual(["FORBIDDEN"]);
  const mine = await sg.query(
    `query R($id: ID!) { referral(id: $id) { id } }`,
    { id: both.id },
    careWorkerOf(p.a),
    "CARE",
  );
  expect(mine.data.referral.id).toBe(both.id);
});

test("Person.referrals: own people for care workers, everyone for social workers, nobody for other roles", async () => {
  const p = await twoPartners();
  const mine = await refer(sg, p.serviceA);
  const theirs = await refer(sg, p.serviceB);
  const ok = await sg.query(
    PERSON_REFERRALS,
    { reps: [{ __typename: "Person", id: mine.personId }] },
    careWorkerOf(p.a),
    "CARE",
  );
  expect(ok.errors).toBeUndefined();
  expect(ok.data._entities[0].referrals).toMatchObject([
    { id: mine.id, status: "SENT", history: [{ status: "SENT" }] },
  ]);
  const refused = await sg.query(
    PERSON_REFERRALS,
    { reps: [{ __typename: "Person", id: theirs.personId }] },
    careWorkerOf(p.a),
    "CARE",
  );
  expect(errorCodes(refused)).toContain("FORBIDDEN");
  const sw = await sg.query(PERSON_REFERRALS, { reps: [{ __typename: "Person", id: theirs.personId }] }, SOCIAL_WORKER);
  expect(sw.data._entities[0].referrals.map((r: any) => r.id)).toEqual([theirs.id]);
  const analyst = await sg.query(
    PERSON_REFERRALS,
    { reps: [{ __typename: "Person", id: theirs.personId }] },
    { roles: ["ANALYST"] },
    "REPORTING",
  );
  expect(errorCodes(analyst)).toContain("FORBIDDEN");
  const noPurpose = await sg.query(LIST, {}, SOCIAL_WORKER, null);
  expect(errorCodes(noPurpose)).toEqual(["PURPOSE_REQUIRED"]);
  const analystList = await sg.query(LIST, {}, { roles: ["ANALYST"] }, "REPORTING");
  expect(errorCodes(analystList)).toEqual(["FORBIDDEN"]);
});

test("site coordinators and school staff depend on their peers for 'own': with no peer reachable, lists fail naming it and writes are refused", async () => {
  const p = await twoPartners();
  const r = await refer(sg, p.serviceA);
  for (const as of [
    { roles: ["SITE_COORDINATOR" as const], sites: [randomUUID()] },
    { roles: ["SCHOOL_STAFF" as const], schools: [randomUUID()] },
  ]) {
    const list = await sg.query(LIST, { filter: { organisation: p.a } }, as, "PLACEMENT");
    // Never a silently empty list: the error names the partner that holds the caller's scope.
    expect(errorCodes(list)).toEqual(["UNAVAILABLE"]);
    expect(list.errors![0].message).toMatch(as.roles[0] === "SITE_COORDINATOR" ? /housing/ : /education/);
    expect(list.data?.referrals ?? null).toBeNull();
    const [before] = await sg.db.dataSource.query(`SELECT count(*) AS n FROM referral`);
    const write = await sg.query(
      CREATE,
      { input: { personId: r.personId, serviceId: p.serviceA, reason: "HEALTH", consent: true } },
      as,
      "PLACEMENT",
    );
    expect(errorCodes(write)).toEqual(["UNAVAILABLE"]);
    const [after] = await sg.db.dataSource.query(`SELECT count(*) AS n FROM referral`);
    expect(after.n).toBe(before.n);
  }
});

test("a care worker cannot refer someone who is not theirs, and nothing is written", async () => {
  const p = await twoPartners();
  const theirs = await refer(sg, p.serviceB);
  const [before] = await sg.db.dataSource.query(`SELECT count(*) AS n FROM referral`);
  const res = await sg.query(
    CREATE,
    { input: { personId: theirs.personId, serviceId: p.serviceA, reason: "MENTAL_HEALTH", consent: true } },
    careWorkerOf(p.a),
    "CARE",
  );
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
  const [after] = await sg.db.dataSource.query(`SELECT count(*) AS n FROM referral`);
  expect(after.n).toBe(before.n);
  // Once referred to them, onward referral is theirs to make.
  const own = await refer(sg, p.serviceA);
  const onward = await sg.query(
    CREATE,
    { input: { personId: own.personId, serviceId: p.serviceB, reason: "EMPLOYMENT", consent: true } },
    careWorkerOf(p.a),
    "CARE",
  );
  expect(onward.errors).toBeUndefined();
});

test("every referral read from a list is audited per person; refusals of the receiving-partner rule too", async () => {
  const p = await twoPartners();
  const r = await refer(sg, p.serviceA);
  await sg.query(LIST, { filter: { organisation: p.a } }, { ...SOCIAL_WORKER, sub: "sw-audit" });
  const reads = await sg.db.dataSource.query(
    `SELECT person_id, category, fields, outcome, purpose FROM ${AUDIT_LINES} WHERE subject = 'sw-audit'`,
  );
  expect(reads).toEqual([
    {
      person_id: r.personId,
      category: "REFERRAL",
      fields: expect.arrayContaining(["Query.referrals", "Referral.status"]),
      outcome: "ALLOWED",
      purpose: "CASE_MANAGEMENT",
    },
  ]);
  await move(sg, r.id, "ACCEPTED", { ...SOCIAL_WORKER, sub: "sw-audit-2" });
  const refusals = await sg.db.dataSource.query(
    `SELECT person_id, action, outcome, reason FROM ${AUDIT_LINES} WHERE subject = 'sw-audit-2' AND outcome = 'REFUSED'`,
  );
  expect(refusals).toEqual([{ person_id: r.personId, action: "WRITE", outcome: "REFUSED", reason: "FORBIDDEN" }]);
});

test("_ownPeople answers which people are referred to the caller's organisations (care workers only)", async () => {
  const p = await twoPartners();
  const a = await refer(sg, p.serviceA);
  const b = await refer(sg, p.serviceB);
  const q = `query O($ids: [ID!]!) { _ownPeople(personIds: $ids) }`;
  const ids = [a.personId, b.personId, randomUUID()];
  const res = await sg.query(q, { ids }, careWorkerOf(p.a), "CARE");
  expect(res.data._ownPeople).toEqual([a.personId]);
  const both = await sg.query(q, { ids }, { roles: ["CARE_WORKER"], org: p.a, organisations: [p.b] }, "CARE");
  expect(both.data._ownPeople.sort()).toEqual([a.personId, b.personId].sort());
  const sw = await sg.query(q, { ids }, { roles: ["SOCIAL_WORKER"], org: p.a });
  expect(sw.data._ownPeople).toEqual([]);
});

test("Referral resolves by key through _entities for those who may read it", async () => {
  const p = await twoPartners();
  const r = await refer(sg, p.serviceA);
  const q = `query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Referral { id status service { organisation } } } }`;
  const reps = [
    { __typename: "Referral", id: r.id },
    { __typename: "Referral", id: randomUUID() },
  ];
  const own = await sg.query(q, { reps }, careWorkerOf(p.a), "CARE");
  expect(own.errors).toBeUndefined();
  expect(own.data._entities).toEqual([{ id: r.id, status: "SENT", service: { organisation: p.a } }, null]);
  const other = await sg.query(q, { reps: reps.slice(0, 1) }, careWorkerOf(p.b), "CARE");
  expect(errorCodes(other)).toEqual(["FORBIDDEN"]);
});

test("reading 50 people's referrals with services and history costs the same SQL as reading 2", async () => {
  const p = await twoPartners();
  const people: string[] = [];
  for (let i = 0; i < 50; i++) {
    const r = await refer(sg, p.serviceA);
    await refer(sg, p.serviceB, r.personId);
    people.push(r.personId);
  }
  const cost = async (ids: string[], as = careWorkerOf(p.a)) => {
    const before = queryCount(sg.db.dataSource);
    const res = await sg.query(
      `query P($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
        referrals { id overdue service { name } history { status by } } } } }`,
      { reps: ids.map((id) => ({ __typename: "Person", id })) },
      as,
      "CARE",
    );
    expect(res.errors).toBeUndefined();
    return queryCount(sg.db.dataSource) - before;
  };
  const two = await cost(people.slice(0, 2));
  const fifty = await cost(people);
  expect(fifty).toBe(two);
  expect(fifty).toBeLessThanOrEqual(6);
  const listCost = async (first: number) => {
    const before = queryCount(sg.db.dataSource);
    const res = await sg.query(LIST, { first, filter: { organisation: p.b } }, careWorkerOf(p.a), "CARE");
    expect(res.data.referrals.edges).toHaveLength(first);
    return queryCount(sg.db.dataSource) - before;
  };
  expect(await listCost(50)).toBe(await listCost(2));
});
