import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SubgraphDatabaseUrls, SubgraphName } from "./config";

/**
 * A command-line tool's database when it is given no URL: the embedded
 * PostgreSQL that `npm start` runs for DATA_DIR (default ./data). Its port is
 * the one PostgreSQL itself wrote to DATA_DIR/postgres/postmaster.pid; the
 * subgraph's owner and application roles log in with the passwords `npm start`
 * keeps in DATA_DIR/secrets.json (the roles `reception_<name>_owner` and
 * `reception_<name>_app` of database `reception_<name>`).
 */
export class DevDatabaseUnavailable extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** True when no database URL for the subgraph is set in the environment (then the tool looks in DATA_DIR). */
export function noDatabaseUrlGiven(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): boolean {
  const upper = name.toUpperCase();
  return [`${upper}_DATABASE_URL`, `${upper}_MIGRATION_DATABASE_URL`, "DATABASE_URL", "MIGRATION_DATABASE_URL"].every(
    (key) => !env[key],
  );
}

export function devDatabaseUrls(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): SubgraphDatabaseUrls {
  const dir = resolve(env.DATA_DIR || "data");
  const upper = name.toUpperCase();
  const instead =
    `start it with \`npm start\` (DATA_DIR=${dir}), or set ${upper}_DATABASE_URL and ${upper}_MIGRATION_DATABASE_URL ` +
    `for another database.`;
  const secretsFile = join(dir, "secrets.json");
  const secretsText = readOrNull(secretsFile);
  if (secretsText === null)
    throw new DevDatabaseUnavailable(`No database: \`npm start\` has never run with DATA_DIR=${dir}; ${instead}`);
  const pidText = readOrNull(join(dir, "postgres", "postmaster.pid"));
  const [pidLine, , , portLine] = (pidText ?? "").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!pidText || !Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !Number.isInteger(port) || port <= 0)
    throw new DevDatabaseUnavailable(`No database: the PostgreSQL of \`npm start\` is not running; ${instead}`);
  let passwords: Record<string, string | undefined>;
  try {
    passwords = (JSON.parse(secretsText) as { databasePasswords?: Record<string, string> }).databasePasswords ?? {};
  } catch {
    throw new DevDatabaseUnavailable(`${secretsFile} is not valid JSON: it is written by \`npm start\`.`);
  }
  const database = `reception_${name}`;
  const url = (role: string) => {
    const password = passwords[role];
    if (!password)
      throw new DevDatabaseUnavailable(
        `${secretsFile} has no password for ${role}: restart \`npm start\` once (it adds it), or set ${upper}_DATABASE_URL and ${upper}_MIGRATION_DATABASE_URL.`,
      );
    return `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  };
  return { application: url(`${database}_app`), migration: url(`${database}_owner`) };
}
