import {
  auditCounters,
  internalAudience,
  resetAuditCounters,
  SUBGRAPH_NAMES,
  SubgraphName,
} from "@reception-graph/kit";
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { errorCodes, postGraphql } from "../tests/support/graphql";
import { callerToken, internalToken, TokenClaims } from "../tests/support/tokens";
import { benchChildrenAwaitingSchool } from "./awaiting-school";
import { ok, place, registerHousehold, seedPeopleAcrossGraph, validatedSite } from "../tests/support/fixtures";
import { RunningGraph, startGraph } from "../tests/support/graph";
import { letters } from "../tests/support/names";
import { benchSideBySide, sideBySideOptionsFromEnv } from "./side-by-side/side-by-side";
import { sideBySideTable } from "./side-by-side/table";
import { benchScale, scaleOptionsFromEnv } from "./scale/scale";
import { scaleTable } from "./scale/table";

/**
 * Benchmarks of the whole graph on loopback (real PostgreSQL, four subgraphs,
 * gateway, all in this process): latency of the coordinators' cross-subgraph
 * queries, throughput under concurrent clients, the placement race, memory.
 * Figures go to stdout and bench/results/latest.json; nothing here asserts a time.
 */
process.env.APOLLO_TELEMETRY_DISABLED = "1";
// The bench is one caller sending thousands of requests a minute: the per-caller limit stays on (its cost is
// measured) but far above the load, so no request is refused.
process.env.RATE_LIMIT_PER_MINUTE ??= "10000000";
// One JSON log line per request of every server in this process would bury the figures printed at the end.
process.env.LOG_LEVEL ??= "warn";

/** `--quick` or BENCH_QUICK=1: fewer requests and less data, for developing the bench itself. */
const QUICK = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
/**
 * `--in-process` runs the figures below, `--side-by-side` the gateways side by side, `--scale` the small and the
 * national-sized data set side by side; any of them: only those; none: all three.
 */
const PARTS_ASKED = ["--in-process", "--side-by-side", "--scale"].filter((flag) => process.argv.includes(flag));
const runs = (flag: string) => PARTS_ASKED.length === 0 || PARTS_ASKED.includes(flag);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 20 : 200));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const LIST = `query List($first: Int!) { people(first: $first) { totalCount edges { node {
  id givenName familyName birthYear household { composition }
  placement { moveInDate site { name } room { label } }
  referrals { status service { name } }
  enrolments { status school { name } } } } } }`;
const ONE = `query One($id: ID!) { person(id: $id) { givenName familyName birthDate
  placement { site { name } } referrals { status } currentEnrolment { status school { name } } } }`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    n: s.length,
    p50_ms: round(percentile(s, 50)),
    p95_ms: round(percentile(s, 95)),
    max_ms: round(s[s.length - 1]),
  };
}

async function timeSequential(rounds: number, run: () => Promise<void>) {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return summary(samples);
}

async function throughput(total: number, concurrency: number, run: () => Promise<void>) {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await run();
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  return {
    requests: total,
    concurrency,
    seconds: Math.round(seconds * 100) / 100,
    per_second: Math.round(total / seconds),
  };
}

async function placementRace(graph: RunningGraph) {
  const siteId = await validatedSite(graph, "Race centre", [4, 3, 2, 1]);
  const households: string[] = [];
  for (let i = 0; i < 50; i++)
    households.push((await registerHousehold(graph, 1 + (i % 4), `Race${letters(i)}x`)).householdId);
  const t = performance.now();
  const results = await Promise.all(households.map((householdId) => place(graph, householdId, siteId)));
  const ms = performance.now() - t;
  const placed = results.filter((r) => !r.errors);
  return {
    calls: 50,
    wall_ms: Math.round(ms),
    households_placed: placed.length,
    people_placed: placed.reduce((n, r) => n + r.data.placeHousehold.length, 0),
    refused_capacity_exceeded: results.filter((r) => errorCodes(r).includes("CAPACITY_EXCEEDED")).length,
    beds: 10,
  };
}

/**
 * What auditing costs on the 50-person list, per subgraph: audit INSERTs per
 * request (target 1), the bytes of the records they wrote (pg_column_size of
 * the new rows; target under 2 KB), and the share of the subgraph's own
 * request time spent writing them (target at most 10%), all from the
 * subgraphs' own counters and tables. Auditing is never switched off.
 */
async function auditCost(graph: RunningGraph, rounds: number) {
  const token = await callerToken({ sub: "bench-audit", roles: ["SOCIAL_WORKER"] });
  const requestIds: string[] = [];
  resetAuditCounters();
  for (let i = 0; i < rounds; i++) {
    const requestId = `bench-audit-${randomUUID()}`;
    requestIds.push(requestId);
    const res = await postGraphql(
      graph.graphqlUrl,
      LIST,
      { first: PEOPLE },
      {
        authorization: `Bearer ${token}`,
        "x-purpose": "CASE_MANAGEMENT",
        "x-request-id": requestId,
      },
    );
    ok(res);
  }
  const counters = auditCounters();
  const perSubgraph: Record<string, unknown> = {};
  for (const name of SUBGRAPH_NAMES) {
    const c = counters[name] ?? { requests: 0, requestMs: 0, auditStatements: 0, auditMs: 0, auditServerMs: 0 };
    const [{ records, bytes }] = await graph.dataSources[name].query(
      `SELECT count(*)::int AS records, coalesce(sum(pg_column_size(a.*)), 0)::int AS bytes
       FROM audit_log a WHERE request_id = ANY($1)`,
      [requestIds],
    );
    perSubgraph[name] = {
      requests: c.requests,
      audit_statements_per_request: Math.round((c.auditStatements / Math.max(1, c.requests)) * 100) / 100,
      audit_records_per_request: Math.round((records / rounds) * 100) / 100,
      audit_bytes_per_request: Math.round(bytes / rounds),
      audit_ms_per_request: Math.round((c.auditMs / Math.max(1, c.requests)) * 100) / 100,
      request_ms_per_request: Math.round((c.requestMs / Math.max(1, c.requests)) * 100) / 100,
      audit_time_share_pct: Math.round((c.auditMs / Math.max(1e-9, c.requestMs)) * 1000) / 10,
      // The same, counting only PostgreSQL's execution of the INSERT (trigger and chain): in this one-process
      // bench the subgraph's own clock also counts the other servers' work queued on the shared event loop.
      audit_server_ms_per_request: Math.round((c.auditServerMs / Math.max(1, c.requests)) * 100) / 100,
      audit_server_time_share_pct: Math.round((c.auditServerMs / Math.max(1e-9, c.requestMs)) * 1000) / 10,
    };
  }
  return {
    list: `${PEOPLE} people across 4 subgraphs`,
    rounds,
    targets: { audit_statements_per_request: 1, audit_bytes_per_request_under: 2048, audit_time_share_pct_at_most: 10 },
    per_subgraph: perSubgraph,
  };
}

/** Each subgraph's part of the 50-person list, as the gateway's query plan asks it. */
const PARTS: Record<SubgraphName, string> = {
  social: `query L($first: Int!) { people(first: $first) { totalCount edges { node {
    id givenName familyName birthYear household { composition } } } } }`,
  housing: `query H($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
    placement { moveInDate site { name } room { label } } } } }`,
  care: `query C($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
    referrals { status service { name } } } } }`,
  education: `query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
    enrolments { status school { name } } } } }`,
};

/**
 * The same audit cost with each subgraph asked its part of the list on its
 * own, one subgraph at a time: in this one-process bench the other servers
 * then leave the event loop alone, so each subgraph's clock counts its own
 * work, as it does when each subgraph runs in its own process.
 */
async function auditCostAlone(graph: RunningGraph, personIds: string[], rounds: number) {
  const as: TokenClaims = { sub: "bench-audit-alone", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] };
  const caller = { sub: as.sub!, org: as.org!, roles: as.roles, sites: [], schools: [], organisations: [] };
  const reps = personIds.map((id) => ({ __typename: "Person", id }));
  const out: Record<string, unknown> = {};
  for (const name of SUBGRAPH_NAMES) {
    const variables = name === "social" ? { first: PEOPLE } : { reps };
    const ask = async () =>
      ok(
        await postGraphql(graph.subgraphUrls[name], PARTS[name], variables, {
          authorization: `Bearer ${await internalToken(as, "CASE_MANAGEMENT", internalAudience(name, caller))}`,
        }),
      );
    for (let i = 0; i < 10; i++) await ask();
    resetAuditCounters();
    for (let i = 0; i < rounds; i++) await ask();
    const c = auditCounters()[name];
    out[name] = {
      requests: c.requests,
      audit_statements_per_request: Math.round((c.auditStatements / Math.max(1, c.requests)) * 100) / 100,
      audit_ms_per_request: Math.round((c.auditMs / Math.max(1, c.requests)) * 100) / 100,
      request_ms_per_request: Math.round((c.requestMs / Math.max(1, c.requests)) * 100) / 100,
      audit_time_share_pct: Math.round((c.auditMs / Math.max(1e-9, c.requestMs)) * 1000) / 10,
    };
  }
  return { list: `each subgraph's part of the ${PEOPLE}-person list, asked of it alone`, rounds, per_subgraph: out };
}

async function inProcess() {
  const { startTestPostgres } = await import("../tests/support/postgres.mjs");
  const pg = await startTestPostgres();
  process.env.TEST_DATABASE_URL = pg.url;
  const graph = await startGraph();
  try {
    const t = performance.now();
    const seeded = await seedPeopleAcrossGraph(graph, PEOPLE);
    const seedSeconds = Math.round((performance.now() - t) / 100) / 10;
    const list = () => graph.query(LIST, { first: PEOPLE }).then(ok);
    const one = () => graph.query(ONE, { id: seeded.personIds[0] }).then(ok);
    await timeSequential(20, list); // warm-up: query plans cached, connections open
    const results = {
      machine: { node: process.version, cpus: (await import("node:os")).cpus().length },
      seed: { people: PEOPLE, seconds: seedSeconds },
      list_people_across_4_subgraphs: await timeSequential(ROUNDS, list),
      one_person_across_4_subgraphs: await timeSequential(ROUNDS, one),
      list_throughput: await throughput(ROUNDS * 2, CONCURRENCY, list),
      audit_cost_list: await auditCost(graph, Math.min(ROUNDS, 100)),
      audit_cost_each_subgraph_alone: await auditCostAlone(graph, seeded.personIds, Math.min(ROUNDS, 100)),
      placement_race: await placementRace(graph),
      children_awaiting_school: await benchChildrenAwaitingSchool(graph, QUICK),
      memory_mb: {
        rss: Math.round(process.memoryUsage().rss / 2 ** 20),
        heap_used: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      },
    };
    console.log(JSON.stringify(results, null, 2));
    const dir = join(__dirname, "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "latest.json"), JSON.stringify(results, null, 2));
  } finally {
    await graph.stop();
    await pg.stop();
  }
}

/** Writes bench/results/<part>-<time>.json and <part>-latest.json. */
function writeResults(part: string, results: Record<string, unknown>) {
  const dir = join(__dirname, "results");
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const text = JSON.stringify(results, null, 2);
  writeFileSync(join(dir, `${part}-${stamp}${QUICK ? "-quick" : ""}.json`), text);
  writeFileSync(join(dir, `${part}-latest.json`), text);
}

/** The gateways side by side, each server a process of its own (bench/side-by-side/). */
async function sideBySide() {
  const results = await benchSideBySide(sideBySideOptionsFromEnv(QUICK));
  writeResults("side-by-side", results);
  console.log(sideBySideTable(results));
}

/** p95 and SQL statements per request at a small and a national-sized data set (bench/scale/). */
async function scale() {
  const results = await benchScale(scaleOptionsFromEnv(QUICK));
  writeResults("scale", results);
  console.log(scaleTable(results));
}

async function main() {
  if (runs("--in-process")) await inProcess();
  if (runs("--side-by-side")) await sideBySide();
  if (runs("--scale")) await scale();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
