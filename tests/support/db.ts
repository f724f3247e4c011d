import { createSubgraphDataSource, openDatabase, openSubgraphDatabase, SubgraphModule } from "@reception-graph/kit";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { DataSource } from "typeorm";

export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error("TEST_DATABASE_URL is not set: run the tests through jest (global setup starts PostgreSQL).");
  return url;
}

async function admin<T>(fn: (c: Client) => Promise<T>, server = serverUrl()): Promise<T> {
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Who a test connects as: the subgraph's application role, the owner role that migrates, or the server's superuser. */
export type TestRole = "app" | "owner" | "superuser";

export interface CreatedDatabase {
  name: string;
  /** The application role's URL (what a subgraph serves with). */
  url: string;
  /** The owner role's URL: it owns the database and its tables, and runs the migrations. */
  ownerUrl: string;
  /** The test server's superuser on this database (to tamper with a row, say). */
  superuserUrl: string;
  roles: { app: string; owner: string };
  /** Runs one statement as one of the three and returns its rows. */
  queryAs<T = any>(role: TestRole, sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

function onDatabase(server: string, database: string, user?: { name: string; password: string }): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user.name;
    url.password = user.password;
  }
  return url.toString();
}

/**
 * A fresh, empty database on the test server, or on `server` (the name is unique to this test
 * file) owned by its own owner role, and an application role that may connect;
 * the names follow the convention the kit's migrations rely on:
 * `<database>_owner` and `<database>_app`.
 */
export async function createDatabase(prefix: string, server = serverUrl()): Promise<CreatedDatabase> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const roles = { app: `${name}_app`, owner: `${name}_owner` };
  if (roles.owner.length > 63) throw new Error(`Database prefix ${prefix} is too long for its role names.`);
  const password = randomBytes(12).toString("hex");
  await admin(async (c) => {
    await c.query(`CREATE ROLE "${roles.owner}" LOGIN PASSWORD '${password}'`);
    await c.query(`CREATE ROLE "${roles.app}" LOGIN PASSWORD '${password}'`);
    await c.query(`CREATE DATABASE "${name}" OWNER "${roles.owner}"`);
  }, server);
  const urls = {
    app: onDatabase(server, name, { name: roles.app, password }),
    owner: onDatabase(server, name, { name: roles.owner, password }),
    superuser: onDatabase(server, name),
  };
  return {
    name,
    url: urls.app,
    ownerUrl: urls.owner,
    superuserUrl: urls.superuser,
    roles,
    async queryAs(role, sql, params = []) {
      const client = new Client({ connectionString: urls[role] });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    drop: () =>
      admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS "${roles.app}"`);
        await c.query(`DROP ROLE IF EXISTS "${roles.owner}"`);
      }, server).then(() => undefined),
  };
}

export interface TestDatabase extends Omit<CreatedDatabase, "drop"> {
  /** Connected as the application role, as the subgraph under test is (or as the owner, for migration tests). */
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * A subgraph's own database, created fresh, migrated to the latest version as
 * the owner role, and opened as the application role (as the subgraph process
 * does); with "owner", opened as the owner instead, for tests that undo and
 * redo migrations.
 */
export async function migratedDatabase(
  module: SubgraphModule,
  connectAs: "app" | "owner" = "app",
): Promise<TestDatabase> {
  const db = await createDatabase(`test_${module.name}`);
  const dataSource =
    connectAs === "app"
      ? await openSubgraphDatabase(module, { application: db.url, migration: db.ownerUrl })
      : await openDatabase(createSubgraphDataSource(module, db.ownerUrl, undefined, db.roles.app));
  return {
    ...db,
    dataSource,
    async close() {
      await dataSource.destroy();
      await db.drop();
    },
  };
}

/** Undoes migrations, newest first, until the named one is undone too (later features' migrations go first). */
export async function undoThrough(dataSource: DataSource, name: string): Promise<void> {
  const applied = async () =>
    ((await dataSource.query(`SELECT name FROM migrations`)) as { name: string }[]).map((m) => m.name);
  while ((await applied()).includes(name)) await dataSource.undoLastMigration({ transaction: "each" });
}
