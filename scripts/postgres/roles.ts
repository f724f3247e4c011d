import { assertRoleName } from "@reception-graph/kit";
import { Client } from "pg";
import { redact, withDatabase } from "./databases";

/** One subgraph database and its two roles, with the passwords they log in with. */
export interface DatabaseRoles {
  database: string;
  /** Owns the database and its tables; the subgraph migrates as it. */
  owner: { name: string; password: string };
  /** Serves the subgraph's requests: no superuser, owns nothing; the migrations grant it what the code needs. */
  app: { name: string; password: string };
}

/** The names npm start and docker-compose use: `<database>_owner` and `<database>_app`. */
export function roleNames(database: string): { owner: string; app: string } {
  return { owner: assertRoleName(`${database}_owner`), app: assertRoleName(`${database}_app`) };
}

/** A URL of the same server and database as another role. */
export function asRole(url: string, role: { name: string; password: string }): string {
  const u = new URL(url);
  u.username = role.name;
  u.password = role.password;
  return u.toString();
}

export interface Provisioned {
  createdDatabase: boolean;
  /** Objects of an earlier setup (owned by another role, e.g. postgres) handed to the owner role. */
  reassigned: string[];
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`Cannot connect to ${redact(url)}: ${(e as Error).message}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Makes a subgraph's database ready for its two roles, through a role that may
 * create roles and databases (the server's superuser): creates or updates both
 * roles (LOGIN, the given passwords; the application role never a superuser),
 * creates the database owned by the owner role, and, for a database left by an
 * earlier setup where everything belonged to the superuser, hands the database
 * and every table, view, sequence, function and type of its public schema to
 * the owner role (objects of extensions stay where they are). The grants to the
 * application role are the migrations' business (DatabaseRoles1764950100000).
 * Safe to run at every start.
 */
export async function provisionDatabase(adminUrl: string, spec: DatabaseRoles): Promise<Provisioned> {
  const { owner, app, database } = spec;
  assertRoleName(owner.name);
  assertRoleName(app.name);
  const createdDatabase = await withClient(withDatabase(adminUrl, "postgres"), async (c) => {
    for (const role of [owner, app]) {
      const exists = (await c.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role.name])).rowCount! > 0;
      await c.query(
        `${exists ? "ALTER" : "CREATE"} ROLE ${c.escapeIdentifier(role.name)} ` +
          `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${c.escapeLiteral(role.password)}`,
      );
    }
    const [db] = (
      await c.query(`SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1`, [database])
    ).rows as { owner: string }[];
    if (!db) {
      try {
        await c.query(
          `CREATE DATABASE ${c.escapeIdentifier(database)} OWNER ${c.escapeIdentifier(owner.name)} ENCODING 'UTF8' TEMPLATE template0`,
        );
        return true;
      } catch (e) {
        // Another process created it in the meantime: give it to the owner below.
        if ((e as { code?: string }).code !== "42P04") throw e;
      }
    }
    await c.query(`ALTER DATABASE ${c.escapeIdentifier(database)} OWNER TO ${c.escapeIdentifier(owner.name)}`);
    return false;
  });
  const reassigned = createdDatabase
    ? []
    : await withClient(withDatabase(adminUrl, database), (c) => handOver(c, owner.name));
  return { createdDatabase, reassigned };
}

/**
 * Gives the owner role every object of the public schema another role owns.
 * REASSIGN OWNED cannot do it: the earlier owner is usually the bootstrap
 * superuser, whose system objects cannot change hands. Indexes and sequences
 * that belong to a table follow their table.
 */
async function handOver(c: Client, owner: string): Promise<string[]> {
  const notExtension = (catalog: string, oid: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
  const relations = (
    await c.query(
      `SELECT c.oid::regclass::text AS name, c.relkind AS kind FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
         AND pg_get_userbyid(c.relowner) <> $1 AND ${notExtension("pg_class", "c.oid")}
         AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
           AND d.objid = c.oid AND d.deptype IN ('a', 'i') AND d.refclassid = 'pg_class'::regclass))
       ORDER BY c.relkind, 1`,
      [owner],
    )
  ).rows as { name: string; kind: string }[];
  const functions = (
    await c.query(
      `SELECT p.oid::regprocedure::text AS name, p.prokind AS kind FROM pg_proc p
       WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> $1
         AND ${notExtension("pg_proc", "p.oid")}`,
      [owner],
    )
  ).rows as { name: string; kind: string }[];
  const types = (
    await c.query(
      `SELECT t.oid::regtype::text AS name FROM pg_type t
       WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r', 'm')
         AND pg_get_userbyid(t.typowner) <> $1 AND ${notExtension("pg_type", "t.oid")}`,
      [owner],
    )
  ).rows as { name: string }[];
  const to = c.escapeIdentifier(owner);
  const statements = [
    ...relations.map(
      (r) =>
        `ALTER ${{ v: "VIEW", m: "MATERIALIZED VIEW", S: "SEQUENCE", f: "FOREIGN TABLE" }[r.kind] ?? "TABLE"} ${r.name} OWNER TO ${to}`,
    ),
    ...functions.map((f) => `ALTER ${f.kind === "p" ? "PROCEDURE" : "FUNCTION"} ${f.name} OWNER TO ${to}`),
    ...types.map((t) => `ALTER TYPE ${t.name} OWNER TO ${to}`),
  ];
  if (statements.length === 0) return [];
  await c.query("BEGIN");
  try {
    for (const sql of statements) await c.query(sql);
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK");
    throw e;
  }
  return [...relations, ...functions, ...types].map((o) => o.name);
}
