import {
  createSubgraphDataSource,
  devDatabaseUrls,
  noDatabaseUrlGiven,
  retentionPeriods,
  retentionReport,
  RetentionPeriods,
  RetentionRow,
  SubgraphModule,
  subgraphDatabaseUrl,
  summariseRetention,
} from "@reception-graph/kit";
import { ALL_SUBGRAPHS } from "./subgraphs";

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
 * server npm start runs for DATA_DIR, found as `npm run import:offers` finds it (the kit's devDatabaseUrls);
 * the report only reads.
 */
function databaseUrl(module: SubgraphModule): string {
  return noDatabaseUrlGiven(module.name) ? devDatabaseUrls(module.name).application : subgraphDatabaseUrl(module.name);
}

async function main(): Promise<void> {
  try {
    const json = process.argv.includes("--json");
    const asOf = new Date();
    const report = await retentionOfGraph(databaseUrl, retentionPeriods(), asOf);
    process.stdout.write(
      json ? JSON.stringify({ asOf: asOf.toISOString(), report }, null, 2) + "\n" : formatRetention(report, asOf),
    );
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
