import { createReportCache, dropReportCache } from "@reception-graph/kit";
import { MigrationInterface, QueryRunner } from "typeorm";

/** The table behind the cached school-age figures: a change to it makes them stale. */
const WATCHED = ["enrolment"];

/** Cached indicator figures, labelled with a data version every change to WATCHED raises at commit. */
export class ReportCache1764900400000 implements MigrationInterface {
  name = "ReportCache1764900400000";

  async up(q: QueryRunner): Promise<void> {
    await createReportCache(q, WATCHED);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropReportCache(q, WATCHED);
  }
}
