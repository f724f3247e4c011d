// Scenario: overdue referrals at the end of a past month, from a history written months ago. Care's report looks
// only at referrals still open and those closed since the month's end (not at every referral ever due), and must
// count exactly what the referrals' transitions say: due before the end of `to`, sent by then, and not yet
// completed, declined or cancelled at the end of that Brussels day. Five referrals of each kind (a cell under 5
// would be suppressed): completed in March, still open, cancelled in February, due only in March, never sent,
// declined on the last evening of February before Brussels midnight, and declined half an hour after it.
import { careSubgraph } from "@reception-graph/care";
import { randomUUID } from "node:crypto";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { TokenClaims } from "../../support/tokens";
import { createService } from "./care-fixtures";

const ANALYST: TokenClaims = { sub: "analyst-olha", org: "IOM", roles: ["ANALYST"] };
const REPORT = `query R($reps: [_Any!]!) { _entities(representations: $reps) { ... on IndicatorReport {
  overdueReferrals { value suppressed } referralsByStatus { status count { value suppressed } } } } }`;

let sg: RunningSubgraph;

interface Kind {
  due: string;
  status: string;
  /** Transitions after creation: [to_status, at (UTC)]. */
  steps: [string, string][];
}
const SENT_ON = "2026-01-02T09:00:00Z";
const KINDS: Record<string, Kind> = {
  completedInMarch: {
    due: "2026-01-10",
    status: "COMPLETED",
    steps: [
      ["SENT", SENT_ON],
      ["COMPLETED", "2026-03-15T10:00:00Z"],
    ],
  },
  stillOpen: { due: "2026-01-10", status: "SENT", steps: [["SENT", SENT_ON]] },
  cancelledInFebruary: {
    due: "2026-01-10",
    status: "CANCELLED",
    steps: [
      ["SENT", SENT_ON],
      ["CANCELLED", "2026-02-10T10:00:00Z"],
    ],
  },
  dueInMarch: { due: "2026-03-01", status: "SENT", steps: [["SENT", SENT_ON]] },
  neverSent: { due: "2026-01-10", status: "DRAFT", steps: [] },
  // Brussels is UTC+1 in winter: 22:30 UTC is 23:30 on 28 February there, 23:30 UTC is already 1 March.
  declinedBeforeMidnight: {
    due: "2026-01-10",
    status: "DECLINED",
    steps: [
      ["SENT", SENT_ON],
      ["DECLINED", "2026-02-28T22:30:00Z"],
    ],
  },
  declinedAfterMidnight: {
    due: "2026-01-10",
    status: "DECLINED",
    steps: [
      ["SENT", SENT_ON],
      ["DECLINED", "2026-02-28T23:30:00Z"],
    ],
  },
};

const overdueAt = async (from: string, to: string) => {
  const res = await sg.query(
    REPORT,
    { reps: [{ __typename: "IndicatorReport", from, to, siteId: null }] },
    ANALYST,
    "REPORTING",
  );
  expect(res.errors).toBeUndefined();
  return res.data._entities[0];
};

beforeAll(async () => {
  sg = await startSubgraph(careSubgraph);
  const service = await createService(sg, { name: "Legal aid", organisation: "CAW_OOST_VLAANDEREN" });
  for (const kind of Object.values(KINDS)) {
    for (let i = 0; i < 5; i++) {
      const id = randomUUID();
      await sg.db.queryAs(
        "owner",
        `INSERT INTO referral (id, person_id, service_id, reason, priority, consent, due_date, status, referred_by,
           referring_organisation, created_at, updated_at)
         VALUES ($1, $2, $3, 'LEGAL', 'NORMAL', $4, $5, $6, 'sw-1', 'OCMW_GENT', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')`,
        [id, randomUUID(), service, kind.status !== "DRAFT", kind.due, kind.status],
      );
      const steps: [string | null, string, string][] = [[null, "DRAFT", "2026-01-01T09:00:00Z"]];
      for (const [to, at] of kind.steps) steps.push([steps[steps.length - 1][1], to, at]);
      for (const [from, to, at] of steps) {
        await sg.db.queryAs(
          "owner",
          `INSERT INTO referral_transition (referral_id, from_status, to_status, at, by_subject, by_organisation)
           VALUES ($1, $2, $3, $4, 'sw-1', 'OCMW_GENT')`,
          [id, from, to, at],
        );
      }
    }
  }
}, 60_000);

afterAll(async () => {
  await sg?.stop();
});

test("at the end of January: every sent referral due by then is overdue, whenever it closed later", async () => {
  const r = await overdueAt("2026-01-01", "2026-01-31");
  // Completed in March, open, cancelled in February, declined on 28 February (both): 5 × 5; due in March: not yet.
  expect(r.overdueReferrals).toEqual({ value: 25, suppressed: false });
  // Made in January: the six kinds that were sent, all SENT at the end of January.
  const sent = r.referralsByStatus.find((c: { status: string }) => c.status === "SENT");
  expect(sent.count).toEqual({ value: 30, suppressed: false });
});

test("at the end of February: open then, closed only after its last Brussels midnight, counts; closed before it does not", async () => {
  const r = await overdueAt("2026-02-01", "2026-02-28");
  // Completed in March, still open, declined at 00:30 on 1 March in Brussels: 15. Cancelled on 10 February and
  // declined at 23:30 on 28 February were closed by then; due in March is not due; never sent was never made.
  expect(r.overdueReferrals).toEqual({ value: 15, suppressed: false });
});

test("at the end of March: only what is still open and due", async () => {
  const r = await overdueAt("2026-03-01", "2026-03-31");
  // Still open (due in January) and due on 1 March (still open): 10.
  expect(r.overdueReferrals).toEqual({ value: 10, suppressed: false });
});
