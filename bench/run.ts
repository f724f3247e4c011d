import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { errorCodes } from "../tests/support/graphql";
import { benchChildrenAwaitingSchool } from "./awaiting-school";
import { ok, place, registerHousehold, seedPeopleAcrossGraph, validatedSite } from "../tests/support/fixtures";
import { RunningGraph, startGraph } from "../tests/support/graph";
import { letters } from "../tests/support/names";

/**
 * Benchmarks of the whole graph on loopback (real PostgreSQL, four subgraphs,
 * gateway, all in this process): latency of the coordinators' cross-subgraph
 * queries, throughput under concurrent clients, the placement race, memory.
 * Figures go to stdout and bench/results/latest.json; nothing here asserts a time.
 */
process.env.APOLLO_TELEMETRY_DISABLED = "1";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
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

async function main() {
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
      placement_race: await placementRace(graph),
      children_awaiting_school: await benchChildrenAwaitingSchool(graph),
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

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
