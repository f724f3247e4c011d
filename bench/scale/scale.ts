import { SUBGRAPH_NAMES, SubgraphName } from "@reception-graph/kit";
import { progressLine, wholeNumber } from "../../scripts/seed-scale";
import { seedScale } from "../../scripts/seed-scale/index";
import { ALL_SUBGRAPHS } from "../../scripts/subgraphs";
import { migratedDatabase, TestDatabase } from "../../tests/support/db";
import { callerToken } from "../../tests/support/tokens";
import { client, Client, runLoad } from "../side-by-side/load";
import { BenchData, FLOOR_OPERATION, Operation, OPERATIONS } from "../side-by-side/operations";
import { startBenchPostgres } from "../side-by-side/postgres";
import { compileForBench, Server } from "../side-by-side/processes";
import {
  assertVariety,
  discover,
  HEAVY,
  Measured,
  measurer,
  OurGraph,
  pinPostgres,
  pinServersAndLoad,
  sendOperation,
  startOurGraph,
} from "../side-by-side/side-by-side";
import { median, round1, round2 } from "../side-by-side/stats";
import { pagedOperations } from "./operations";
import {
  addStatements,
  compareStatements,
  differingStatements,
  p95Verdict,
  statementDelta,
  statementGrowth,
  Statements,
} from "./verdict";

/** Every operation of the side-by-side bench but the floor, whose cost no data size changes. */
const SCALED = OPERATIONS.filter((op) => op.name !== FLOOR_OPERATION);

/**
 * How latency and SQL grow with the data (issue 13): one PostgreSQL, two sets of the four databases seeded by
 * seedScale with the same seed, one small and one national-sized, and two graphs (four subgraph processes and our
 * gateway each) in front of them, all on the servers' core, this load generator on the other. Each round runs
 * every operation on the small graph then at once on the large one, so each ratio compares two neighbouring
 * minutes; figures are medians of the rounds. Then the list-like operations at page sizes 10 and 100 on both,
 * for SQL statements per request.
 */

export interface ScaleOptions {
  quick: boolean;
  small: number;
  large: number;
  seed: number;
  rounds: number;
  /** Requests per operation, size and round (the heaviest get a third, as side by side). */
  requests: number;
  /** Requests per page-size variant and size (statement counts only need a few). */
  pageRequests: number;
  concurrency: number;
}

export const PAGE_SIZES = [10, 100] as const;
const SIZES = ["small", "large"] as const;
type Size = (typeof SIZES)[number];

export function scaleOptionsFromEnv(quick: boolean): ScaleOptions {
  const n = (name: string, full: number, short: number) => wholeNumber(name, process.env[name], quick ? short : full);
  const opts: ScaleOptions = {
    quick,
    small: n("BENCH_SCALE_SMALL", 1_000, 500),
    large: n("BENCH_SCALE_LARGE", 80_000, 5_000),
    seed: n("BENCH_SCALE_SEED", 1, 1),
    rounds: n("BENCH_SCALE_ROUNDS", 3, 3),
    requests: n("BENCH_SCALE_REQUESTS", 100, 24),
    pageRequests: n("BENCH_SCALE_PAGE_REQUESTS", 40, 16),
    concurrency: n("BENCH_CONCURRENCY", 8, 4),
  };
  if (opts.small >= opts.large)
    throw new Error(`BENCH_SCALE_SMALL (${opts.small}) must be below BENCH_SCALE_LARGE (${opts.large}).`);
  if (opts.rounds < 3)
    throw new Error(`BENCH_SCALE_ROUNDS must be at least 3 (a median of ratios), not ${opts.rounds}.`);
  if (opts.concurrency < 1) throw new Error(`BENCH_CONCURRENCY must be at least 1, not ${opts.concurrency}.`);
  return opts;
}

interface SizedGraph extends OurGraph {
  dbs: Record<SubgraphName, TestDatabase>;
  persons: number;
  data: BenchData;
  seedSeconds: number;
  seedRows: number;
  client: Client;
  measure: ReturnType<typeof measurer>;
  /** Where the next turn's variables start: the same sequence at both sizes. */
  offset: number;
}

type Row = { size: Size; round: number | null; operation: string } & Measured;

export async function benchScale(opts: ScaleOptions): Promise<Record<string, unknown>> {
  const { cores, serverCpus, pinning } = pinServersAndLoad();
  console.error(
    `[bench] scale: ${opts.small} and ${opts.large} persons (seed ${opts.seed}), ${opts.rounds} rounds, pinning ${JSON.stringify(pinning)}`,
  );
  await compileForBench([]);
  const pg = await startBenchPostgres();
  pinPostgres(pg, serverCpus);
  process.env.TEST_DATABASE_URL = pg.url;
  const dbs: TestDatabase[] = [];
  const servers: Server[] = [];
  const clients: Client[] = [];
  const stopAll = async () => {
    for (const c of clients) c.close();
    for (const s of servers.reverse()) await s.stop();
    await pg.release();
    for (const d of dbs) await d.close().catch(() => undefined);
    await pg.stop();
  };
  try {
    // One day for both sets: the same seed and day give the same profile, only the size differs.
    const until = new Date().toISOString().slice(0, 10);
    const graphs = {} as Record<Size, SizedGraph>;
    for (const size of SIZES) {
      const persons = opts[size];
      const own = {} as Record<SubgraphName, TestDatabase>;
      for (const module of ALL_SUBGRAPHS) dbs.push((own[module.name as SubgraphName] = await migratedDatabase(module)));
      console.error(`[bench] seeding the ${size} data set: ${persons} persons`);
      const seeded = await seedScale({
        urls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, { migration: own[n].ownerUrl }])) as Record<
          SubgraphName,
          { migration: string }
        >,
        persons,
        seed: opts.seed,
        until,
        onProgress: (p) => console.error(`${progressLine(p)} [${size}]`),
      });
      const seedRows = Object.values(seeded.rows).reduce((s, r) => s + Object.values(r).reduce((a, b) => a + b, 0), 0);
      console.error(`[bench] ${size}: ${seedRows} rows in ${round1(seeded.seconds)} s`);
      const started = await startOurGraph({ dbs: own, cpus: serverCpus, servers, stop: stopAll, prefix: `${size}_` });
      // Seeded sites hold tens of residents at any size (one or two 51-resident pages each): 12 of them give
      // enough pages to vary over.
      const data = await discover(started.graph, 12);
      assertVariety(data, opts.concurrency);
      const c = client(started.graph.graphqlUrl, opts.concurrency);
      clients.push(c);
      graphs[size] = {
        ...started,
        dbs: own,
        persons,
        data,
        seedSeconds: round1(seeded.seconds),
        seedRows,
        client: c,
        measure: measurer({ pg, dbs: own, subgraphs: started.subgraphs, concurrency: opts.concurrency }),
        offset: 0,
      };
      console.error(
        `[bench] ${size} graph up; varies over ${JSON.stringify(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.length])))}`,
      );
    }
    // Backends forked since are pinned already; this catches any helper started in between.
    pinPostgres(pg, serverCpus);

    const paged = PAGE_SIZES.flatMap((first) => pagedOperations(first));
    const tokens = new Map<Operation, string>();
    const freshTokens = async () => {
      for (const op of [...SCALED, ...paged]) tokens.set(op, await callerToken(op.as));
    };
    await freshTokens();
    const send = (size: Size, op: Operation) =>
      sendOperation(graphs[size].client, op, graphs[size].data, () => tokens.get(op)!);
    const rows: Row[] = [];
    /** Each turn's statements, subgraph by subgraph: what explains a count that differs, and what grew slower. */
    const called = new Map<Row, Record<string, Statements>>();
    const turn = async (size: Size, op: Operation, total: number, round: number | null) => {
      const g = graphs[size];
      // Each turn starts where the last stopped: variables keep changing across turns and rounds.
      const start = g.offset;
      g.offset += total;
      const names = SUBGRAPH_NAMES.map((n) => g.dbs[n].name);
      const before = await pg.statementsByQuery(names);
      const m = await g.measure(g.gateway, total, (i) => send(size, op)(start + i), op);
      const after = await pg.statementsByQuery(names);
      const row: Row = { size, round, operation: op.name, ...m };
      rows.push(row);
      called.set(
        row,
        Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, statementDelta(before[g.dbs[n].name], after[g.dbs[n].name])])),
      );
      console.error(
        `[bench] ${round === null ? "pages" : `round ${round}`} ${size} ${op.name}: p95 ${m.p95_ms} ms, ` +
          `SQL ${JSON.stringify(m.sql_statements_per_request)}, ${m.failures} failed`,
      );
    };

    // Warm-up: plans cached, connections open, JIT warm, before anything is timed.
    for (const size of SIZES)
      for (const op of [...SCALED, ...paged])
        await runLoad(opts.concurrency * 2, opts.concurrency, send(size, op), op.check);

    for (let round = 1; round <= opts.rounds; round++) {
      await freshTokens();
      for (const op of SCALED) {
        const total = HEAVY.has(op.name)
          ? Math.max(opts.concurrency * 2, Math.round(opts.requests / 3))
          : opts.requests;
        for (const size of SIZES) await turn(size, op, total, round);
      }
    }
    await freshTokens();
    for (const op of paged) for (const size of SIZES) await turn(size, op, opts.pageRequests, null);

    const rounds = Array.from({ length: opts.rounds }, (_, k) => k + 1);
    const find = (size: Size, round: number | null, op: string) =>
      rows.find((r) => r.size === size && r.round === round && r.operation === op)!;
    /** For each subgraph whose count differs, the statements that make the difference. */
    const why = (differing: string[], measurements: Record<string, Row[]>) =>
      Object.fromEntries(
        differing.map((n) => [
          n,
          differingStatements(
            Object.fromEntries(
              Object.entries(measurements).map(([label, rs]) => [
                label,
                {
                  calls: addStatements(...rs.map((r) => called.get(r)![n])),
                  requests: rs.reduce((a, r) => a + r.requests, 0),
                },
              ]),
            ),
          ),
        ]),
      );
    const statementsOf = (rs: Measured[]) =>
      Object.fromEntries(
        SUBGRAPH_NAMES.map((n) => [n, round2(median(rs.map((r) => r.sql_statements_per_request[n])))]),
      );

    const latency: Record<string, unknown> = {};
    const statementsBySize: Record<string, unknown> = {};
    for (const op of SCALED) {
      const bySize: Record<Size, Row[]> = {
        small: rounds.map((r) => find("small", r, op.name)),
        large: rounds.map((r) => find("large", r, op.name)),
      };
      const med = (s: Size, f: (r: Measured) => number) => round1(median(bySize[s].map(f)));
      latency[op.name] = {
        ...Object.fromEntries(
          SIZES.map((s) => [
            s,
            {
              p50_ms: med(s, (r) => r.p50_ms),
              p95_ms: med(s, (r) => r.p95_ms),
              requests_per_second: med(s, (r) => r.requests_per_second),
              failures: bySize[s].reduce((a, r) => a + r.failures, 0),
            },
          ]),
        ),
        p95_large_to_small: p95Verdict(
          op.name,
          bySize.small.map((r) => r.p95_ms),
          bySize.large.map((r) => r.p95_ms),
        ),
      };
      const counts = Object.fromEntries(SIZES.map((s) => [s, statementsOf(bySize[s])]));
      const compared = compareStatements(counts);
      statementsBySize[op.name] = { ...counts, ...compared, why: why(compared.differing, bySize) };
    }
    const statementsByPage: Record<string, unknown> = {};
    for (const base of new Set(paged.map((op) => op.name.split("/")[0]))) {
      const counts: Record<string, Record<string, number>> = {};
      const measured: Record<string, Row[]> = {};
      for (const size of SIZES)
        for (const first of PAGE_SIZES) {
          measured[`${size}/${first}`] = [find(size, null, `${base}/${first}`)];
          counts[`${size}/${first}`] = statementsOf(measured[`${size}/${first}`]);
        }
      const p95 = Object.fromEntries(
        SIZES.flatMap((s) => PAGE_SIZES.map((f) => [`${s}/${f}`, find(s, null, `${base}/${f}`).p95_ms])),
      );
      const compared = compareStatements(counts);
      statementsByPage[base] = { ...counts, ...compared, why: why(compared.differing, measured), p95_ms: p95 };
    }
    const timed = (size: Size, n: string) =>
      addStatements(...rows.filter((r) => r.size === size && r.round !== null).map((r) => called.get(r)![n]));
    const growth = Object.fromEntries(
      SUBGRAPH_NAMES.map((n) => [n, statementGrowth(timed("small", n), timed("large", n))]),
    );
    const allIdentical = [...Object.values(statementsBySize), ...Object.values(statementsByPage)].every(
      (c) => (c as { identical: boolean }).identical,
    );
    return {
      machine: { node: process.version, cpus: cores },
      pinning,
      mode: opts.quick ? "quick" : "full",
      persons: { small: graphs.small.persons, large: graphs.large.persons },
      seed: opts.seed,
      until,
      seed_seconds: { small: graphs.small.seedSeconds, large: graphs.large.seedSeconds },
      seed_rows: { small: graphs.small.seedRows, large: graphs.large.seedRows },
      rounds: opts.rounds,
      requests_per_turn: opts.requests,
      page_requests: opts.pageRequests,
      concurrency: opts.concurrency,
      order:
        "each round: every operation on the small graph then on the large; after the rounds, each page-size variant on both",
      varied_over: Object.fromEntries(
        SIZES.map((s) => [s, Object.fromEntries(Object.entries(graphs[s].data).map(([k, v]) => [k, v.length]))]),
      ),
      latency,
      sql_statements_per_request: {
        identical_everywhere: allIdentical,
        by_size: statementsBySize,
        by_page_size: statementsByPage,
      },
      statements_grown_most: growth,
      raw: rows,
    };
  } finally {
    await stopAll();
  }
}
