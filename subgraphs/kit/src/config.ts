/** Environment configuration shared by all processes (names fixed by the foundation issue). */
export const DEFAULT_PORTS = {
  gateway: 4000,
  social: 4001,
  housing: 4002,
  care: 4003,
  education: 4004,
} as const;

export type SubgraphName = "social" | "housing" | "care" | "education";
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ["social", "housing", "care", "education"];

export function envPort(name: keyof typeof DEFAULT_PORTS, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[`${name.toUpperCase()}_PORT`];
  if (raw === undefined || raw === "") return DEFAULT_PORTS[name];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name.toUpperCase()}_PORT=${raw} is not a port number.`);
  return n;
}

export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set.`);
  return value;
}

/**
 * The application role's database URL of one subgraph (what it serves with):
 * `<NAME>_DATABASE_URL` if set, else
 * DATABASE_URL with the database name replaced by `reception_<name>`
 * (one server, one database per subgraph).
 */
export function subgraphDatabaseUrl(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  const own = env[`${name.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  const shared = requireEnv("DATABASE_URL", env);
  const url = new URL(shared);
  url.pathname = `/reception_${name}`;
  return url.toString();
}

/** The two connections of a subgraph: its application role serves, its owner role migrates. */
export interface SubgraphDatabaseUrls {
  /** A non-superuser role with only the privileges the code needs (`<NAME>_DATABASE_URL`). */
  application: string;
  /** The role that owns the tables and runs the migrations (`<NAME>_MIGRATION_DATABASE_URL`). */
  migration: string;
}

/**
 * Both URLs of one subgraph. The migration URL is `<NAME>_MIGRATION_DATABASE_URL`,
 * else MIGRATION_DATABASE_URL with the database name replaced by `reception_<name>`.
 * There is no fallback to the application URL: one role doing both would own
 * the audit table it must not be able to change.
 */
export function subgraphDatabaseUrls(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): SubgraphDatabaseUrls {
  const application = subgraphDatabaseUrl(name, env);
  const upper = name.toUpperCase();
  let migration = env[`${upper}_MIGRATION_DATABASE_URL`];
  if (!migration && env.MIGRATION_DATABASE_URL) {
    const url = new URL(env.MIGRATION_DATABASE_URL);
    url.pathname = `/reception_${name}`;
    migration = url.toString();
  }
  if (!migration)
    throw new Error(
      `${upper}_MIGRATION_DATABASE_URL is not set: the migrations run as the role that owns the tables, ` +
        `the subgraph serves as the application role of ${upper}_DATABASE_URL.`,
    );
  if (new URL(migration).username === new URL(application).username)
    throw new Error(
      `${upper}_DATABASE_URL and ${upper}_MIGRATION_DATABASE_URL name the same role: the application role must not own the tables.`,
    );
  return { application, migration };
}
