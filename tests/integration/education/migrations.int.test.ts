// The education migrations can be rolled back and applied again (every migration has a working down).
import { educationSubgraph } from "@reception-graph/education";
import { createSubgraphDataSource, openDatabase } from "@reception-graph/kit";
import { createDatabase, undoThrough } from "../../support/db";

test("all education migrations go down and up again", async () => {
  const db = await createDatabase("test_education_migrations");
  const dataSource = await openDatabase(createSubgraphDataSource(educationSubgraph, db.ownerUrl));
  const tables = async () =>
    (
      await dataSource.query(
        `SELECT table_name FROM information_schema.tables
         WHERE table_name IN ('school', 'enrolment', 'education_assessment', 'enrolment_request', 'activity',
                              'activity_attendance') ORDER BY 1`,
      )
    ).map((r: { table_name: string }) => r.table_name);
  const okanCounter = async () =>
    (
      await dataSource.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'school' AND column_name = 'okan_enrolled'`,
      )
    ).length === 1;
  try {
    expect(await tables()).toEqual([
      "activity",
      "activity_attendance",
      "education_assessment",
      "enrolment",
      "enrolment_request",
      "school",
    ]);
    expect(await okanCounter()).toBe(true);
    // Back to the first migration: the later ones (the kit's last ones, requests, activities and the OKAN counter) are undone.
    const nameOf = (m: Function) => new (m as new () => { name?: string })().name ?? m.name;
    await undoThrough(dataSource, nameOf(educationSubgraph.migrations[1]));
    expect(await tables()).toEqual(["education_assessment", "enrolment", "school"]);
    expect(await okanCounter()).toBe(false);
    await undoThrough(dataSource, nameOf(educationSubgraph.migrations[0]));
    expect(await tables()).toEqual([]);
    await dataSource.runMigrations({ transaction: "each" });
    expect(await tables()).toEqual([
      "activity",
      "activity_attendance",
      "education_assessment",
      "enrolment",
      "enrolment_request",
      "school",
    ]);
    expect(await okanCounter()).toBe(true);
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
});
