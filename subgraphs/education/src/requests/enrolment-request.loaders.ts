import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { EnrolmentRequest, EnrolmentRequestStatus } from "./enrolment-request.entity";

/** Enrolment request loaders of one request (per request). */
export function createEnrolmentRequestLoaders(dataSource: DataSource) {
  return {
    enrolmentRequestById: new DataLoader<string, EnrolmentRequest | null>(async (ids) => {
      const rows = await findIn(dataSource, EnrolmentRequest, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (r) => r.id);
    }),
    /** Every request naming each person, newest first. */
    enrolmentRequestsByPerson: new DataLoader<string, EnrolmentRequest[]>(async (ids) => {
      const rows = await findIn(dataSource, EnrolmentRequest, "personId", ids.filter(isUuid), {
        order: { requestedAt: "DESC", id: "ASC" },
      });
      return groupBy(ids, rows, (r) => r.personId);
    }),
    /** The open requests naming each school, oldest first. */
    openEnrolmentRequestsBySchool: new DataLoader<string, EnrolmentRequest[]>(async (ids) => {
      const rows = await dataSource.getRepository(EnrolmentRequest).find({
        where: { schoolId: In(ids.filter(isUuid)), status: EnrolmentRequestStatus.OPEN },
        order: { requestedAt: "ASC", id: "ASC" },
      });
      return groupBy(ids, rows, (r) => r.schoolId);
    }),
  };
}
