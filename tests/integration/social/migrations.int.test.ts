// The social migrations can be rolled back and applied again (every migration has a working down).
import { createSubgraphDataSource, openDatabase } from "@reception-graph/kit";
import { socialSubgraph } from "@reception-graph/social";
import { createDatabase } from "../../support/db";

test("all social migrations go down and up again", async () => {
  const db = await createDatabase("test_social_migrations");
  const dataSource = await openDatabase(createSubgraphDataSource(socialSubgraph, db.url));
  try {
    // The kit's audit records migration (AuditRecords1764950000000) runs after the subgraph's own: one more to undo.
    for (let i = 0; i < socialSubgraph.migrations.length + 1; i++)
      await dataSource.undoLastMigration({ transaction: "each" });
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
