// The social migrations can be rolled back and applied again (every migration has a working down).
import { createSubgraphDataSource, openDatabase } from "@reception-graph/kit";
import { socialSubgraph } from "@reception-graph/social";
import { createDatabase, undoThrough } from "../../support/db";

test("all social migrations go down and up again", async () => {
  const db = await createDatabase("test_social_migrations");
  const dataSource = await openDatabase(createSubgraphDataSource(socialSubgraph, db.ownerUrl));
  try {
    // The kit's later migrations (after every subgraph's) go down first, then all of social's.
    const first = socialSubgraph.migrations[0] as new () => { name?: string };
    await undoThrough(dataSource, new first().name ?? first.name);
    const [{ n }] = await dataSource.query(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('person', 'case_file', 'living_wage_rate')`,
    );
    expect(n).toBe(0);
    await dataSource.runMigrations({ transaction: "each" });
    const [{ rates }] = await dataSource.query(`SELECT count(*) AS rates FROM living_wage_rate`);
    expect(rates).toBe(42);
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
});
