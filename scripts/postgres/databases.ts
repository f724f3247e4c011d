import { Client } from "pg";

/** The same server URL pointed at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

/** Where a URL points, without its password, for messages. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

/**
 * Makes sure the database a URL names exists, creating it through the
 * server's maintenance database `postgres` when it does not (PostgreSQL error
 * 3D000). Returns true when it was created.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const probe = new Client({ connectionString: url });
  try {
    await probe.connect();
    return false;
  } catch (e) {
    if ((e as { code?: string }).code !== "3D000") {
      throw new Error(`Cannot connect to ${redact(url)}: ${(e as Error).message}`);
    }
  } finally {
    await probe.end().catch(() => undefined);
  }
  const admin = new Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    const name = databaseName(url);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} ENCODING 'UTF8' TEMPLATE template0`);
    return true;
  } catch (e) {
    // Another process created it in the meantime.
    if ((e as { code?: string }).code === "42P04") return false;
    throw e;
  } finally {
    await admin.end();
  }
}
