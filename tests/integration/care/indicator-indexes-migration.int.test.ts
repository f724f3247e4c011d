// The indicator indexes' migration can be rolled back and applied again: down drops its five indexes, up makes them anew.
import { careSubgraph } from "@reception-graph/care";
import { createSubgraphDataSource, openDatabase } from "@reception-graph/kit";
import { createDatabase, undoThrough } from "../../support/db";

const INDEXES = [
  "feedback_responded_idx",
  "living_conditions_answered_idx",
  "referral_due_idx",
  "referral_transition_at_idx",
  "referral_transition_status_at_idx",
];

test("the indicator indexes go down with their migration and come back up", async () => {
  const db = await createDatabase("test_care_indicator_indexes_migration");
  const dataSource = await openDatabase(createSubgraphDataSource(careSubgraph, db.ownerUrl));
  const indexes = async () =>
    (await dataSource.query(`SELECT indexname FROM pg_indexes WHERE indexname = ANY($1) ORDER BY 1`, [INDEXES])).map(
      (r: { indexname: string }) => r.indexname,
    );
  try {
    expect(await indexes()).toEqual(INDEXES);
    await undoThrough(dataSource, "IndicatorIndexes1764900300000");
    expect(await indexes()).toEqual([]);
    await dataSource.runMigrations({ transaction: "each" });
    expect(await indexes()).toEqual(INDEXES);
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
});
