// The levels-and-adults migration goes down and up again on a database holding data: assessments keep their rows, the adults' tables and the new columns go and come back.
import { educationSubgraph } from "@reception-graph/education";
import { createSubgraphDataSource, openDatabase } from "@reception-graph/kit";
import { LevelsAdults1764800100000 } from "../../../subgraphs/education/src/migrations/1764800100000-levels-adults";
import { createDatabase } from "../../support/db";

test("levels-adults migration: down then up", async () => {
  const db = await createDatabase("test_education_levels_adults_migration");
  const dataSource = await openDatabase(createSubgraphDataSource(educationSubgraph, db.ownerUrl));
  const columns = async () =>
    (
      await dataSource.query(
        `SELECT table_name || '.' || column_name AS c FROM information_schema.columns
         WHERE (table_name = 'education_assessment' AND column_name IN ('speaks_dutch', 'proposed_level', 'override_reason'))
            OR (table_name = 'enrolment' AND column_name = 'days_to_school')
            OR table_name IN ('dutch_course', 'integration_programme', 'integration_programme_event')
         ORDER BY 1`,
      )
    ).map((r: { c: string }) => r.c);
  const migration = new LevelsAdults1764800100000();
  const runner = dataSource.createQueryRunner();
  try {
    const all = await columns();
    expect(all).toEqual(
      expect.arrayContaining([
        "education_assessment.override_reason",
        "education_assessment.proposed_level",
        "education_assessment.speaks_dutch",
        "enrolment.days_to_school",
        "dutch_course.level",
        "integration_programme.status",
        "integration_programme_event.status",
      ]),
    );
    await dataSource.query(
      `INSERT INTO education_assessment (person_id, prior_schooling_years, languages, recommended_level, date, assessed_by,
         created_at, proposed_level)
       VALUES (gen_random_uuid(), 4, '{uk}', 'PRIMARY', '2022-09-01', 'staff', now(), 'PRIMARY')`,
    );
    await migration.down(runner);
    expect(await columns()).toEqual([]);
    await migration.up(runner);
    expect(await columns()).toEqual(all);
    const [row] = await dataSource.query(`SELECT recommended_level, proposed_level FROM education_assessment`);
    expect(row).toEqual({ recommended_level: "PRIMARY", proposed_level: null });
  } finally {
    await runner.release();
    await dataSource.destroy();
    await db.drop();
  }
});
