// The care migration of incidents, trainings and the living-conditions survey rolls back to the referrals alone and applies again.
import { careSubgraph } from "@reception-graph/care";
import { createSubgraphDataSource, openDatabase } from "@reception-graph/kit";
import { createDatabase, undoThrough } from "../../support/db";

test("the protection, training and survey migration goes down and up again, leaving the referral tables alone", async () => {
  const db = await createDatabase("test_care_protection_migrations");
  const dataSource = await openDatabase(createSubgraphDataSource(careSubgraph, db.ownerUrl));
  const tables = async () =>
    (
      await dataSource.query(
        `SELECT table_name FROM information_schema.tables
         WHERE table_name IN ('service', 'referral', 'referral_transition', 'incident', 'incident_action',
                              'incident_transition', 'training', 'living_conditions_survey') ORDER BY 1`,
      )
    ).map((r: { table_name: string }) => r.table_name);
  const all = [
    "incident",
    "incident_action",
    "incident_transition",
    "living_conditions_survey",
    "referral",
    "referral_transition",
    "service",
    "training",
  ];
  try {
    expect(await tables()).toEqual(all);
    // Later migrations (of other care features) go first, then this one.
    await undoThrough(dataSource, "ProtectionTrainingSurvey1764700100000");
    expect(await tables()).toEqual(["referral", "referral_transition", "service"]);
    await dataSource.runMigrations({ transaction: "each" });
    expect(await tables()).toEqual(all);
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
});
