import { internalAudience, SUBGRAPH_NAMES, SubgraphName } from "@reception-graph/kit";
import { randomUUID } from "node:crypto";
import { cpus } from "node:os";
import { join } from "node:path";
import { freePort } from "../../tests/support/faults/process";
import { migratedDatabase, TestDatabase } from "../../tests/support/db";
import { ok, seedPeopleAcrossGraph, validatedSite } from "../../tests/support/fixtures";
import { gatewayQuery, RunningGraph } from "../../tests/support/graph";

import { callerToken, TEST_INTERNAL_KEYS, TEST_JWT_SECRET, testInternalSigner } from "../../tests/support/tokens";
import { ALL_SUBGRAPHS } from "../../scripts/subgraphs";
import { grow } from "../awaiting-school";
import { client, Client, Exchange, judge, runLoad } from "./load";
import { BenchData, Operation, OPERATIONS } from "./operations";
import { BenchPostgres, startBenchPostgres } from "./postgres";
import { at, median, round1, round2 } from "./stats";
import {
  canPin,
  compileForBench,
  SUBGRAPH_NODE_ARGS,
  cpusAllowed,
  cpuSeconds,
  pin,
  processTree,
  rssMb,
  Server,
  startServer,
  treeCpuSeconds,
} from "./processes";

/**
 * Our gateway side by side with Hive Gateway and Hive Gateway + its Rust query planner, each as its own
 * process in front of the same four subgraph processes and PostgreSQL, on the same data.
 * Servers run on one core and this load generator on the other (taskset); gateways take turns
 * (A, B, C, A, B, C …), each turn every operation; ratios are per round, figures are medians of the rounds.
 */

/** Fills the databases through the running graph (gateway and subgraphs up). The one step to replace for another data set. */
export type SeedStep = (graph: RunningGraph, persons: number) => Promise<void>;

/**
 * The bench's own data: 51 children across the graph through the gateway (one site with 51 residents, each
 * referred and enrolled), then bulk SQL up to `persons` (awaiting-school.ts's grow).
 * `npm run seed:scale`'s seedScale(...) plugs in here instead (pass it as `seed`).
 */
export const benchSeed: SeedStep = async (graph, persons) => {
  await seedPeopleAcrossGraph(graph, 51);
  const school = ok(
    await graph.query(
      `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
      { input: { name: "Bench side-by-side school", nisCode: "44021", offersOkan: false, okanCapacity: 0 } },
      { sub: "bench-admin", org: "STAD_GENT", roles: ["ADMIN"] },
      null,
    ),
  ).registerSchool.id as string;
  const siteId = await validatedSite(graph, "Bench bulk centre", [1]);
  await grow(graph, 1, persons, school, siteId);
};

export interface SideBySideOptions {
  quick: boolean;
  persons: number;
  rounds: number;
  /** Requests per operation, gateway and round (heavy aggregates get a third). */
  requests: number;
  concurrency: number;
  seed: SeedStep;
}

export function sideBySideOptionsFromEnv(quick: boolean): SideBySideOptions {
  const n = (name: string, full: number, short: number) => Number(process.env[name] ?? (quick ? short : full));
  return {
    quick,
    persons: n("BENCH_SIDE_PERSONS", 20_000, 2_000),
    rounds: Math.max(3, n("BENCH_SIDE_ROUNDS", 4, 3)),
    requests: n("BENCH_SIDE_REQUESTS", 150, 24),
    concurrency: n("BENCH_CONCURRENCY", 8, 4),
    seed: benchSeed,
  };
}

const PEER_ENTRY = "bench/peers/hive-gateway.ts";

type GatewayName = "ours" | "hive" | "hive_router_runtime";
const GATEWAYS: GatewayName[] = ["ours", "hive", "hive_router_runtime"];
/** The heaviest operations: a third of the requests per turn. */
export const HEAVY = new Set(["indicators-month", "children-awaiting-school", "site-residents-51"]);

/** The last `count` whole calendar months, newest first. */
function lastMonths(count: number): { from: string; to: string }[] {
  const now = new Date();
  return Array.from({ length: count }, (_, k) => {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1 - k, 1));
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 0));
    return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
  });
}

/**
 * What the operations vary over, read from the seeded data (whoever seeded it) and walked through our gateway;
 * residents are paged at the `sites` sites with the most (a data set of many small sites needs more of them).
 */
export async function discover(graph: RunningGraph, sites = 3): Promise<BenchData> {
  const social = graph.dataSources.social;
  const personIds = (await social.query(`SELECT id FROM person ORDER BY md5(id::text) LIMIT 400`)).map(
    (r: { id: string }) => r.id,
  );
  const names: { n: string }[] = await social.query(
    `(SELECT DISTINCT given_name AS n FROM person LIMIT 60) UNION (SELECT DISTINCT family_name FROM person LIMIT 20)`,
  );
  const peopleCursors: (string | null)[] = [null];
  for (let page = 0; page < 60; page++) {
    const res = ok(
      await graph.query(
        `query W($after: String) { people(first: 20, after: $after) { pageInfo { endCursor hasNextPage } } }`,
        {
          after: peopleCursors.at(-1),
        },
      ),
    );
    if (!res.people.pageInfo.hasNextPage) break;
    peopleCursors.push(res.people.pageInfo.endCursor);
  }
  const busiest: { site_id: string }[] = await graph.dataSources.housing.query(
    `SELECT site_id FROM placement WHERE move_out_date IS NULL GROUP BY site_id ORDER BY count(*) DESC LIMIT $1`,
    [sites],
  );
  const residentPages: { siteId: string; after: string | null }[] = [];
  for (const { site_id: siteId } of busiest) {
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      residentPages.push({ siteId, after });
      const res: any = ok(
        await graph.query(
          `query R($siteId: ID!, $after: String) { site(id: $siteId) { residents(first: 51, after: $after) { pageInfo { endCursor hasNextPage } } } }`,
          { siteId, after },
        ),
      );
      if (!res.site.residents.pageInfo.hasNextPage) break;
      after = res.site.residents.pageInfo.endCursor;
    }
  }
  return {
    personIds,
    peopleCursors,
    residentPages,
    searchTerms: names.map((r) => r.n),
    siteIds: busiest.map((s) => s.site_id),
    months: lastMonths(12),
  };
}

/** No two requests in flight alike: every list of variables is longer than the number of clients. */
export function assertVariety(data: BenchData, concurrency: number): void {
  for (const [k, v] of Object.entries(data))
    if (v.length < concurrency && k !== "siteIds" && k !== "months")
      throw new Error(`Only ${v.length} ${k} to vary over for ${concurrency} concurrent clients: seed more.`);
}

/** Request i of `op` through a gateway, as the caller whose token `token()` gives, each with its own request id. */
export function sendOperation(to: Client, op: Operation, data: BenchData, token: () => string) {
  return (i: number) =>
    to.post(
      { query: op.query, operationName: op.operationName, variables: op.variables(data, i) },
      { authorization: `Bearer ${token()}`, "x-purpose": op.purpose, "x-request-id": `bench-${randomUUID()}` },
    );
}

/** The peers are bench/'s own package, installed apart from the product's (`npm ci --prefix bench`). */
function assertPeersInstalled(): void {
  for (const name of ["@graphql-hive/gateway", "@graphql-hive/router-runtime"]) {
    try {
      require.resolve(name, { paths: [join(__dirname, "..", "peers")] });
    } catch {
      throw new Error(`${name} is not installed in bench/: run \`npm ci --prefix bench\` once (bench/package.json).`);
    }
  }
}

/**
 * Servers on the last core, this load generator on the others (this process is pinned now); one core only, or no
 * taskset: nothing pinned, and `pinning` says why.
 */
export function pinServersAndLoad() {
  const cores = cpus().length;
  const pinned = cores >= 2 && canPin();
  const serverCpus = pinned ? String(cores - 1) : null;
  const loadCpus = pinned ? (cores === 2 ? "0" : `0-${cores - 2}`) : null;
  if (pinned) pin(process.pid, loadCpus!);
  const pinning = pinned
    ? { servers: `core ${serverCpus}`, load_generator: `core ${loadCpus}`, tool: "taskset" }
    : { servers: "unpinned", load_generator: "unpinned", why: cores < 2 ? "one core" : "taskset is not available" };
  return { cores, pinned, serverCpus, pinning };
}

/** Pins PostgreSQL's postmaster and every process under it to the servers' CPUs (backends forked later inherit it). */
export function pinPostgres(pg: BenchPostgres, serverCpus: string | null): void {
  if (serverCpus) for (const pid of processTree(pg.postmasterPid)) pin(pid, serverCpus);
}

export interface OurGraph {
  subgraphs: Record<SubgraphName, Server>;
  /** Our gateway's process. */
  gateway: Server;
  /** What a gateway in front of these subgraphs needs: their URLs, the caller's and the internal token's keys. */
  gatewayEnv: Record<string, string>;
  graph: RunningGraph;
}

/**
 * The four subgraphs and our gateway, each a process of its own on `cpus`, serving `dbs`. Each server is pushed onto
 * `servers` as soon as it runs, so that the caller's `stop` (the graph's stop) ends whatever started if a later one fails.
 * `prefix` names the processes when more than one graph runs.
 */
export async function startOurGraph(opts: {
  dbs: Record<string, TestDatabase>;
  cpus: string | null;
  servers: Server[];
  stop: () => Promise<void>;
  prefix?: string;
}): Promise<OurGraph> {
  const { dbs, cpus: serverCpus, servers, prefix = "" } = opts;
  // Every subgraph knows where its peers are before any starts: ports chosen first.
  const ports = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (n) => [n, await freePort()])));
  const urlEnv = Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_URL`, `http://127.0.0.1:${ports[n]}/graphql`]),
  );
  const subgraphs: Partial<Record<SubgraphName, Server>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const server = await startServer({
      name: `${prefix}${name}`,
      entry: `subgraphs/${name}/src/main.ts`,
      portVariable: `${name.toUpperCase()}_PORT`,
      port: ports[name],
      env: {
        ...urlEnv,
        [`${name.toUpperCase()}_DATABASE_URL`]: dbs[name].url,
        [`${name.toUpperCase()}_MIGRATION_DATABASE_URL`]: dbs[name].ownerUrl,
        INTERNAL_TOKEN_PUBLIC_KEYS: TEST_INTERNAL_KEYS.publicKeyPem,
      },
      readyPath: "/ready",
      cpus: serverCpus,
      nodeArgs: SUBGRAPH_NODE_ARGS,
    });
    servers.push(server);
    subgraphs[name] = server;
  }
  const gatewayEnv = {
    ...urlEnv,
    JWT_SECRET: TEST_JWT_SECRET,
    INTERNAL_TOKEN_PRIVATE_KEY: TEST_INTERNAL_KEYS.privateKeyPem,
    // One caller at thousands of requests a minute: the limit stays on (its cost counts) but is never reached.
    RATE_LIMIT_PER_MINUTE: "10000000",
  };
  const gateway = await startServer({
    name: `${prefix}ours`,
    entry: "gateway/src/index.ts",
    portVariable: "GATEWAY_PORT",
    env: gatewayEnv,
    readyPath: "/ready",
    cpus: serverCpus,
  });
  servers.push(gateway);
  const graphqlUrl = `${gateway.url}/graphql`;
  const graph: RunningGraph = {
    url: gateway.url,
    graphqlUrl,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, `${subgraphs[n]!.url}/graphql`])),
    dataSources: Object.fromEntries(Object.entries(dbs).map(([k, v]) => [k, v.dataSource])),
    databases: dbs,
    query: gatewayQuery(graphqlUrl),
    stop: opts.stop,
  };
  return { subgraphs: subgraphs as Record<SubgraphName, Server>, gateway, gatewayEnv, graph };
}

/**
 * Measures `total` requests of one operation (`concurrency` at a time) against one graph's processes: latency,
 * CPU per request of the gateway (0 when sent with none), each subgraph and PostgreSQL, SQL statements and audit
 * bytes per request in each subgraph's database.
 */
export function measurer(opts: {
  pg: BenchPostgres;
  dbs: Record<string, TestDatabase>;
  subgraphs: Record<SubgraphName, Server>;
  concurrency: number;
}) {
  const { pg, dbs, subgraphs } = opts;
  const dbNames = SUBGRAPH_NAMES.map((n) => dbs[n].name);
  const snapshot = async (g: Server | null) => ({
    gateway: g ? cpuSeconds(g.pid) : 0,
    subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, cpuSeconds(subgraphs[n].pid)])),
    postgres: treeCpuSeconds(pg.postmasterPid),
    statements: await pg.statements(dbNames),
    audit: await pg.auditBytes(dbNames),
  });
  type Snapshot = Awaited<ReturnType<typeof snapshot>>;
  return async (gateway: Server | null, total: number, send: (i: number) => Promise<Exchange>, op: Operation) => {
    const before: Snapshot = await snapshot(gateway);
    const load = await runLoad(total, opts.concurrency, send, op.check);
    // Audit records are written as the request ends: let the last land before reading the counters.
    await new Promise((r) => setTimeout(r, 300));
    const after: Snapshot = await snapshot(gateway);
    const per = (a: number, b: number) => round2(((b - a) * 1000) / total);
    const subgraphCpu = Object.fromEntries(
      SUBGRAPH_NAMES.map((n) => [n, per(before.subgraphs[n], after.subgraphs[n])]),
    );
    const lat = [...load.latenciesMs].sort((a, b) => a - b);
    return {
      requests: total,
      failures: load.failures,
      ...(load.firstFailures.length ? { first_failures: load.firstFailures } : {}),
      requests_per_second: round1(total / load.seconds),
      p50_ms: round1(at(lat, 50)),
      p95_ms: round1(at(lat, 95)),
      cpu_ms_per_request: {
        gateway: gateway ? per(before.gateway, after.gateway) : 0,
        subgraphs: round2(Object.values(subgraphCpu).reduce((a, b) => a + b, 0)),
        postgres: per(before.postgres, after.postgres),
        ...Object.fromEntries(Object.entries(subgraphCpu).map(([n, v]) => [`subgraph_${n}`, v])),
      },
      sql_statements_per_request: Object.fromEntries(
        SUBGRAPH_NAMES.map((n) => [
          n,
          round2((after.statements[dbs[n].name] - before.statements[dbs[n].name]) / total),
        ]),
      ),
      audit_bytes_per_request: Object.fromEntries(
        SUBGRAPH_NAMES.map((n) => [n, Math.round((after.audit[dbs[n].name] - before.audit[dbs[n].name]) / total)]),
      ),
    };
  };
}
export type Measured = Awaited<ReturnType<ReturnType<typeof measurer>>>;

export async function benchSideBySide(opts: SideBySideOptions): Promise<Record<string, unknown>> {
  assertPeersInstalled();
  const { cores, serverCpus, pinning } = pinServersAndLoad();
  console.error(
    `[bench] side by side: ${opts.persons} persons, ${opts.rounds} rounds, pinning ${JSON.stringify(pinning)}`,
  );

  await compileForBench([PEER_ENTRY]);
  const pg = await startBenchPostgres();
  // The postmaster and its helpers (checkpointer, WAL writer …); backends forked later inherit the pinning.
  pinPostgres(pg, serverCpus);
  process.env.TEST_DATABASE_URL = pg.url;
  const dbs: Record<string, TestDatabase> = {};
  const servers: Server[] = [];
  const stopAll = async () => {
    for (const s of servers.reverse()) await s.stop();
    await pg.release();
    for (const d of Object.values(dbs)) await d.close().catch(() => undefined);
    await pg.stop();
  };
  try {
    for (const module of ALL_SUBGRAPHS) dbs[module.name] = await migratedDatabase(module);
    const {
      subgraphs,
      gateway: ours,
      gatewayEnv,
      graph,
    } = await startOurGraph({
      dbs,
      cpus: serverCpus,
      servers,
      stop: stopAll,
    });
    const gateways: Record<GatewayName, Server> = {
      ours,
      hive: await startServer({
        name: "hive",
        entry: PEER_ENTRY,
        portVariable: "HIVE_PORT",
        env: gatewayEnv,
        readyPath: "/healthcheck",
        cpus: serverCpus,
      }),
      hive_router_runtime: await startServer({
        name: "hive_router_runtime",
        entry: PEER_ENTRY,
        portVariable: "HIVE_PORT",
        env: { ...gatewayEnv, HIVE_ROUTER_RUNTIME: "1" },
        readyPath: "/healthcheck",
        cpus: serverCpus,
      }),
    };
    servers.push(gateways.hive, gateways.hive_router_runtime);
    // Backends forked since are pinned already; this catches any helper started in between.
    pinPostgres(pg, serverCpus);

    const affinity = {
      load_generator: cpusAllowed(process.pid),
      postgres: [...new Set(processTree(pg.postmasterPid).map(cpusAllowed))].join(" "),
      ...Object.fromEntries(servers.map((s) => [s.name, cpusAllowed(s.pid)])),
    };
    const seedStarted = Date.now();
    await opts.seed(graph, opts.persons);
    const seedSeconds = round1((Date.now() - seedStarted) / 1000);
    const data = await discover(graph);
    console.error(
      `[bench] seeded in ${seedSeconds} s; ${JSON.stringify(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.length])))}`,
    );

    assertVariety(data, opts.concurrency);
    const clients = Object.fromEntries(
      GATEWAYS.map((g) => [g, client(`${gateways[g].url}/graphql`, opts.concurrency)]),
    ) as Record<GatewayName, Client>;
    const direct = client(`${subgraphs.social!.url}/graphql`, opts.concurrency);
    const signer = await testInternalSigner();
    const tokens = new Map<Operation, string>();
    const freshTokens = async () => {
      for (const op of OPERATIONS) tokens.set(op, await callerToken(op.as));
    };
    await freshTokens();
    const viaGateway = (g: GatewayName, op: Operation) => sendOperation(clients[g], op, data, () => tokens.get(op)!);
    // Straight to the subgraph, as the gateway would ask it: a fresh internal token per request.
    const directToSocial = (op: Operation) => async (i: number) => {
      const caller = {
        sub: op.as.sub!,
        org: op.as.org!,
        roles: op.as.roles,
        sites: [],
        schools: [],
        organisations: [],
      };
      const requestId = `bench-${randomUUID()}`;
      const token = await signer.sign(
        { caller, purpose: op.purpose, requestId, operation: op.operationName },
        internalAudience("social", caller),
      );
      return direct.post(
        { query: op.query, operationName: op.operationName, variables: op.variables(data, i) },
        { authorization: `Bearer ${token}`, "x-request-id": requestId },
      );
    };

    // Correctness: the same operations, the same variables, the same data from all three gateways.
    const correctness: Record<string, { compared: number; identical: number; first_difference?: string }> = {};
    const canonical = (v: unknown): string =>
      JSON.stringify(v, (_k, x) =>
        x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x,
      );
    for (const op of OPERATIONS) {
      const entry: { compared: number; identical: number; first_difference?: string } = { compared: 0, identical: 0 };
      for (let i = 0; i < (opts.quick ? 3 : 8); i++) {
        const answers: Exchange[] = [];
        for (const g of GATEWAYS) answers.push(await viaGateway(g, op)(i));
        for (const [k, a] of answers.entries()) {
          const wrong = judge(a, op.check);
          if (wrong) throw new Error(`${GATEWAYS[k]} answered ${op.name} (variables ${i}) wrongly: ${wrong}`);
        }
        entry.compared++;
        const [ours, ...peers] = answers.map((a) => canonical(a.body.data));
        if (peers.every((p) => p === ours)) entry.identical++;
        else
          entry.first_difference ??= `variables #${i}: ours ${ours.slice(0, 200)} … peers ${peers.map((p) => p.slice(0, 200)).join(" | ")}`;
      }
      correctness[op.name] = entry;
    }
    // The same forwarded identity: what each subgraph audited of one request through each gateway (who, as
    // which organisation and roles, for what purpose, in which operation), read from its audit_log.
    const audited: Record<string, string> = {};
    const person360 = OPERATIONS[0];
    for (const g of GATEWAYS) {
      const requestId = `bench-identity-${g}-${randomUUID()}`.slice(0, 64);
      const res = await clients[g].post(
        { query: person360.query, operationName: person360.operationName, variables: person360.variables(data, 0) },
        { authorization: `Bearer ${tokens.get(person360)}`, "x-purpose": person360.purpose, "x-request-id": requestId },
      );
      const wrong = judge(res, person360.check);
      if (wrong) throw new Error(`${g} answered the identity check wrongly: ${wrong}`);
      await new Promise((r) => setTimeout(r, 300));
      const rows: Record<string, unknown> = {};
      for (const n of SUBGRAPH_NAMES)
        rows[n] = await dbs[n].dataSource.query(
          `SELECT DISTINCT subject, organisation, roles, purpose, operation FROM audit_log WHERE request_id = $1 ORDER BY 1, 2, 3, 4, 5`,
          [requestId],
        );
      audited[g] = canonical(rows);
    }
    const sameIdentity = GATEWAYS.every((g) => audited[g] === audited.ours);
    if (!sameIdentity) throw new Error(`The gateways forwarded different identities: ${JSON.stringify(audited)}`);
    const identity = { same_audited_identity_at_every_subgraph: sameIdentity, audited: JSON.parse(audited.ours) };
    console.error(`[bench] correctness ${JSON.stringify(correctness)}; identity ${audited.ours}`);

    const measure = measurer({ pg, dbs, subgraphs, concurrency: opts.concurrency });

    // Warm-up: plans cached, connections open, JIT warm, before anything is timed.
    for (const g of GATEWAYS)
      for (const op of OPERATIONS) await runLoad(opts.concurrency * 2, opts.concurrency, viaGateway(g, op), op.check);

    const rows: ({ round: number; gateway: GatewayName | "direct_social"; operation: string } & Measured)[] = [];
    const rss: { round: number; gateway: GatewayName; rss_mb: number }[] = [];
    let offset = 0;
    for (let round = 1; round <= opts.rounds; round++) {
      await freshTokens();
      for (const g of GATEWAYS) {
        for (const op of OPERATIONS) {
          const total = HEAVY.has(op.name)
            ? Math.max(opts.concurrency * 2, Math.round(opts.requests / 3))
            : opts.requests;
          // Each turn starts where the last stopped: variables keep changing across turns and rounds.
          const start = offset;
          offset += total;
          const m = await measure(gateways[g], total, (i) => viaGateway(g, op)(start + i), op);
          rows.push({ round, gateway: g, operation: op.name, ...m });
          console.error(`[bench] round ${round} ${g} ${op.name}: ${m.requests_per_second}/s, ${m.failures} failed`);
        }
        rss.push({ round, gateway: g, rss_mb: rssMb(gateways[g].pid) });
      }
      for (const op of OPERATIONS.filter((o) => o.direct)) {
        const start = offset;
        offset += opts.requests;
        const m = await measure(null, opts.requests, (i) => directToSocial(op)(start + i), op);
        rows.push({ round, gateway: "direct_social", operation: op.name, ...m });
      }
    }
    for (const c of [...Object.values(clients), direct]) c.close();

    const find = (round: number, g: string, op: string) =>
      rows.find((r) => r.round === round && r.gateway === g && r.operation === op)!;
    const rounds = Array.from({ length: opts.rounds }, (_, k) => k + 1);
    const cpuTotal = (r: Measured) =>
      r.cpu_ms_per_request.gateway + r.cpu_ms_per_request.subgraphs + r.cpu_ms_per_request.postgres;
    const medians: Record<string, unknown> = {};
    for (const op of OPERATIONS) {
      const perGateway: Record<string, unknown> = {};
      for (const g of [...GATEWAYS, ...(op.direct ? ["direct_social"] : [])]) {
        const rs = rounds.map((r) => find(r, g, op.name));
        const med = (f: (r: Measured) => number) => round2(median(rs.map(f)));
        perGateway[g] = {
          requests_per_second: med((r) => r.requests_per_second),
          p50_ms: med((r) => r.p50_ms),
          p95_ms: med((r) => r.p95_ms),
          cpu_ms_per_request: {
            gateway: med((r) => r.cpu_ms_per_request.gateway),
            subgraphs: med((r) => r.cpu_ms_per_request.subgraphs),
            postgres: med((r) => r.cpu_ms_per_request.postgres),
            total: med(cpuTotal),
            ...Object.fromEntries(
              SUBGRAPH_NAMES.map((n) => [`subgraph_${n}`, med((r) => (r.cpu_ms_per_request as any)[`subgraph_${n}`])]),
            ),
          },
          sql_statements_per_request: Object.fromEntries(
            SUBGRAPH_NAMES.map((n) => [n, med((r) => r.sql_statements_per_request[n])]),
          ),
          audit_bytes_per_request: Object.fromEntries(
            SUBGRAPH_NAMES.map((n) => [n, med((r) => r.audit_bytes_per_request[n])]),
          ),
          failures: rs.reduce((a, r) => a + r.failures, 0),
        };
      }
      // Ratios inside each round (the same minute, the same machine load), then their median.
      const ratio = (peer: string, f: (r: Measured) => number) => {
        const each = rounds.map((r) => round2(f(find(r, "ours", op.name)) / f(find(r, peer, op.name))));
        return { per_round: each, median: round2(median(each)) };
      };
      perGateway.ratios = {
        throughput_ours_to_hive: ratio("hive", (r) => r.requests_per_second),
        throughput_ours_to_hive_router_runtime: ratio("hive_router_runtime", (r) => r.requests_per_second),
        gateway_cpu_ours_to_hive: ratio("hive", (r) => r.cpu_ms_per_request.gateway),
        gateway_cpu_ours_to_hive_router_runtime: ratio("hive_router_runtime", (r) => r.cpu_ms_per_request.gateway),
        ...(op.direct ? { throughput_ours_to_direct: ratio("direct_social", (r) => r.requests_per_second) } : {}),
      };
      medians[op.name] = perGateway;
    }
    return {
      machine: { node: process.version, cpus: cores },
      pinning: { ...pinning, cpus_allowed: affinity },
      mode: opts.quick ? "quick" : "full",
      persons: opts.persons,
      seed_seconds: seedSeconds,
      rounds: opts.rounds,
      requests_per_turn: opts.requests,
      concurrency: opts.concurrency,
      order: "each round: ours, hive, hive_router_runtime, each with every operation in turn, then direct to social",
      varied_over: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.length])),
      correctness: { answers: correctness, forwarded_identity: identity },
      medians,
      rss_mb_after_each_round: rss,
      raw: rows,
    };
  } finally {
    await stopAll();
  }
}

export const SIDE_BY_SIDE_RESULTS = join(__dirname, "..", "results");
