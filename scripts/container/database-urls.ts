import { SUBGRAPH_NAMES } from "@reception-graph/kit";

/**
 * Each subgraph's two database URLs, built from separate parts, for containers: compose substitutes
 * variables as they are and cannot percent-encode a password, so a password holding `@`, `:`, `/`,
 * `#` or `%` would break a URL written in the compose file. Here each part is encoded
 * (encodeURIComponent, which also encodes `%`, unlike the URL class's username/password setters).
 *
 * From `DB_HOST` (default `postgres`), `DB_PORT` (default 5432) and, per subgraph whose passwords
 * are given, `<NAME>_DB_APP_PASSWORD` and `<NAME>_DB_OWNER_PASSWORD`: roles `<database>_app` and
 * `<database>_owner` on database `<NAME>_DB_NAME` (default `reception_<name>`), as
 * scripts/postgres/init-databases.sh creates them. A URL already set in the environment is kept.
 */
export function databaseUrlsFromParts(env: NodeJS.ProcessEnv): Record<string, string> {
  const host = env.DB_HOST || "postgres";
  const port = env.DB_PORT || "5432";
  const urls: Record<string, string> = {};
  const url = (user: string, password: string, database: string) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${encodeURIComponent(database)}`;
  for (const name of SUBGRAPH_NAMES) {
    const upper = name.toUpperCase();
    const database = env[`${upper}_DB_NAME`] || `reception_${name}`;
    const app = env[`${upper}_DB_APP_PASSWORD`];
    const owner = env[`${upper}_DB_OWNER_PASSWORD`];
    if (app && !env[`${upper}_DATABASE_URL`]) urls[`${upper}_DATABASE_URL`] = url(`${database}_app`, app, database);
    if (owner && !env[`${upper}_MIGRATION_DATABASE_URL`]) {
      urls[`${upper}_MIGRATION_DATABASE_URL`] = url(`${database}_owner`, owner, database);
    }
  }
  return urls;
}
