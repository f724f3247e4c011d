import { startTestPostgres } from "./postgres.mjs";

export default async function globalSetup() {
  process.env.APOLLO_TELEMETRY_DISABLED = "1";
  if (process.env.TEST_DATABASE_URL) return;
  const pg = await startTestPostgres();
  globalThis.__RG_TEST_PG__ = pg;
  // Workers are started after global setup and inherit this environment.
  process.env.TEST_DATABASE_URL = pg.url;
}
