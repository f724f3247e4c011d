// Care's fields of the one IndicatorReport through the gateway (housing's `indicators` entry point): two reception
// centres (A with two feedback channels, B with none), staff trained in PSEA and MHPSS, a living-conditions survey at
// A, feedback at A over several weeks, referrals of A's residents and of people placed nowhere. The whole graph,
// the site-narrowed reports (residents asked of housing) and the weekly referral flow with its coordination filter,
// every value hand-computed below; an analyst (purpose REPORTING) reads them and is refused a health field.
import { queryCount, todayInBrussels } from "@reception-graph/kit";
import { randomUUID } from "node:crypto";
import { HOUSING, ok, place, registerHousehold, siteCoordinator, validatedSite } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes } from "../support/graphql";
import { TokenClaims } from "../support/tokens";

const ANALYST: TokenClaims = { sub: "analyst-olha", org: "IOM", roles: ["ANALYST"] };
const ADMIN: TokenClaims = { sub: "admin-taras", org: "STAD_GENT", roles: ["ADMIN"] };
const SOCIAL_WORKER: TokenClaims = { sub: "sw-anna", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };
const CAW: TokenClaims = { sub: "cw-iryna", org: "CAW_OOST_VLAANDEREN", roles: ["CARE_WORKER"] };

const day = (offset: number) =>
  new Date(Date.parse(todayInBrussels()) + offset * 86_400_000).toISOString().slice(0, 10);
const D = day(0);
const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };

const CARE_FIELDS = `from to siteId
  livingConditionsImprovedPct { code value numerator denominator baseline target met suppressed }
  staffTrainedPsea { value target met suppressed }
  staffTrainedMhpss { value target met suppressed }
  feedbackChannelsPerCentre { unit value numerator denominator target met suppressed }
  feedbackReceived { value suppressed }
  feedbackClosed { value suppressed }
  medianFeedbackResponseDays { value basis suppressed }
  referralsByStatus { status count { value suppressed } }
  overdueReferrals { value suppressed }`;
const REPORT = `query R($from: Date!, $to: Date!, $siteId: ID) { indicators(from: $from, to: $to, siteId: $siteId) {
  ${CARE_FIELDS} } }`;
const FLOW = `query F($from: Date!, $to: Date!, $filter: CoordinationFilter) {
  referralFlow(from: $from, to: $to, filter: $filter) { isoWeek weekStart made { value suppressed }
    byStatus { status count { value suppressed } } } }`;

let graph: RunningGraph;
let siteA: string;
let siteB: string;
const residentsA: string[] = [];

const report = async (from: string, to: string, siteId: string | null = null) =>
  ok(await graph.query(REPORT, { from, to, siteId }, ANALYST, "REPORTING")).indicators;

beforeAll(async () => {
  graph = await startGraph();
  siteA = await validatedSite(graph, "Schoonmeersen", [4, 4, 4]);
  siteB = await validatedSite(graph, "Ter Rive", [2]);
  const coordA = siteCoordinator(siteA);

  // A: 11 residents (households of 4, 4 and 3), placed since 2022; B: 2 residents.
  for (const [size, family] of [
    [4, "Bondarenko"],
    [4, "Shevchenko"],
    [3, "Kovalenko"],
  ] as const) {
    const h = await registerHousehold(graph, size, family);
    ok(await place(graph, h.householdId, siteA));
    residentsA.push(...h.memberIds);
  }
  const b = await registerHousehold(graph, 2, "Melnyk");
  ok(await place(graph, b.householdId, siteB));

  // Feedback channels: two at A, none at B.
  const REGISTER = `mutation C($input: RegisterFeedbackChannelInput!) { registerFeedbackChannel(input: $input) { id } }`;
  const box = ok(await graph.query(REGISTER, { input: { siteId: siteA, kind: "BOX" } }, coordA)).registerFeedbackChannel
    .id;
  ok(await graph.query(REGISTER, { input: { siteId: siteA, kind: "PHONE" } }, coordA));

  // Feedback at A: [received, answered] as days from today.
  const feedback: [number, number | null][] = [
    [-20, -19], // 1 day
    [-18, -16], // 2 days
    [-15, -12], // 3 days
    [-10, -2], // 8 days
    [-5, -1], // 4 days
    [-4, null], // open
    [-40, -35], // received and answered before the period
    [-45, -25], // received before the period, answered in it after 20 days
  ];
  for (const [received, answered] of feedback) {
    const f = ok(
      await graph.query(
        `mutation S($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { id } }`,
        {
          input: {
            siteId: siteA,
            channelId: box,
            category: "COMPLAINT",
            text: "The heating",
            language: "uk",
            anonymous: true,
            receivedOn: day(received),
          },
        },
        coordA,
        "CARE",
      ),
    ).submitFeedback;
    if (answered !== null) {
      ok(
        await graph.query(
          `mutation A($input: RespondToFeedbackInput!) { respondToFeedback(input: $input) { id } }`,
          { input: { feedbackId: f.id, response: "Repaired", respondedOn: day(answered) } },
          coordA,
          "CARE",
        ),
      );
    }
  }

  // Staff trained: [name, topic, day, site]. Olena twice in PSEA (counted once).
  const TRAIN = `mutation T($input: RecordTrainingInput!) { recordTraining(input: $input) { id } }`;
  for (const [staffName, topic, on, site] of [
    ["Olena Kovalenko", "PSEA", -10, siteA],
    ["Olena Kovalenko", "PSEA", -5, siteA],
    ["Iryna Savchenko", "PSEA", -20, siteB],
    ["Petro Lysenko", "MHPSS_PFA", -12, siteA],
    ["Maria Tkachenko", "MHPSS_PFA", -8, siteA],
    ["Oksana Boyko", "MHPSS_PFA", -3, siteA],
  ] as const) {
    ok(
      await graph.query(
        TRAIN,
        { input: { staffName, organisation: "IOM", topic, trainedOn: day(on), siteId: site } },
        HOUSING,
      ),
    );
  }

  // Survey at A: residents 0–5 IMPROVED (resident 0 said NOT_IMPROVED first), residents 6–10 NOT_IMPROVED.
  const SURVEY = `mutation V($input: LivingConditionsSurveyInput!) { recordLivingConditionsSurvey(input: $input) { id } }`;
  const answer = (personId: string, on: number, value: string) =>
    graph.query(SURVEY, { input: { personId, siteId: siteA, answeredOn: day(on), answer: value } }, coordA);
  ok(await answer(residentsA[0], -20, "NOT_IMPROVED"));
  for (const [i, person] of residentsA.entries()) ok(await answer(person, -5, i < 6 ? "IMPROVED" : "NOT_IMPROVED"));

  // Referrals, all made today: 8 of A's residents (6 stay SENT, 2 DECLINED), 6 people placed nowhere (5 ACCEPTED,
  // 1 SENT); one more DRAFT never sent.
  const service = ok(
    await graph.query(
      `mutation S($input: RegisterServiceInput!) { registerService(input: $input) { id } }`,
      {
        input: {
          name: "Psychosocial programme",
          organisation: "CAW_OOST_VLAANDEREN",
          type: "MENTAL_HEALTH",
          languages: ["uk", "nl"],
          contact: "078 15 03 00",
          openingHours: "Mon-Fri 9:00-17:00",
        },
      },
      ADMIN,
      null,
    ),
  ).registerService.id;
  const refer = async (personId: string, consent = true) =>
    ok(
      await graph.query(
        `mutation C($input: CreateReferralInput!) { createReferral(input: $input) { id } }`,
        { input: { personId, serviceId: service, reason: "MENTAL_HEALTH", consent, send: consent } },
        SOCIAL_WORKER,
      ),
    ).createReferral.id;
  const move = async (referralId: string, to: string) =>
    ok(
      await graph.query(
        `mutation T($input: TransitionReferralInput!) { transitionReferral(input: $input) { status } }`,
        { input: { referralId, to } },
        CAW,
        "CARE",
      ),
    );
  for (const person of residentsA.slice(0, 8)) {
    const id = await refer(person);
    if (person === residentsA[6] || person === residentsA[7]) await move(id, "DECLINED");
  }
  for (let i = 0; i < 6; i++) {
    const id = await refer(randomUUID());
    if (i < 5) await move(id, "ACCEPTED");
  }
  await refer(residentsA[9], false);
});
afterAll(async () => {
  await graph?.stop();
});

test("the whole graph over 30 days: every care indicator hand-computed", async () => {
  const r = await report(day(-29), D);
  expect(r).toMatchObject({ from: day(-29), to: D, siteId: null });
  // Outcome 1: latest answers in the period: 6 IMPROVED (resident 0's later answer wins), 5 NOT_IMPROVED:
  // 6 / 11 = 54.5%, below the target of 90.
  expect(r.livingConditionsImprovedPct).toEqual({
    code: "OUTCOME_1",
    value: 54.5,
    numerator: 6,
    denominator: 11,
    baseline: 0,
    target: 90,
    met: false,
    suppressed: false,
  });
  // PSEA: Olena (twice, one person) and Iryna = 2, target 2 met. MHPSS: Petro, Maria, Oksana = 3 of 6. Staff: shown.
  expect(r.staffTrainedPsea).toEqual({ value: 2, target: 2, met: true, suppressed: false });
  expect(r.staffTrainedMhpss).toEqual({ value: 3, target: 6, met: false, suppressed: false });
  // Centres operational: A (2 channels) and B (none): the fewest is 0; 1 of 2 centres has a channel; target 1 not met.
  expect(r.feedbackChannelsPerCentre).toEqual({
    unit: "PER_CENTRE",
    value: 0,
    numerator: 1,
    denominator: 2,
    target: 1,
    met: false,
    suppressed: false,
  });
  // Received in [D-29, D]: D-20, D-18, D-15, D-10, D-5, D-4 = 6. Closed in it: D-19, D-16, D-12, D-2, D-1 and D-25 = 6,
  // after 1, 2, 3, 8, 4 and 20 days: sorted 1 2 3 4 8 20, median (3 + 4) / 2 = 3.5.
  expect(r.feedbackReceived).toEqual(shown(6));
  expect(r.feedbackClosed).toEqual(shown(6));
  expect(r.medianFeedbackResponseDays).toEqual({ value: 3.5, basis: 6, suppressed: false });
  // Made 14: SENT 6 + 1 = 7, ACCEPTED 5, DECLINED 2 (suppressed); one cell alone would come back as 14 − 7 − 5,
  // so the smallest other non-zero cell, ACCEPTED 5, is suppressed too. The unsent draft is not made: DRAFT 0.
  expect(r.referralsByStatus).toEqual([
    { status: "DRAFT", count: shown(0) },
    { status: "SENT", count: shown(7) },
    { status: "ACCEPTED", count: hidden },
    { status: "DECLINED", count: hidden },
    { status: "IN_PROGRESS", count: shown(0) },
    { status: "COMPLETED", count: shown(0) },
    { status: "CANCELLED", count: shown(0) },
  ]);
  // No referral had a due date: none overdue, 0 shown.
  expect(r.overdueReferrals).toEqual(shown(0));
});

test("a short period: a median over 2 answers is suppressed, nothing received is 0; training counts up to `to`", async () => {
  const recent = await report(day(-3), D);
  // Closed in [D-3, D]: D-2 and D-1, 2 submissions: count and median suppressed. None received: 0.
  expect(recent.feedbackReceived).toEqual(shown(0));
  expect(recent.feedbackClosed).toEqual(hidden);
  expect(recent.medianFeedbackResponseDays).toEqual({ value: null, basis: null, suppressed: true });
  // No survey answer in [D-3, D]: nothing to take a share of.
  expect(recent.livingConditionsImprovedPct).toMatchObject({ value: null, numerator: 0, denominator: 0, met: null });
  const early = await report(day(-29), day(-9));
  // Trained on or before D-9: PSEA Olena (D-10) and Iryna (D-20) = 2; MHPSS Petro (D-12) = 1.
  expect(early.staffTrainedPsea.value).toBe(2);
  expect(early.staffTrainedMhpss.value).toBe(1);
  // Made referrals: none in [D-29, D-9].
  expect(early.referralsByStatus.map((c: any) => c.count.value)).toEqual([0, 0, 0, 0, 0, 0, 0]);
});

test("narrowed to a site: A's residents, feedback and staff; B with no channel and nothing else", async () => {
  const a = await report(day(-29), D, siteA);
  expect(a.siteId).toBe(siteA);
  // A's residents' referrals: SENT 6, DECLINED 2 (suppressed) and, complementary, SENT 6 too; the rest 0.
  expect(a.referralsByStatus).toEqual([
    { status: "DRAFT", count: shown(0) },
    { status: "SENT", count: hidden },
    { status: "ACCEPTED", count: shown(0) },
    { status: "DECLINED", count: hidden },
    { status: "IN_PROGRESS", count: shown(0) },
    { status: "COMPLETED", count: shown(0) },
    { status: "CANCELLED", count: shown(0) },
  ]);
  // All feedback and the survey are A's; PSEA at A: Olena only (1 of 2); MHPSS: 3.
  expect(a.feedbackReceived).toEqual(shown(6));
  expect(a.medianFeedbackResponseDays).toEqual({ value: 3.5, basis: 6, suppressed: false });
  expect(a.livingConditionsImprovedPct).toMatchObject({ value: 54.5, numerator: 6, denominator: 11 });
  expect(a.staffTrainedPsea).toEqual({ value: 1, target: 2, met: false, suppressed: false });
  expect(a.staffTrainedMhpss.value).toBe(3);
  // One centre, A, with 2 channels: the target of 1 per centre is met.
  expect(a.feedbackChannelsPerCentre).toMatchObject({ value: 2, numerator: 1, denominator: 1, met: true });

  const b = await report(day(-29), D, siteB);
  expect(b.referralsByStatus.map((c: any) => c.count)).toEqual(Array(7).fill(shown(0)));
  expect(b.feedbackReceived).toEqual(shown(0));
  expect(b.staffTrainedPsea.value).toBe(1);
  expect(b.staffTrainedMhpss.value).toBe(0);
  expect(b.feedbackChannelsPerCentre).toMatchObject({ value: 0, numerator: 0, denominator: 1, met: false });
  expect(b.livingConditionsImprovedPct).toMatchObject({ value: null, met: null });
});

test("referralFlow with the coordination filter: A's residents, all of Gent, the whole graph; bad filters refused", async () => {
  const flow = async (filter: Record<string, unknown> | null) =>
    ok(await graph.query(FLOW, { from: D, to: D, filter }, ANALYST, "REPORTING")).referralFlow;
  // The week of today, today only. Everyone: made 14 (SENT entered 14), ACCEPTED 5, DECLINED 2 suppressed, DRAFT 1
  // (the unsent draft entered DRAFT) suppressed.
  const all = await flow(null);
  expect(all).toHaveLength(1);
  expect(all[0].made).toEqual(shown(14));
  expect(all[0].byStatus).toEqual([
    { status: "DRAFT", count: hidden },
    { status: "SENT", count: shown(14) },
    { status: "ACCEPTED", count: shown(5) },
    { status: "DECLINED", count: hidden },
    { status: "IN_PROGRESS", count: shown(0) },
    { status: "COMPLETED", count: shown(0) },
    { status: "CANCELLED", count: shown(0) },
  ]);
  // Site A: 8 made and sent (the draft of resident 9 entered DRAFT: 1, suppressed), 2 DECLINED suppressed.
  const a = await flow({ siteId: siteA });
  expect(a[0].made).toEqual(shown(8));
  expect(a[0].byStatus.map((c: any) => c.count)).toEqual([
    hidden,
    shown(8),
    shown(0),
    hidden,
    shown(0),
    shown(0),
    shown(0),
  ]);
  // Gent (NIS 44021): A and B, the same 8 (B's residents have no referral). Site B: none.
  expect((await flow({ nisCode: "44021" }))[0].made).toEqual(shown(8));
  expect((await flow({ siteId: siteB }))[0].made).toEqual(shown(0));

  const unknownSite = await graph.query(
    FLOW,
    { from: D, to: D, filter: { siteId: randomUUID() } },
    ANALYST,
    "REPORTING",
  );
  expect(errorCodes(unknownSite)).toEqual(["BAD_USER_INPUT"]);
  // Housing checks the rest of the filter; its refusal is passed on.
  const unknownMunicipality = await graph.query(
    FLOW,
    { from: D, to: D, filter: { nisCode: "99999" } },
    ANALYST,
    "REPORTING",
  );
  expect(errorCodes(unknownMunicipality)).toEqual(["BAD_USER_INPUT"]);
  expect(unknownMunicipality.errors![0].message).toContain("99999");
  const backwards = await graph.query(FLOW, { from: D, to: day(-1) }, ANALYST, "REPORTING");
  expect(errorCodes(backwards)).toEqual(["BAD_USER_INPUT"]);
  const tooLong = await graph.query(FLOW, { from: day(-400), to: D }, ANALYST, "REPORTING");
  expect(errorCodes(tooLong)).toEqual(["BAD_USER_INPUT"]);
});

test("an analyst reads care's indicators and is refused personal fields: a person with their care contacts, the referrals", async () => {
  const res = await graph.query(REPORT, { from: day(-29), to: D, siteId: null }, ANALYST, "REPORTING");
  expect(res.errors).toBeUndefined();
  const health = await graph.query(
    `query P($id: ID!) { person(id: $id) { id careContacts { id } } }`,
    { id: residentsA[0] },
    ANALYST,
    "REPORTING",
  );
  // The person (identity) is refused before care's health field is reached; care's own refusal of careContacts to an
  // analyst is asserted on care directly (tests/integration/care/indicators.int.test.ts).
  expect(errorCodes(health)).toEqual(["FORBIDDEN"]);
  expect(health.data.person).toBeNull();
  const referrals = await graph.query(`{ referrals(first: 5) { totalCount } }`, {}, ANALYST, "REPORTING");
  expect(errorCodes(referrals)).toEqual(["FORBIDDEN"]);
  expect(referrals.errors![0].message).toContain("REPORTING");
});

test("a period before any centre operated costs care the statements of one with centres", async () => {
  const statements = async (from: string, to: string) => {
    const before = queryCount(graph.dataSources.care);
    const r = await report(from, to);
    return { channels: r.feedbackChannelsPerCentre, statements: queryCount(graph.dataSources.care) - before };
  };
  // Periods no other test asks: care's report cache has neither.
  const early = await statements("2015-03-01", "2015-03-31");
  const now = await statements(day(-20), day(-1));
  expect(early.channels).toMatchObject({ numerator: 0, denominator: 0 });
  expect(now.channels).toMatchObject({ denominator: 2 });
  expect(now.statements).toBeGreaterThanOrEqual(4);
  expect(early.statements).toBe(now.statements);
});
