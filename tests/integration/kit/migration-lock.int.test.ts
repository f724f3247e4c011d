// Scenario: a rollout starts two (or three) replicas of the housing subgraph at the same moment on a fresh database,
// and each migrates at start as the owner role. TypeORM takes no lock of its own, so without one the replicas would
// race to create the same tables and all but one would crash. The kit runs the migrations under a PostgreSQL
// advisory lock: the replicas open one after the other, each migration runs exactly once, and every replica serves.
import { createSubgraphDataSource, MIGRATION_LOCK_KEY, openDatabase, openSubgraphDatabase } from "@reception-graph/kit";
import { housingSubgraph } from "@reception-graph/housing";
import { DataSource } from "typeorm";
import { createDatabase, CreatedDatabase } from "../../support/db";

let db: CreatedDatabase;
const opened: DataSource[] = [];
beforeAll(async () => {
  db = await createDatabase("test_miglock");
});
afterAll(async () => {
  await Promise.all(opened.map((d) => d.destroy()));
  await db?.drop();
});

test("three replicas opening a fresh database at once each serve, and every migration ran once", async () => {
  const results = await Promise.allSettled(
    [1, 2, 3].map(() => openSubgraphDatabase(housingSubgraph, { application: db.url, migration: db.ownerUrl }, 2)),
  );
  for (const r of results) if (r.status === "fulfilled") opened.push(r.value);
  expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "opened"))).toEqual([
    "opened",
    "opened",
    "opened",
  ]);

  const applied = await db.queryAs<{ name: string; runs: number }>(
    "owner",
    `SELECT name, count(*)::int AS runs FROM migrations GROUP BY name`,
  );
  // The kit's own migrations (audit log, idempotency keys, roles) come with the subgraph's.
  expect(applied.length).toBe(opened[0].migrations.length);
  expect(applied.length).toBeGreaterThan(housingSubgraph.migrations.length);
  expect(applied.every((m) => m.runs === 1)).toBe(true);
  // Each replica serves as the application role on the migrated schema.
  for (const ds of opened) {
    expect(await ds.query(`SELECT current_user AS role, (SELECT count(*)::int FROM site) AS sites`)).toEqual([
      { role: db.roles.app, sites: 0 },
    ]);
  }
});

test("the lock is released once migrated, while the owner's connections stay open", async () => {
  const owner = await openDatabase(createSubgraphDataSource(housingSubgraph, db.ownerUrl, 2, db.roles.app));
  opened.push(owner);
  const held = await db.queryAs<{ n: number }>(
    "superuser",
    `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
     WHERE l.locktype = 'advisory' AND d.datname = $1 AND l.objid = $2`,
    [db.name, MIGRATION_LOCK_KEY],
  );
  expect(held).toEqual([{ n: 0 }]);
  // And a later start finds nothing to run.
  expect(await owner.showMigrations()).toBe(false);
});
