import { Caller, groupBy, indexBy, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { Enrolment } from "./enrolment.entity";

/** Enrolment loaders of one request (per request). */
export function createEnrolmentLoaders(dataSource: DataSource, caller: Caller) {
  return {
    enrolmentById: new DataLoader<string, Enrolment | null>(async (ids) => {
      const rows = await dataSource.getRepository(Enrolment).findBy({ id: In(ids.filter(isUuid)) });
      return indexBy(ids, rows, (e) => e.id);
    }),
    /** Every enrolment of each person, newest first. */
    enrolmentsByPerson: new DataLoader<string, Enrolment[]>(async (ids) => {
      const rows = await dataSource
        .getRepository(Enrolment)
        .find({ where: { personId: In(ids.filter(isUuid)) }, order: { seq: "DESC" } });
      return groupBy(ids, rows, (e) => e.personId);
    }),
    /**
     * "Own" for school staff: enrolled at, or waiting for, one of the caller's schools, or handed over to one
     * of them by an OPEN enrolment request. Nothing else: a school never widens this by a write of its own.
     */
    ownAtCallerSchools: new DataLoader<string, boolean>(async (ids) => {
      const schools = caller.schools.filter(isUuid);
      if (schools.length === 0) return ids.map(() => false);
      const rows: { person_id: string }[] = await dataSource.query(
        `SELECT person_id FROM enrolment
         WHERE person_id = ANY($1::uuid[]) AND school_id = ANY($2::uuid[]) AND status IN ('ENROLLED', 'WAITLISTED')
         UNION
         SELECT person_id FROM enrolment_request
         WHERE person_id = ANY($1::uuid[]) AND school_id = ANY($2::uuid[]) AND status = 'OPEN'`,
        [ids.filter(isUuid), schools],
      );
      const own = new Set(rows.map((r) => r.person_id));
      return ids.map((id) => own.has(id));
    }),
  };
}
