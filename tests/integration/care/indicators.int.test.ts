// Care's part of the IndicatorReport, asked of care directly the way the gateway asks it (`_entities`): referrals made in
// the period by status at its end (small cells suppressed, with a complementary cell), overdue referrals, the weekly
// referral flow, empty feedback and training figures shown as 0, bad keys refused, and an analyst reading these
// aggregates while refused a health field. No site filter here: care asks housing nothing.
import { careSubgraph } from "@reception-graph/care";
import { todayInBrussels } from "@reception-graph/kit";
import { randomUUID } from "node:crypto";
import { errorCodes } from "../../support/graphql";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { TokenClaims } from "../../support/tokens";
import { careWorkerOf, createService, move, refer, SOCIAL_WORKER } from "./care-fixtures";

const ANALYST: TokenClaims = { sub: "analyst-olha", org: "IOM", roles: ["ANALYST"] };
const CAW = careWorkerOf("CAW_OOST_VLAANDEREN", "cw-iryna");

const REPORT = `query R($reps: [_Any!]!) { _entities(representations: $reps) { ... on IndicatorReport {
  from to siteId
  referralsByStatus { status count { value suppressed } }
  overdueReferrals { value suppressed }
  feedbackReceived { value suppressed }
  feedbackClosed { value suppressed }
  medianFeedbackResponseDays { value basis suppressed }
  staffTrainedPsea { code value target met suppressed }
  staffTrainedMhpss { code value target met suppressed }
  livingConditionsImprovedPct { code value numerator denominator baseline target met suppressed }
} } }`;
const FLOW = `query F($from: Date!, $to: Date!, $filter: CoordinationFilter) {
  referralFlow(from: $from, to: $to, filter: $filter) {
    isoWeek weekStart made { value suppressed } byStatus { status count { value suppressed } } } }`;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);
}
const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };

let sg: RunningSubgraph;
const today = todayInBrussels();
const soon = addDays(today, 1);
const later = addDays(today, 40);
const end = addDays(today, 30);

const report = (from: string, to: string, as: TokenClaims = ANALYST) =>
  sg.query(REPORT, { reps: [{ __typename: "IndicatorReport", from, to, siteId: null }] }, as, "REPORTING");

beforeAll(async () => {
  sg = await startSubgraph(careSubgraph);
  const caw = await createService(sg, { name: "Psychosocial programme", organisation: "CAW_OOST_VLAANDEREN" });
  // Made today: 13 referrals sent at creation and 1 draft sent later; 1 draft never sent (never made).
  // At the end: SENT 6 (5 due tomorrow, 1 due in 40 days), ACCEPTED 5 (due tomorrow), DECLINED 2 (due tomorrow).
  const sent = [];
  for (let i = 0; i < 5; i++) sent.push(await refer(sg, caw, randomUUID(), { dueDate: soon }));
  sent.push(await refer(sg, caw, randomUUID(), { dueDate: later }));
  const accepted = [];
  for (let i = 0; i < 5; i++) accepted.push(await refer(sg, caw, randomUUID(), { dueDate: soon }));
  const declined = [];
  for (let i = 0; i < 2; i++) declined.push(await refer(sg, caw, randomUUID(), { dueDate: soon }));
  for (const r of accepted) expect((await move(sg, r.id, "ACCEPTED", CAW)).errors).toBeUndefined();
  for (const r of declined) expect((await move(sg, r.id, "DECLINED", CAW)).errors).toBeUndefined();
  await refer(sg, caw, randomUUID(), { consent: false, send: false, dueDate: soon });
  const laterSent = await refer(sg, caw, randomUUID(), { consent: false, send: false });
  const send = await sg.query(
    `mutation T($input: TransitionReferralInput!) { transitionReferral(input: $input) { status } }`,
    { input: { referralId: laterSent.id, to: "SENT", consent: true } },
    SOCIAL_WORKER,
  );
  expect(send.errors).toBeUndefined();
});
afterAll(async () => {
  await sg?.stop();
});

test("referrals made by status at the end of the period: a small cell and its complement suppressed, zeros shown", async () => {
  const res = await report(today, end);
  expect(res.errors).toBeUndefined();
  const r = res.data._entities[0];
  expect(r).toMatchObject({ from: today, to: end, siteId: null });
  // Made = 14 (13 sent at creation + the draft sent later); the unsent draft is not made: DRAFT 0.
  // SENT 5 + 1 + 1 = 7, ACCEPTED 5, DECLINED 2 (1–4: suppressed); only one cell hidden, so the smallest
  // other non-zero cell (ACCEPTED 5) is hidden too, else 14 − 7 − 5 = 2 gives DECLINED back from the total.
  expect(r.referralsByStatus).toEqual([
    { status: "DRAFT", count: shown(0) },
    { status: "SENT", count: shown(7) },
    { status: "ACCEPTED", count: hidden },
    { status: "DECLINED", count: hidden },
    { status: "IN_PROGRESS", count: shown(0) },
    { status: "COMPLETED", count: shown(0) },
    { status: "CANCELLED", count: shown(0) },
  ]);
  // Overdue at the end of `to` (today + 30): due tomorrow and still open = 5 SENT + 5 ACCEPTED = 10; the SENT one due
  // in 40 days is not due yet, the 2 DECLINED are closed, the unsent draft was never made.
  expect(r.overdueReferrals).toEqual(shown(10));
  // No feedback, no training, no survey in care yet: 0 shown, nothing to take a median or a share of.
  expect(r.feedbackReceived).toEqual(shown(0));
  expect(r.feedbackClosed).toEqual(shown(0));
  expect(r.medianFeedbackResponseDays).toEqual({ value: null, basis: 0, suppressed: false });
  expect(r.staffTrainedPsea).toEqual({ code: "OUTPUT_1_2_PSEA", value: 0, target: 2, met: false, suppressed: false });
  expect(r.staffTrainedMhpss).toEqual({
    code: "OUTPUT_1_2_MHPSS",
    value: 0,
    target: 6,
    met: false,
    suppressed: false,
  });
  expect(r.livingConditionsImprovedPct).toEqual({
    code: "OUTCOME_1",
    value: null,
    numerator: 0,
    denominator: 0,
    baseline: 0,
    target: 90,
    met: null,
    suppressed: false,
  });
});

test("a period after the referrals were made counts none made, but the overdue ones still; before them, nothing", async () => {
  const after = (await report(soon, end)).data._entities[0];
  expect(after.referralsByStatus.every((c: any) => c.count.value === 0 && !c.count.suppressed)).toBe(true);
  expect(after.overdueReferrals).toEqual(shown(10));
  // Ending yesterday: no referral existed yet; today the 10 were not overdue yet (due tomorrow).
  const before = (await report(addDays(today, -7), addDays(today, -1))).data._entities[0];
  expect(before.overdueReferrals).toEqual(shown(0));
  expect(before.referralsByStatus.map((c: any) => c.count.value)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  const onTheDay = (await report(today, today)).data._entities[0];
  expect(onTheDay.overdueReferrals).toEqual(shown(0));
});

test("referralFlow: per ISO week, made and the referrals entering each status, each small cell suppressed", async () => {
  const flow = (await sg.query(FLOW, { from: today, to: addDays(today, 13) }, ANALYST, "REPORTING")).data.referralFlow;
  // Weeks Monday to Sunday from the week of today to the week of today + 13: two or three of them.
  const monday = (d: string) => addDays(d, -((new Date(d).getUTCDay() + 6) % 7));
  expect(flow[0].weekStart).toBe(monday(today));
  expect(flow[flow.length - 1].weekStart).toBe(monday(addDays(today, 13)));
  expect(flow[0].isoWeek).toMatch(/^\d{4}-W\d{2}$/);
  // This week: entered DRAFT 2 (both drafts, suppressed), SENT 14 (= made), ACCEPTED 5, DECLINED 2 (suppressed).
  expect(flow[0].made).toEqual(shown(14));
  expect(flow[0].byStatus).toEqual([
    { status: "DRAFT", count: hidden },
    { status: "SENT", count: shown(14) },
    { status: "ACCEPTED", count: shown(5) },
    { status: "DECLINED", count: hidden },
    { status: "IN_PROGRESS", count: shown(0) },
    { status: "COMPLETED", count: shown(0) },
    { status: "CANCELLED", count: shown(0) },
  ]);
  for (const week of flow.slice(1)) {
    expect(week.made).toEqual(shown(0));
    expect(week.byStatus.map((c: any) => c.count.value)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  }
  // A period starting tomorrow counts nothing of this week (days outside the period are not counted).
  const fromTomorrow = (await sg.query(FLOW, { from: soon, to: soon }, ANALYST, "REPORTING")).data.referralFlow;
  expect(fromTomorrow[0].made).toEqual(shown(0));
});

test("bad keys and bad series periods are BAD_USER_INPUT naming the field", async () => {
  const badDay = await report("2026-13-01", end);
  expect(errorCodes(badDay)).toEqual(["BAD_USER_INPUT"]);
  expect(badDay.errors![0].extensions!.field).toBe("from");
  const backwards = await report(end, today);
  expect(errorCodes(backwards)).toEqual(["BAD_USER_INPUT"]);
  expect(backwards.errors![0].extensions!.field).toBe("to");
  const badSite = await sg.query(
    REPORT,
    { reps: [{ __typename: "IndicatorReport", from: today, to: end, siteId: "site-1" }] },
    ANALYST,
    "REPORTING",
  );
  expect(errorCodes(badSite)).toEqual(["BAD_USER_INPUT"]);
  const tooLong = await sg.query(FLOW, { from: "2025-01-01", to: "2026-01-02" }, ANALYST, "REPORTING");
  expect(errorCodes(tooLong)).toEqual(["BAD_USER_INPUT"]);
  expect(tooLong.errors![0].extensions!.field).toBe("to");
  const flowBackwards = await sg.query(FLOW, { from: end, to: today }, ANALYST, "REPORTING");
  expect(errorCodes(flowBackwards)).toEqual(["BAD_USER_INPUT"]);
  const badFilterSite = await sg.query(FLOW, { from: today, to: end, filter: { siteId: "x" } }, ANALYST, "REPORTING");
  expect(errorCodes(badFilterSite)).toEqual(["BAD_USER_INPUT"]);
  expect(badFilterSite.errors![0].extensions!.field).toBe("filter.siteId");
});

test("an analyst (purpose REPORTING) reads care's aggregates and is refused a health field and the referral list", async () => {
  expect((await report(today, end)).errors).toBeUndefined();
  const health = await sg.query(
    `query P($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { careContacts { id } } } }`,
    { reps: [{ __typename: "Person", id: randomUUID() }] },
    ANALYST,
    "REPORTING",
  );
  expect(errorCodes(health)).toEqual(["FORBIDDEN"]);
  const list = await sg.query(`{ referrals(first: 5) { totalCount } }`, {}, ANALYST, "REPORTING");
  expect(errorCodes(list)).toEqual(["FORBIDDEN"]);
});
