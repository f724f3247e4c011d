// The housing migrations load the municipalities once, and revert cleanly (down) and re-apply.
import { housingSubgraph } from "@reception-graph/housing";
import { migratedDatabase, TestDatabase } from "../../support/db";

let db: TestDatabase;
beforeAll(async () => {
  db = await migratedDatabase(housingSubgraph);
});
afterAll(() => db?.close());

test("down then up again leaves the same reference data", async () => {
  const count = async () => (await db.dataSource.query(`SELECT COUNT(*)::int AS n FROM municipality`))[0].n;
  expect(await count()).toBe(300);
  await db.dataSource.undoLastMigration({ transaction: "each" });
  expect(await count()).toBe(0);
  await db.dataSource.undoLastMigration({ transaction: "each" });
  const tables = await db.dataSource.query(`SELECT to_regclass('public.placement') AS t`);
  expect(tables[0].t).toBeNull();
  await db.dataSource.runMigrations({ transaction: "each" });
  expect(await count()).toBe(300);
});
