import {
  createSubgraphDataSource,
  retentionPeriods,
  retentionReport,
  RetentionPeriods,
  RetentionRow,
  SubgraphModule,
  subgraphDatabaseUrl,
  summariseRetention,
} from "@reception-graph/kit";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ALL_SUBGRAPHS } from "./subgraphs";
import { dataDir, secretsPath } from "./token";

export interface SubgraphRetention {
  subgraph: string;
  rows: RetentionRow[];
}

/** The report of every subgraph, as of a day: reads only, deletes nothing. */
export async function retentionOfGraph(
  url: (module: SubgraphModule) => string,
  periods: RetentionPeriods = retentionPeriods(),
  asOf = new Date(),
  modules: readonly SubgraphModule[] = ALL_SUBGRAPHS,
): Promise<SubgraphRetention[]> {
  const result: SubgraphRetention[] = [];
  for (const module of modules) {
    const dataSource = createSubgraphDataSource(module, url(module), 1);
    await dataSource.initialize();
    try {
      result.push({
        subgraph: module.name,
        rows: await retentionReport(dataSource, module.retention ?? [], periods, asOf),
      });
    } finally {
      await dataSource.destroy();
    }
  }
  return result;
}

/** Plain text for the terminal: per subgraph and category, what is past its period and the oldest date. */
export function formatRetention(report: readonly SubgraphRetention[], asOf: Date): string {
  const lines = [`Retention report as of ${asOf.toISOString().slice(0, 10)} (nothing is deleted).`, ""];
  lines.push(["subgraph", "category", "period (days)", "past period", "oldest", "tables"].join("\t"));
  for (const { subgraph, rows } of report) {
    for (const s of summariseRetention(rows)) {
      lines.push([subgraph, s.category, s.periodDays, s.pastPeriod, s.oldest ?? "-", s.tables.join(", ")].join("\t"));
    }
  }
  return lines.join("\n") + "\n";
}

/**
 * Each subgraph's database: <NAME>_DATABASE_URL or DATABASE_URL as for the subgraphs, else the embedded
 * server npm start runs (its port from DATA_DIR/postgres/postmaster.pid, its password from the secrets).
 */
async function urlResolver(): Promise<(module: SubgraphModule) => string> {
  if (process.env.DATABASE_URL) return (m) => subgraphDatabaseUrl(m.name);
  const given = ALL_SUBGRAPHS.every((m) => process.env[`${m.name.toUpperCase()}_DATABASE_URL`]);
  if (given) return (m) => subgraphDatabaseUrl(m.name);
  let port: string;
  let password: string;
  try {
    port = (await readFile(join(dataDir(), "postgres", "postmaster.pid"), "utf8")).split("\n")[3].trim();
    password = (JSON.parse(await readFile(secretsPath(), "utf8")) as { postgresPassword: string }).postgresPassword;
  } catch {
    throw new Error("Set DATABASE_URL (or <NAME>_DATABASE_URL for each subgraph), or run `npm start` first.");
  }
  return (m) =>
    subgraphDatabaseUrl(m.name, {
      ...process.env,
      DATABASE_URL: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    });
}

async function main(): Promise<void> {
  try {
    const json = process.argv.includes("--json");
    const asOf = new Date();
    const report = await retentionOfGraph(await urlResolver(), retentionPeriods(), asOf);
    process.stdout.write(
      json ? JSON.stringify({ asOf: asOf.toISOString(), report }, null, 2) + "\n" : formatRetention(report, asOf),
    );
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
