// Through the gateway: incidents are reported and followed up by the site's coordinators and the care workers of the
// organisations involved (social workers read), staff trainings are counted once per person and topic, and residents'
// living-conditions answers feed the outcome indicator; every refusal is audited in care and writes nothing.
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, GqlResponse } from "../support/graphql";
import { HOUSING, ok, place, registerHousehold, siteCoordinator, SOCIAL, validatedSite } from "../support/fixtures";
import { TokenClaims } from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
let siteA: string;
let siteB: string;
let coordA: TokenClaims;
let coordB: TokenClaims;
/** Residents of site A (two households of six) and of site B (one household of two). */
let residentsA: string[];
let residentsB: string[];
const CAW: TokenClaims = { sub: "e2e-prot-caw", org: "CAW_OOST_VLAANDEREN", roles: ["CARE_WORKER"] };
const VDAB: TokenClaims = { sub: "e2e-prot-vdab", org: "VDAB", roles: ["CARE_WORKER"] };
const ANALYST: TokenClaims = { sub: "e2e-prot-analyst", org: "STAD_GENT", roles: ["ANALYST"] };
const NOBODY = "00000000-0000-4000-8000-000000000000";

const REPORT = `mutation R($input: ReportIncidentInput!) {
  reportIncident(input: $input) {
    id siteId occurredOn type severity summary status organisations reportedBy people { id }
    actions { id description dueDate doneOn } history { from status by }
  }
}`;
const MOVE = `mutation M($input: TransitionIncidentInput!) { transitionIncident(input: $input) { status history { from status by note } } }`;
const ADD_ACTION = `mutation A($input: AddIncidentActionInput!) { addIncidentAction(input: $input) { actions { id description doneOn } } }`;
const DONE = `mutation D($input: CompleteIncidentActionInput!) { completeIncidentAction(input: $input) { actions { id doneOn } } }`;
const ONE = `query I($id: ID!) { incident(id: $id) { id type status people { id } } }`;
const LIST = `query L($first: Int, $after: String, $filter: IncidentFilter) {
  incidents(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id siteId type } } }
}`;
const TRAIN = `mutation T($input: RecordTrainingInput!) { recordTraining(input: $input) { id staffName organisation topic trainedOn siteId } }`;
const TRAINED = `query S($topic: TrainingTopic, $siteId: ID) { trainedStaff(topic: $topic, siteId: $siteId) { topic staff sites { siteId staff } } }`;
const SURVEY = `mutation V($input: LivingConditionsSurveyInput!) { recordLivingConditionsSurvey(input: $input) { id answer answeredOn siteId person { id } } }`;
const INDICATOR = `query Q($siteId: ID, $from: Date!, $to: Date!) {
  livingConditionsImproved(siteId: $siteId, from: $from, to: $to) { improved answered percentage suppressed }
}`;

function badField(res: GqlResponse): { code: string; field: string } {
  expect(res.errors).toHaveLength(1);
  return { code: res.errors![0].extensions?.code, field: res.errors![0].extensions?.field };
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await graph.dataSources.care.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return row.n;
}

/** Care's audit lines of one subject about one person (or about nobody), as category/action/outcome triples. */
async function auditOf(subject: string, personId: string | null, operationLike = "%") {
  const rows = await graph.dataSources.care.query(
    `SELECT category, action, outcome FROM ${AUDIT_LINES}
     WHERE subject = $1 AND person_id IS NOT DISTINCT FROM $2::uuid AND operation LIKE $3 ORDER BY id`,
    [subject, personId, operationLike],
  );
  return rows as { category: string; action: string; outcome: string }[];
}

function reportInput(extra: Record<string, unknown> = {}) {
  return {
    siteId: siteA,
    occurredOn: "2022-06-10",
    type: "CONFLICT_BETWEEN_RESIDENTS",
    severity: "MEDIUM",
    summary: "Argument in the shared kitchen about cleaning turns",
    ...extra,
  };
}

beforeAll(async () => {
  graph = await startGraph();
  siteA = await validatedSite(graph, "Protection centre A", [6, 6]);
  siteB = await validatedSite(graph, "Protection centre B", [2]);
  coordA = siteCoordinator(siteA);
  coordB = siteCoordinator(siteB);
  residentsA = [];
  for (const family of ["Koval", "Savchuk"]) {
    const h = await registerHousehold(graph, 6, family);
    ok(await place(graph, h.householdId, siteA));
    residentsA.push(...h.memberIds);
  }
  const b = await registerHousehold(graph, 2, "Hnatiuk");
  ok(await place(graph, b.householdId, siteB));
  residentsB = b.memberIds;
  const service = ok(
    await graph.query(
      `mutation S($input: RegisterServiceInput!) { registerService(input: $input) { id } }`,
      {
        input: {
          name: "Protection counselling",
          organisation: "CAW_OOST_VLAANDEREN",
          type: "PROTECTION",
          languages: ["uk"],
          contact: "078 15 03 00",
          openingHours: "Mon-Fri 9:00-17:00",
        },
      },
      { sub: "e2e-prot-admin", org: "STAD_GENT", roles: ["ADMIN"] },
      null,
    ),
  ).registerService.id;
  // CAW's scope: the first resident of site B is referred to CAW.
  ok(
    await graph.query(
      `mutation C($input: CreateReferralInput!) { createReferral(input: $input) { id } }`,
      { input: { personId: residentsB[0], serviceId: service, reason: "PROTECTION", consent: true } },
      SOCIAL,
    ),
  );
}, 180_000);
afterAll(async () => {
  await graph?.stop();
});

describe("incidents", () => {
  test("a site coordinator reports an incident at their site with a follow-up action; it is audited per person", async () => {
    const res = await graph.query(
      REPORT,
      {
        input: reportInput({
          personIds: [residentsA[0], residentsA[6]],
          followUpActions: [{ description: "Mediation talk with both families", dueDate: "2022-06-15" }],
        }),
      },
      coordA,
    );
    expect(res.errors).toBeUndefined();
    const i = res.data.reportIncident;
    expect(i).toMatchObject({
      siteId: siteA,
      occurredOn: "2022-06-10",
      type: "CONFLICT_BETWEEN_RESIDENTS",
      severity: "MEDIUM",
      status: "OPEN",
      organisations: [],
      reportedBy: coordA.sub,
      people: [{ id: residentsA[0] }, { id: residentsA[6] }],
      actions: [{ description: "Mediation talk with both families", dueDate: "2022-06-15", doneOn: null }],
      history: [{ from: null, status: "OPEN", by: coordA.sub }],
    });
    for (const person of [residentsA[0], residentsA[6]]) {
      const lines = await auditOf(coordA.sub!, person, "%reportIncident");
      expect(lines).toContainEqual({ category: "PROTECTION", action: "WRITE", outcome: "ALLOWED" });
      expect(lines).toContainEqual({ category: "PROTECTION", action: "READ", outcome: "ALLOWED" });
    }
  });

  test("status moves OPEN → IN_FOLLOW_UP → CLOSED only; actions are added and done over time, history kept", async () => {
    const id = ok(await graph.query(REPORT, { input: reportInput({ personIds: [residentsA[1]] }) }, coordA))
      .reportIncident.id;
    const skip = await graph.query(MOVE, { input: { incidentId: id, to: "CLOSED" } }, coordA);
    expect(errorCodes(skip)).toEqual(["CONFLICT"]);
    const added = ok(
      await graph.query(
        ADD_ACTION,
        { input: { incidentId: id, description: "Check in with the family", dueDate: "2022-06-20" } },
        coordA,
      ),
    ).addIncidentAction.actions;
    expect(added).toHaveLength(1);
    ok(await graph.query(MOVE, { input: { incidentId: id, to: "IN_FOLLOW_UP", note: "Talk planned" } }, coordA));
    const done = ok(await graph.query(DONE, { input: { actionId: added[0].id, doneOn: "2022-06-18" } }, coordA))
      .completeIncidentAction.actions;
    expect(done).toEqual([{ id: added[0].id, doneOn: "2022-06-18" }]);
    const again = await graph.query(DONE, { input: { actionId: added[0].id, doneOn: "2022-06-19" } }, coordA);
    expect(errorCodes(again)).toEqual(["CONFLICT"]);
    const closed = ok(await graph.query(MOVE, { input: { incidentId: id, to: "CLOSED" } }, coordA)).transitionIncident;
    expect(closed.history).toEqual([
      { from: null, status: "OPEN", by: coordA.sub, note: null },
      { from: "OPEN", status: "IN_FOLLOW_UP", by: coordA.sub, note: "Talk planned" },
      { from: "IN_FOLLOW_UP", status: "CLOSED", by: coordA.sub, note: null },
    ]);
    const reopen = await graph.query(MOVE, { input: { incidentId: id, to: "OPEN" } }, coordA);
    expect(errorCodes(reopen)).toEqual(["CONFLICT"]);
    const late = await graph.query(
      ADD_ACTION,
      { input: { incidentId: id, description: "Too late", dueDate: "2022-07-01" } },
      coordA,
    );
    expect(errorCodes(late)).toEqual(["CONFLICT"]);
    expect(await count(`incident_action WHERE incident_id = $1`, [id])).toBe(1);
    expect(await count(`incident_transition WHERE incident_id = $1`, [id])).toBe(3);
  });

  test("bad input names the field: future date, unknown site, empty and over-long summary, action before the incident", async () => {
    const before = await count("incident");
    const cases: [Record<string, unknown>, string][] = [
      [{ occurredOn: "2999-01-01" }, "input.occurredOn"],
      [{ siteId: NOBODY }, "input.siteId"],
      [{ summary: "   " }, "input.summary"],
      [{ summary: "x".repeat(2001) }, "input.summary"],
      [{ personIds: ["not-an-id"] }, "input.personIds[0]"],
      [{ organisations: ["caw"] }, "input.organisations[0]"],
      [{ followUpActions: [{ description: "Talk", dueDate: "2022-06-01" }] }, "input.followUpActions[0].dueDate"],
    ];
    for (const [extra, field] of cases) {
      const res = await graph.query(REPORT, { input: reportInput(extra) }, coordA);
      expect(badField(res)).toEqual({ code: "BAD_USER_INPUT", field });
    }
    expect(await count("incident")).toBe(before);
  });

  test("refusals write nothing and are in care's audit log: another site, a social worker, a stranger named", async () => {
    const before = await count("incident");
    const otherSite = await graph.query(
      REPORT,
      { input: reportInput({ siteId: siteB, personIds: [residentsB[1]] }) },
      coordA,
    );
    expect(errorCodes(otherSite)).toEqual(["FORBIDDEN"]);
    expect(await auditOf(coordA.sub!, residentsB[1], "%reportIncident")).toEqual([
      { category: "PROTECTION", action: "WRITE", outcome: "REFUSED" },
    ]);

    const social = await graph.query(REPORT, { input: reportInput() }, SOCIAL);
    expect(errorCodes(social)).toEqual(["FORBIDDEN"]);
    expect(await auditOf(SOCIAL.sub!, null, "%reportIncident")).toEqual([
      { category: "PROTECTION", action: "WRITE", outcome: "REFUSED" },
    ]);

    // A resident of another site named in a report at the coordinator's own site.
    const stranger = await graph.query(REPORT, { input: reportInput({ personIds: [residentsB[0]] }) }, coordA);
    expect(errorCodes(stranger)).toEqual(["FORBIDDEN"]);
    expect(await auditOf(coordA.sub!, residentsB[0], "%reportIncident")).toEqual([
      { category: "PROTECTION", action: "WRITE", outcome: "REFUSED" },
    ]);

    // A care worker names only people referred to their organisation.
    const notReferred = await graph.query(
      REPORT,
      { input: reportInput({ siteId: siteB, personIds: [residentsB[1]] }) },
      VDAB,
      "CARE",
    );
    expect(errorCodes(notReferred)).toEqual(["FORBIDDEN"]);
    expect(await auditOf(VDAB.sub!, residentsB[1], "%reportIncident")).toEqual([
      { category: "PROTECTION", action: "WRITE", outcome: "REFUSED" },
    ]);
    expect(await count("incident")).toBe(before);
  });

  test("a care worker's report involves their organisation: they, the site's coordinator and social workers see it, others do not", async () => {
    const res = await graph.query(
      REPORT,
      {
        input: reportInput({
          siteId: siteB,
          type: "GBV",
          severity: "HIGH",
          summary: "Disclosure during a counselling talk",
          personIds: [residentsB[0]],
          idempotencyKey: "e2e-prot-gbv",
        }),
      },
      CAW,
      "CARE",
    );
    expect(res.errors).toBeUndefined();
    const id = res.data.reportIncident.id;
    expect(res.data.reportIncident.organisations).toEqual(["CAW_OOST_VLAANDEREN"]);
    const repeat = await graph.query(
      REPORT,
      {
        input: reportInput({
          siteId: siteB,
          type: "GBV",
          severity: "HIGH",
          summary: "Disclosure during a counselling talk",
          personIds: [residentsB[0]],
          idempotencyKey: "e2e-prot-gbv",
        }),
      },
      CAW,
      "CARE",
    );
    expect(repeat.data.reportIncident.id).toBe(id);
    expect(await count(`incident WHERE site_id = $1 AND type = 'GBV'`, [siteB])).toBe(1);

    for (const [who, purpose] of [
      [CAW, "CARE"],
      [coordB, "CASE_MANAGEMENT"],
      [SOCIAL, "CASE_MANAGEMENT"],
    ] as const) {
      const read = await graph.query(ONE, { id }, who, purpose);
      expect(read.errors).toBeUndefined();
      expect(read.data.incident).toEqual({ id, type: "GBV", status: "OPEN", people: [{ id: residentsB[0] }] });
      expect(await auditOf(who.sub!, residentsB[0], "%/incident")).toContainEqual({
        category: "PROTECTION",
        action: "READ",
        outcome: "ALLOWED",
      });
    }
    for (const who of [VDAB, coordA]) {
      const read = await graph.query(ONE, { id }, who, "CARE");
      expect(errorCodes(read)).toEqual(["FORBIDDEN"]);
      expect(await auditOf(who.sub!, residentsB[0], "%/incident")).toEqual([
        { category: "PROTECTION", action: "READ", outcome: "REFUSED" },
      ]);
      const list = ok(await graph.query(LIST, { filter: { siteId: siteB } }, who, "CARE")).incidents;
      expect(list).toMatchObject({ totalCount: 0, edges: [] });
    }
    // A purpose that does not cover protection data, and a social worker's write.
    expect(errorCodes(await graph.query(ONE, { id }, SOCIAL, "PLACEMENT"))).toEqual(["FORBIDDEN"]);
    const move = await graph.query(MOVE, { input: { incidentId: id, to: "IN_FOLLOW_UP" } }, SOCIAL);
    expect(errorCodes(move)).toEqual(["FORBIDDEN"]);
    expect(await auditOf(SOCIAL.sub!, null, "%transitionIncident")).toEqual([
      { category: "PROTECTION", action: "WRITE", outcome: "REFUSED" },
    ]);
    // A care worker of another organisation cannot follow it up either.
    const vdabMove = await graph.query(MOVE, { input: { incidentId: id, to: "IN_FOLLOW_UP" } }, VDAB, "CARE");
    expect(errorCodes(vdabMove)).toEqual(["FORBIDDEN"]);
    expect(await auditOf(VDAB.sub!, residentsB[0], "%transitionIncident")).toEqual([
      { category: "PROTECTION", action: "WRITE", outcome: "REFUSED" },
    ]);
    expect(await count(`incident WHERE id = $1 AND status = 'OPEN'`, [id])).toBe(1);
  });

  test("an incident naming nobody is still checked and audited, with no person", async () => {
    const res = await graph.query(
      REPORT,
      {
        input: reportInput({ siteId: siteB, type: "THEFT", severity: "LOW", summary: "Bicycle stolen from the shed" }),
      },
      coordB,
    );
    expect(res.errors).toBeUndefined();
    const id = res.data.reportIncident.id;
    expect(await auditOf(coordB.sub!, null, "%reportIncident")).toContainEqual({
      category: "PROTECTION",
      action: "WRITE",
      outcome: "ALLOWED",
    });
    expect(errorCodes(await graph.query(ONE, { id }, coordA))).toEqual(["FORBIDDEN"]);
    expect(await auditOf(coordA.sub!, null, "%/incident")).toEqual([
      { category: "PROTECTION", action: "READ", outcome: "REFUSED" },
    ]);
  });

  test("the list filters by what the caller may see, by site, status and type, in keyset pages", async () => {
    const all = ok(await graph.query(LIST, { first: 100 }, SOCIAL)).incidents;
    const total = await count("incident");
    expect(all.totalCount).toBe(total);
    const mine = ok(await graph.query(LIST, { first: 100 }, coordA)).incidents;
    expect(mine.totalCount).toBe(await count(`incident WHERE site_id = $1`, [siteA]));
    expect(mine.edges.every((e: any) => e.node.siteId === siteA)).toBe(true);
    const caw = ok(await graph.query(LIST, { first: 100 }, CAW, "CARE")).incidents;
    expect(caw.edges.map((e: any) => e.node.type)).toEqual(["GBV"]);
    const gbv = ok(await graph.query(LIST, { filter: { type: "GBV", status: "OPEN" } }, SOCIAL)).incidents;
    expect(gbv.totalCount).toBe(1);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = ok(await graph.query(LIST, { first: 2, after, filter: { siteId: siteA } }, coordA)).incidents;
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(mine.edges.map((e: any) => e.node.id));
    expect(new Set(seen).size).toBe(mine.totalCount);
  });
});

describe("staff training", () => {
  test("trained staff are counted once per person and topic, per site and in total", async () => {
    const record = (as: TokenClaims, input: Record<string, unknown>) =>
      graph.query(TRAIN, { input: { topic: "MHPSS_PFA", trainedOn: "2022-05-20", siteId: siteA, ...input } }, as);
    ok(await record(coordA, { staffName: "Olena Kovalenko", organisation: "IOM", topic: "PSEA" }));
    // The same person, written differently, at a refresher: still one person.
    ok(
      await record(coordA, {
        staffName: "olena  KOVALÉNKO",
        organisation: "IOM",
        topic: "PSEA",
        trainedOn: "2022-06-01",
      }),
    );
    ok(await record(coordA, { staffName: "Olena Kovalenko", organisation: "IOM" }));
    ok(await record(coordB, { staffName: "Olena Kovalenko", organisation: "IOM", siteId: siteB }));
    ok(await record(CAW, { staffName: "Sofie Peeters", organisation: "CAW_OOST_VLAANDEREN", siteId: siteB }));
    // Another organisation's Olena Kovalenko is another person.
    ok(await record(HOUSING, { staffName: "Olena Kovalenko", organisation: "STAD_GENT", siteId: siteB }));

    const res = await graph.query(TRAINED, {}, ANALYST, "REPORTING");
    expect(res.errors).toBeUndefined();
    const bySite = (sites: { siteId: string; staff: number }[]) =>
      Object.fromEntries(sites.map((s) => [s.siteId, s.staff]));
    const [psea, mhpss] = res.data.trainedStaff;
    expect(psea).toMatchObject({ topic: "PSEA", staff: 1 });
    expect(bySite(psea.sites)).toEqual({ [siteA]: 1 });
    expect(mhpss).toMatchObject({ topic: "MHPSS_PFA", staff: 3 });
    expect(bySite(mhpss.sites)).toEqual({ [siteA]: 1, [siteB]: 3 });
    const oneSite = ok(await graph.query(TRAINED, { topic: "MHPSS_PFA", siteId: siteA }, ANALYST, "REPORTING"));
    expect(oneSite.trainedStaff).toEqual([{ topic: "MHPSS_PFA", staff: 1, sites: [{ siteId: siteA, staff: 1 }] }]);
  });

  test("bad input, duplicates and refusals write nothing; refusals are audited", async () => {
    const before = await count("training");
    const input = (extra: Record<string, unknown>) => ({
      input: {
        staffName: "Ivan Petrenko",
        organisation: "IOM",
        topic: "PSEA",
        trainedOn: "2022-05-20",
        siteId: siteA,
        ...extra,
      },
    });
    for (const [extra, field] of [
      [{ trainedOn: "2999-01-01" }, "input.trainedOn"],
      [{ staffName: "  " }, "input.staffName"],
      [{ staffName: "Ivan Petrenko!" }, "input.staffName"],
      [{ staffName: "I".repeat(101) }, "input.staffName"],
      [{ siteId: NOBODY }, "input.siteId"],
      [{ organisation: "iom!" }, "input.organisation"],
    ] as const) {
      expect(badField(await graph.query(TRAIN, input(extra), coordA))).toEqual({ code: "BAD_USER_INPUT", field });
    }
    const wrongSite = await graph.query(TRAIN, input({ siteId: siteB }), coordA);
    expect(errorCodes(wrongSite)).toEqual(["FORBIDDEN"]);
    const wrongOrg = await graph.query(TRAIN, input({ organisation: "VDAB" }), CAW, "CARE");
    expect(errorCodes(wrongOrg)).toEqual(["FORBIDDEN"]);
    const social = await graph.query(TRAIN, input({}), SOCIAL);
    expect(errorCodes(social)).toEqual(["FORBIDDEN"]);
    expect(await count("training")).toBe(before);
    for (const [who, category] of [
      [coordA, "STAFF_TRAINING"],
      [CAW, "STAFF_TRAINING"],
      [SOCIAL, "ROLE"],
    ] as const) {
      expect(await auditOf(who.sub!, null, "%recordTraining")).toEqual([
        { category, action: "WRITE", outcome: "REFUSED" },
      ]);
    }
    ok(await graph.query(TRAIN, input({}), coordA));
    expect(errorCodes(await graph.query(TRAIN, input({ staffName: "ivan petrenko" }), coordA))).toEqual(["CONFLICT"]);
    expect(await count("training")).toBe(before + 1);
  });
});

describe("living-conditions survey", () => {
  test("a resident's latest answer is theirs to read back; history is kept; one answer per day", async () => {
    const person = residentsA[0];
    const answer = (answeredOn: string, value: string) =>
      graph.query(SURVEY, { input: { personId: person, siteId: siteA, answeredOn, answer: value } }, coordA);
    ok(await answer("2022-06-01", "NOT_IMPROVED"));
    ok(await answer("2022-07-01", "IMPROVED"));
    expect(errorCodes(await answer("2022-07-01", "NOT_IMPROVED"))).toEqual(["CONFLICT"]);
    const read = await graph.query(
      `query P($id: ID!) { person(id: $id) { givenName livingConditions { answer answeredOn siteId } livingConditionsHistory { answer } } }`,
      { id: person },
      coordA,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.person.livingConditions).toEqual({ answer: "IMPROVED", answeredOn: "2022-07-01", siteId: siteA });
    expect(read.data.person.livingConditionsHistory).toEqual([{ answer: "IMPROVED" }, { answer: "NOT_IMPROVED" }]);
    expect(await auditOf(coordA.sub!, person, "P/_entities")).toContainEqual({
      category: "PROTECTION",
      action: "READ",
      outcome: "ALLOWED",
    });
    expect(await count(`living_conditions_survey WHERE person_id = $1`, [person])).toBe(2);
  });

  test("refusals: another site's resident, another site, a social worker, a care worker without the referral", async () => {
    const before = await count("living_conditions_survey");
    const input = (personId: string, siteId: string) => ({
      input: { personId, siteId, answeredOn: "2022-07-02", answer: "IMPROVED" },
    });
    const cases: [TokenClaims, string, string, string, string][] = [
      [coordA, "CASE_MANAGEMENT", residentsB[1], siteA, "PROTECTION"],
      [coordA, "CASE_MANAGEMENT", residentsB[1], siteB, "PROTECTION"],
      [SOCIAL, "CASE_MANAGEMENT", residentsB[1], siteB, "PROTECTION"],
      [VDAB, "CARE", residentsB[1], siteB, "PROTECTION"],
    ];
    for (const [who, purpose, person, site] of cases) {
      expect(errorCodes(await graph.query(SURVEY, input(person, site), who, purpose as any))).toEqual(["FORBIDDEN"]);
    }
    expect(await count("living_conditions_survey")).toBe(before);
    // Refused twice: once by housing's answer (not a resident of theirs), once for the site itself.
    expect(await auditOf(coordA.sub!, residentsB[1], "%recordLivingConditionsSurvey")).toEqual([
      { category: "PROTECTION", action: "WRITE", outcome: "REFUSED" },
      { category: "PROTECTION", action: "WRITE", outcome: "REFUSED" },
    ]);
    expect(await auditOf(VDAB.sub!, residentsB[1], "%recordLivingConditionsSurvey")).toEqual([
      { category: "PROTECTION", action: "WRITE", outcome: "REFUSED" },
    ]);
    expect(await auditOf(SOCIAL.sub!, null, "%recordLivingConditionsSurvey")).toEqual([
      { category: "PROTECTION", action: "WRITE", outcome: "REFUSED" },
    ]);
    // The care worker the person is referred to may ask them, wherever they live.
    const caw = await graph.query(SURVEY, input(residentsB[0], siteB), CAW, "CARE");
    expect(caw.errors).toBeUndefined();
    expect(caw.data.recordLivingConditionsSurvey).toMatchObject({ answer: "IMPROVED", person: { id: residentsB[0] } });
  });

  test("bad input names the field", async () => {
    const before = await count("living_conditions_survey");
    const cases: [Record<string, string>, string][] = [
      [{ answeredOn: "2999-01-01" }, "input.answeredOn"],
      [{ siteId: NOBODY }, "input.siteId"],
      [{ personId: "x" }, "input.personId"],
    ];
    for (const [extra, field] of cases) {
      const res = await graph.query(
        SURVEY,
        { input: { personId: residentsA[2], siteId: siteA, answeredOn: "2022-07-02", answer: "IMPROVED", ...extra } },
        coordA,
      );
      expect(badField(res)).toEqual({ code: "BAD_USER_INPUT", field });
    }
    expect(await count("living_conditions_survey")).toBe(before);
  });

  test("the indicator counts each person's latest answer in the period; small counts are suppressed", async () => {
    // residentsA[0] already answered: NOT_IMPROVED on 1 June, IMPROVED on 1 July.
    const plan: [number, string, string][] = [
      [1, "2022-07-05", "IMPROVED"],
      [2, "2022-07-05", "IMPROVED"],
      [3, "2022-07-05", "IMPROVED"],
      [4, "2022-07-05", "IMPROVED"],
      [5, "2022-06-05", "IMPROVED"],
      [5, "2022-07-05", "NOT_IMPROVED"],
      [6, "2022-07-05", "NOT_IMPROVED"],
      [7, "2022-07-05", "NOT_IMPROVED"],
      [8, "2022-07-05", "NOT_IMPROVED"],
      [9, "2022-07-05", "NOT_IMPROVED"],
      [10, "2022-07-05", "NO_ANSWER"],
      [11, "2022-08-05", "NOT_IMPROVED"],
    ];
    for (const [i, answeredOn, answer] of plan) {
      ok(await graph.query(SURVEY, { input: { personId: residentsA[i], siteId: siteA, answeredOn, answer } }, coordA));
    }
    // June–July at site A: improved 0,1,2,3,4 = 5; not improved 5,6,7,8,9 = 5; 10 did not answer; 11 is in August.
    const july = ok(
      await graph.query(INDICATOR, { siteId: siteA, from: "2022-06-01", to: "2022-07-31" }, ANALYST, "REPORTING"),
    );
    expect(july.livingConditionsImproved).toEqual({ improved: 5, answered: 10, percentage: 50, suppressed: false });
    // June alone: 0 (NOT_IMPROVED) and 5 (IMPROVED): two people, withheld.
    const june = ok(
      await graph.query(INDICATOR, { siteId: siteA, from: "2022-06-01", to: "2022-06-30" }, ANALYST, "REPORTING"),
    );
    expect(june.livingConditionsImproved).toEqual({
      improved: null,
      answered: null,
      percentage: null,
      suppressed: true,
    });
    const none = ok(await graph.query(INDICATOR, { from: "2021-01-01", to: "2021-12-31" }, ANALYST, "REPORTING"));
    expect(none.livingConditionsImproved).toEqual({ improved: 0, answered: 0, percentage: null, suppressed: false });
    const reversed = await graph.query(INDICATOR, { from: "2022-07-31", to: "2022-06-01" }, ANALYST, "REPORTING");
    expect(badField(reversed)).toEqual({ code: "BAD_USER_INPUT", field: "from" });
  });
});
