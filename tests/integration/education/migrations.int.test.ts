// The education migrations can be rolled back and applied again (every migration has a working down).
import { educationSubgraph } from "@reception-graph/education";
import { createSubgraphDataSource, openDatabase } from "@reception-graph/kit";
import { createDatabase } from "../../support/db";

test("all education migrations go down and up again", async () => {
  const db = await createDatabase("test_education_migrations");
  const dataSource = await openDatabase(createSubgraphDataSource(educationSubgraph, db.url));
  const tables = async () =>
    (
      await dataSource.query(
        `SELECT table_name FROM information_schema.tables
         WHERE table_name IN ('school', 'enrolment', 'education_assessment', 'enrolment_request') ORDER BY 1`,
      )
    ).map((r: { table_name: string }) => r.table_name);
  try {
    // Down to the enrolment requests (and every later migration) first: the earlier tables stay.
    const requests = educationSubgraph.migrations.findIndex((m) => m.name === "EnrolmentRequests1764600000000");
    for (let i = requests; i < educationSubgraph.migrations.length; i++)
      await dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables()).toEqual(["education_assessment", "enrolment", "school"]);
    for (let i = 0; i < requests; i++) await dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables()).toEqual([]);
    await dataSource.runMigrations({ transaction: "each" });
    expect(await tables()).toEqual(["education_assessment", "enrolment", "enrolment_request", "school"]);
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
});
