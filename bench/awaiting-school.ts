import { queryCount } from "@reception-graph/kit";
import { performance } from "node:perf_hooks";
import { ok, registerHousehold, validatedSite } from "../tests/support/fixtures";
import { RunningGraph } from "../tests/support/graph";
import { letters } from "../tests/support/names";
import { TokenClaims } from "../tests/support/tokens";

/**
 * childrenAwaitingSchool(14) and one month of `indicators` (all sites, the
 * bench site, and all sites just after a change, when social's and
 * education's report cache must compute afresh) at 1,000 and at 80,000
 * people in the same run.
 * People and households are bulk-inserted straight into social's database
 * (INSERT … SELECT generate_series), registrations spread over two years,
 * birth dates over 0–80 years with about 43% minors, households of four.
 * Education gets one enrolment (ENROLLED) per four people, given to
 * school-age children, and housing one placement per person for every fourth
 * household, moved in up to nine days after registering (all bulk SQL).
 */
const SIZES = [1_000, 80_000];
/** The quick mode's sizes: the same comparison, small enough to iterate on the bench. */
const QUICK_SIZES = [1_000, 5_000];
const ROUNDS = Number(process.env.BENCH_AWAITING_ROUNDS ?? 60);
const ANALYST: TokenClaims = { sub: "bench-analyst", org: "STAD_GENT", roles: ["ANALYST"] };
// One month of the report, every field of the four contributors (the dashboard's and the exports' query).
export const INDICATORS = `query Indicators($from: Date!, $to: Date!, $siteId: ID) { indicators(from: $from, to: $to, siteId: $siteId) {
  centresOperational { value met } placesTotal placesOccupied { value } occupancyRate { value } moveOuts { value }
  averageStayDays { value }
  livingConditionsImprovedPct { value met } staffTrainedPsea { value } staffTrainedMhpss { value }
  feedbackChannelsPerCentre { value } feedbackReceived { value } feedbackClosed { value }
  medianFeedbackResponseDays { value } referralsByStatus { status count { value } } overdueReferrals { value }
  personsServed { value } personsByAgeAndSex { ageBand sex count { value suppressed } }
  householdsByComposition { composition count { value } } openCaseFiles { value } caseFilesOpened { value }
  caseFilesClosed { value } maxCaseload averageCaseload healthInsuredPct { value }
  childrenAssessed { value } schoolAgeChildren { value } childrenEnrolledPct { value numerator denominator }
  medianDaysToEnrolment { value } okanWaitingList { value } } }`;
const AWAITING = `query Awaiting { childrenAwaitingSchool(daysSinceArrival: 14) {
  id givenName awaitingSchool { daysWaiting waitingSince site { id } } } }`;

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  const round = (n: number) => Math.round(n * 10) / 10;
  return { n: s.length, p50_ms: round(at(50)), p95_ms: round(at(95)) };
}

/** Adds people from..to (1-based, inclusive) with their households, enrolments and placements. */
export async function grow(graph: RunningGraph, from: number, to: number, schoolId: string, siteId: string) {
  const social = graph.dataSources.social;
  await social.query(
    `INSERT INTO household (id, created_at)
     SELECT md5('bench-household-' || h)::uuid, now() FROM generate_series(($1::int - 1) / 4 + 1, ($2::int - 1) / 4 + 1) h
     ON CONFLICT (id) DO NOTHING`,
    [from, to],
  );
  // 43 in 100 are minors (0–17), the others 18–80; registrations at any minute of the last two years.
  await social.query(
    `INSERT INTO person (id, household_id, given_name, family_name, birth_date, sex, languages, registered_at)
     SELECT md5('bench-person-' || g)::uuid, md5('bench-household-' || ((g - 1) / 4 + 1))::uuid,
            'Bench', 'Loadtest',
            current_date - (CASE WHEN g % 100 < 43 THEN (g * 7919) % (18 * 365)
                                 ELSE 18 * 365 + 1 + (g * 104729) % (62 * 365) END)::int,
            CASE WHEN g % 2 = 0 THEN 'FEMALE' ELSE 'MALE' END, '{uk}',
            now() - ((g * 7907) % (730 * 24 * 60)) * interval '1 minute'
     FROM generate_series($1::bigint, $2::bigint) g`,
    [from, to],
  );
  // One enrolment per four people, for school-age children (chosen here by the bench, which may read social).
  const children: { id: string }[] = await social.query(
    `SELECT id FROM person
     WHERE id IN (SELECT md5('bench-person-' || g)::uuid FROM generate_series($1::int, $2::int) g)
       AND date_part('year', age(current_date, birth_date)) BETWEEN 5 AND 17
     ORDER BY id LIMIT $3`,
    [from, to, Math.round((to - from + 1) / 4)],
  );
  await graph.dataSources.education.query(
    `INSERT INTO enrolment (person_id, school_id, programme, status, start_date, enrolled_at, created_by)
     SELECT p, $2, 'PRIMARY', 'ENROLLED', current_date - 30, now(), 'bench' FROM unnest($1::uuid[]) p`,
    [children.map((c) => c.id), schoolId],
  );
  // Every fourth household placed, one room each, moved in 0–9 days after registering (never after today).
  const placed: { id: string; household_id: string; move_in: string }[] = await social.query(
    `SELECT p.id, p.household_id,
            to_char(LEAST(current_date, (p.registered_at AT TIME ZONE 'Europe/Brussels')::date
                          + (('x' || substr(p.household_id::text, 1, 4))::bit(16)::int % 10)), 'YYYY-MM-DD') AS move_in
     FROM person p
     WHERE p.household_id IN (SELECT md5('bench-household-' || h)::uuid
                              FROM generate_series(($1::int - 1) / 4 + 1, $2::int / 4) h WHERE h % 4 = 0)`,
    [from, to],
  );
  const housing = graph.dataSources.housing;
  const households = [...new Set(placed.map((p) => p.household_id))];
  await housing.query(
    `INSERT INTO room (site_id, label, beds, floor_area_m2) SELECT $1, 'B-' || h, 4, 20 FROM unnest($2::uuid[]) h`,
    [siteId, households],
  );
  await housing.query(
    `INSERT INTO placement (person_id, household_id, site_id, room_id, move_in_date, created_by)
     SELECT x.p, x.h, $1, r.id, x.d, 'bench'
     FROM unnest($2::uuid[], $3::uuid[], $4::date[]) AS x(p, h, d)
     JOIN room r ON r.site_id = $1 AND r.label = 'B-' || x.h`,
    [siteId, placed.map((p) => p.id), placed.map((p) => p.household_id), placed.map((p) => p.move_in)],
  );
  // Statistics are the owner's to gather: the subgraphs' application roles own no table.
  for (const name of ["social", "housing", "education"]) await graph.databases[name].queryAs("owner", `ANALYZE`);
}

/** The last whole calendar month: the period a reporting officer pulls. */
function lastMonth(): { from: string; to: string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

async function latency(rounds: number, run: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const s = performance.now();
    await run();
    samples.push(performance.now() - s);
  }
  return summary(samples);
}

/**
 * The report's latency when social's data changed just before it (a household registered through the
 * gateway, not timed): the figures over everyone are computed afresh, not read from the report cache.
 */
async function afterAChange(graph: RunningGraph, rounds: number, run: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await registerHousehold(graph, 1, `Change${letters(i)}`);
    const s = performance.now();
    await run();
    samples.push(performance.now() - s);
  }
  return summary(samples);
}

/** SQL statements one request sends, per subgraph. */
async function statementsPerRequest(graph: RunningGraph, run: () => Promise<unknown>) {
  const before = Object.fromEntries(Object.entries(graph.dataSources).map(([n, ds]) => [n, queryCount(ds)]));
  await run();
  // Audit lines are written when the request ends; let them land before counting.
  await new Promise((r) => setTimeout(r, 200));
  return Object.fromEntries(Object.entries(graph.dataSources).map(([n, ds]) => [n, queryCount(ds) - before[n]]));
}

export async function benchChildrenAwaitingSchool(graph: RunningGraph, quick = false) {
  const sizes = quick ? QUICK_SIZES : SIZES;
  const school = ok(
    await graph.query(
      `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
      { input: { name: "Bench primary school", nisCode: "44021", offersOkan: false, okanCapacity: 0 } },
      { sub: "bench-admin", org: "STAD_GENT", roles: ["ADMIN"] },
      null,
    ),
  ).registerSchool.id as string;
  const siteId = await validatedSite(graph, "Bench awaiting centre", [1]);
  const out: Record<string, unknown> = {};
  let have = 0;
  for (const size of sizes) {
    const t = performance.now();
    await grow(graph, have + 1, size, school, siteId);
    have = size;
    const seedSeconds = Math.round((performance.now() - t) / 100) / 10;
    const awaiting = () => graph.query(AWAITING).then(ok);
    const month = lastMonth();
    const report = (siteId: string | null) => () =>
      graph.query(INDICATORS, { ...month, siteId }, ANALYST, "REPORTING").then(ok);
    const sample = (await awaiting()).childrenAwaitingSchool as unknown[];
    const served = ((await report(null)()).indicators as { personsServed: { value: number } }).personsServed.value;
    out[`people_${size}`] = {
      seed_seconds: seedSeconds,
      rows: sample.length,
      latency: await latency(ROUNDS, awaiting),
      sql_statements_per_request: await statementsPerRequest(graph, awaiting),
      indicators_month: {
        persons_served: served,
        latency: await latency(ROUNDS, report(null)),
        sql_statements_per_request: await statementsPerRequest(graph, report(null)),
      },
      indicators_month_one_site: { latency: await latency(Math.ceil(ROUNDS / 3), report(siteId)) },
      indicators_month_after_a_change: { latency: await afterAChange(graph, Math.ceil(ROUNDS / 3), report(null)) },
    };
  }
  const small = out[`people_${sizes[0]}`] as { latency: { p50_ms: number; p95_ms: number } };
  const large = out[`people_${sizes[1]}`] as { latency: { p50_ms: number; p95_ms: number } };
  out.p50_ratio = Math.round((large.latency.p50_ms / small.latency.p50_ms) * 100) / 100;
  out.p95_ratio = Math.round((large.latency.p95_ms / small.latency.p95_ms) * 100) / 100;
  type Report = { indicators_month: { latency: { p50_ms: number; p95_ms: number } } };
  const [a, b] = [small as unknown as Report, large as unknown as Report].map((r) => r.indicators_month.latency);
  out.indicators_p50_ratio = Math.round((b.p50_ms / a.p50_ms) * 100) / 100;
  out.indicators_p95_ratio = Math.round((b.p95_ms / a.p95_ms) * 100) / 100;
  return out;
}
