// The feedback migration can be rolled back and applied again: down drops its two tables, up makes them anew.
import { careSubgraph } from "@reception-graph/care";
import { createSubgraphDataSource, openDatabase } from "@reception-graph/kit";
import { createDatabase, undoThrough } from "../../support/db";

test("the feedback tables go down with their migration and come back up", async () => {
  const db = await createDatabase("test_care_feedback_migration");
  const dataSource = await openDatabase(createSubgraphDataSource(careSubgraph, db.ownerUrl));
  const tables = async () =>
    (
      await dataSource.query(
        `SELECT table_name FROM information_schema.tables
         WHERE table_name IN ('feedback', 'feedback_channel') ORDER BY 1`,
      )
    ).map((r: { table_name: string }) => r.table_name);
  try {
    expect(await tables()).toEqual(["feedback", "feedback_channel"]);
    // Other care migrations may come after this one: undo until this one is undone.
    await undoThrough(dataSource, "Feedback1764700200000");
    expect(await tables()).toEqual([]);
    await dataSource.runMigrations({ transaction: "each" });
    expect(await tables()).toEqual(["feedback", "feedback_channel"]);
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
});
