import {
  devDatabaseUrls,
  noDatabaseUrlGiven,
  SubgraphName,
  subgraphDatabaseUrls,
  SUBGRAPH_NAMES,
} from "@reception-graph/kit";
import { SeedProgress, seedScale } from "./seed-scale/index";

/**
 * `npm run seed:scale -- --persons 80000 [--seed N] [--until YYYY-MM-DD] [--reset]`: a national-scale,
 * reproducible synthetic data set in the four databases (see README, "Seeding national-scale data").
 * With no database URL set it finds the databases of the graph `npm start` runs for DATA_DIR, as
 * `npm run import:offers` does; otherwise <NAME>_MIGRATION_DATABASE_URL (or MIGRATION_DATABASE_URL)
 * names each database's owner role, which the seeder writes as.
 */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`${name} needs a value.`);
  return value;
}

export function wholeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, not ${JSON.stringify(raw)}.`);
  return Number(raw);
}

/** One stage's progress as a line (the bench prints the same). */
export function progressLine(p: SeedProgress): string {
  const counts = Object.entries(p.rows)
    .map(([t, n]) => `${t} ${n.toLocaleString("en")}`)
    .join(", ");
  return `[seed] ${p.subgraph.padEnd(9)} ${p.stage}${counts ? `: ${counts}` : ""} (${p.seconds.toFixed(1)} s)`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const known = new Set(["--persons", "--seed", "--until", "--reset"]);
  const unknown = args.filter((a) => a.startsWith("--") && !known.has(a));
  if (unknown.length > 0)
    throw new Error(`Unknown option ${unknown[0]}; options: --persons N, --seed N, --until YYYY-MM-DD, --reset.`);
  const persons = wholeNumber("--persons", option(args, "--persons"), 80_000);
  const seed = wholeNumber("--seed", option(args, "--seed"), 1);
  const urls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, noDatabaseUrlGiven(name) ? devDatabaseUrls(name) : subgraphDatabaseUrls(name)]),
  ) as unknown as Record<SubgraphName, { migration: string }>;
  const result = await seedScale({
    urls,
    persons,
    seed,
    until: option(args, "--until"),
    reset: args.includes("--reset"),
    onProgress: (p) => process.stdout.write(`${progressLine(p)}\n`),
  });
  const total = Object.values(result.rows).reduce((s, r) => s + Object.values(r).reduce((a, b) => a + b, 0), 0);
  process.stdout.write(`[seed] done: ${total.toLocaleString("en")} rows in ${result.seconds.toFixed(1)} s\n`);
}

if (require.main === module)
  main().catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 2;
  });
