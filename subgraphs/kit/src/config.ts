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
 * The database URL of one subgraph: `<NAME>_DATABASE_URL` if set, else
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
