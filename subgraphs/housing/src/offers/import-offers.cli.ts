import {
  Caller,
  describeError,
  devDatabaseUrls,
  DevDatabaseUnavailable,
  noDatabaseUrlGiven,
  openSubgraphDatabase,
  subgraphDatabaseUrls,
} from "@reception-graph/kit";
import { GraphQLError } from "graphql";
import { readFileSync } from "node:fs";
import { housingSubgraph } from "../app";
import { ImportReport, importHousingOffers } from "./import-offers";
import { ImportMode } from "./offer.inputs";

const USAGE = `Usage: npm run import:offers -- <file.csv> [--accepted-rows-only]
Imports housing offers from a CSV export of the regional housing tool into the housing database:
HOUSING_DATABASE_URL, else DATABASE_URL with database reception_housing (migrated first as the owner role of
HOUSING_MIGRATION_DATABASE_URL, else MIGRATION_DATABASE_URL); with none of these set, the database of the graph
\`npm start\` runs for DATA_DIR (default ./data). Default: all or nothing.`;

/** Who the import is recorded as in the offers' history. */
const CLI_CALLER: Caller = {
  sub: `cli:${process.env.USER ?? "import-offers"}`,
  org: "CLI",
  roles: ["HOUSING_COORDINATOR"],
  sites: [],
  schools: [],
  organisations: [],
};

export function formatReport(file: string, r: ImportReport): string {
  const lines = [
    `Import of ${file} (${r.mode}): ${r.totalRows} row(s); ${r.written ? "written" : "NOTHING WRITTEN"}.`,
    `  created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, rejected rows ${new Set(r.rejected.map((x) => x.row)).size}`,
  ];
  for (const a of r.accepted)
    lines.push(`  row ${a.row}: ${a.reference} ${a.outcome}${a.offerId ? ` (${a.offerId})` : ""}`);
  for (const x of r.rejected) lines.push(`  row ${x.row}, column ${x.column}: ${x.reason}`);
  return lines.join("\n");
}

async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => !a.startsWith("--"));
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  if (args.length !== 1 || [...flags].some((f) => f !== "--accepted-rows-only")) {
    console.error(USAGE);
    return 2;
  }
  const mode = flags.has("--accepted-rows-only") ? ImportMode.ACCEPTED_ROWS_ONLY : ImportMode.ALL_OR_NOTHING;
  const csv = readFileSync(args[0], "utf8");
  const urls = noDatabaseUrlGiven("housing") ? devDatabaseUrls("housing") : subgraphDatabaseUrls("housing");
  const dataSource = await openSubgraphDatabase(housingSubgraph, urls, 2);
  try {
    const report = await importHousingOffers(dataSource, csv, mode, CLI_CALLER);
    console.log(formatReport(args[0], report));
    return report.rejected.length > 0 ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      // A refusal's message is meant for the operator; anything else is logged without the values it was sent.
      console.error(e instanceof GraphQLError || e instanceof DevDatabaseUnavailable ? e.message : describeError(e));
      process.exit(2);
    },
  );
}
