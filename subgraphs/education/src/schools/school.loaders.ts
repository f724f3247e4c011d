import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { Enrolment } from "../enrolments/enrolment.entity";
import { School } from "./school.entity";

/** School loaders of one request (per request). */
export function createSchoolLoaders(dataSource: DataSource) {
  return {
    schoolById: new DataLoader<string, School | null>(async (ids) => {
      const rows = await findIn(dataSource, School, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (s) => s.id);
    }),
    okanEnrolledBySchool: new DataLoader<string, number>(async (ids) => {
      const rows: { school_id: string; n: number }[] = await dataSource.query(
        `SELECT school_id, count(*) AS n FROM enrolment
         WHERE school_id = ANY($1::uuid[]) AND programme = 'OKAN' AND status = 'ENROLLED' GROUP BY school_id`,
        [ids.filter(isUuid)],
      );
      const byId = new Map(rows.map((r) => [r.school_id, r.n]));
      return ids.map((id) => byId.get(id) ?? 0);
    }),
    /** Waiting lists in first-come-first-served order. */
    waitingListBySchool: new DataLoader<string, Enrolment[]>(async (ids) => {
      const rows = await dataSource.getRepository(Enrolment).find({
        where: { schoolId: In(ids.filter(isUuid)), status: "WAITLISTED" as Enrolment["status"] },
        order: { seq: "ASC" },
      });
      return groupBy(ids, rows, (e) => e.schoolId);
    }),
  };
}

export type SchoolLoaders = ReturnType<typeof createSchoolLoaders>;
