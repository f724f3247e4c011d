import { createReportCache, dropReportCache } from "@reception-graph/kit";
import { MigrationInterface, QueryRunner } from "typeorm";

/** The tables the indicators read: a change to any of them makes the cached figures stale. */
const WATCHED = [
  "person",
  "household",
  "household_membership_event",
  "health_insurance",
  "case_file",
  "case_file_event",
];

/** Cached indicator figures, labelled with a data version every change to WATCHED raises at commit. */
export class ReportCache1764900200000 implements MigrationInterface {
  name = "ReportCache1764900200000";

  async up(q: QueryRunner): Promise<void> {
    await createReportCache(q, WATCHED);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropReportCache(q, WATCHED);
  }
}
