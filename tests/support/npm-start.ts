import { freePort } from "./faults/process";

/**
 * The environment of an `npm start` under test: its own data directory and free ports, and every setting that
 * would point it elsewhere (a database, peer URLs, secrets, the interface) emptied, whatever the test run's own
 * environment holds, so it runs its embedded PostgreSQL as a laptop would.
 */
export async function npmStartEnv(dataDir: string): Promise<NodeJS.ProcessEnv> {
  const [gateway, social, housing, care, education] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const env: NodeJS.ProcessEnv = {
    DATA_DIR: dataDir,
    GATEWAY_PORT: String(gateway),
    SOCIAL_PORT: String(social),
    HOUSING_PORT: String(housing),
    CARE_PORT: String(care),
    EDUCATION_PORT: String(education),
    PG_PORT: "",
    DATABASE_URL: "",
    MIGRATION_DATABASE_URL: "",
    JWT_SECRET: "",
    INTERNAL_TOKEN_SECRET: "",
    JWKS_URL: "",
    HOST: "",
    LOG_LEVEL: "info",
    // A laptop's npm start: not Jest's NODE_ENV=test, under which libraries behave otherwise (Apollo's signal handlers).
    NODE_ENV: "",
  };
  for (const name of ["SOCIAL", "HOUSING", "CARE", "EDUCATION"]) {
    env[`${name}_DATABASE_URL`] = "";
    env[`${name}_MIGRATION_DATABASE_URL`] = "";
    env[`${name}_URL`] = "";
  }
  return env;
}
