import { createSubgraphDataSource, openDatabase, SubgraphModule } from "@reception-graph/kit";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { DataSource } from "typeorm";

export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error("TEST_DATABASE_URL is not set: run the tests through jest (global setup starts PostgreSQL).");
  return url;
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the test server; the name is unique to this test file. */
export async function createDatabase(prefix: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export interface TestDatabase {
  dataSource: DataSource;
  url: string;
  close(): Promise<void>;
}

/** A subgraph's own database, created fresh and migrated to the latest version. */
export async function migratedDatabase(module: SubgraphModule): Promise<TestDatabase> {
  const db = await createDatabase(`test_${module.name}`);
  const dataSource = await openDatabase(createSubgraphDataSource(module, db.url));
  return {
    dataSource,
    url: db.url,
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
