import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { AssignmentStatus, SiteAssignment } from "./assignment.entity";

/** Site assignment loaders of one request (per request). */
export function createAssignmentLoaders(dataSource: DataSource) {
  const repo = dataSource.getRepository(SiteAssignment);
  return {
    assignmentById: new DataLoader<string, SiteAssignment | null>(async (ids) =>
      indexBy(ids, await findIn(dataSource, SiteAssignment, "id", ids.filter(isUuid)), (a) => a.id),
    ),
    /** Open assignments of each site, oldest first. */
    openAssignmentsBySite: new DataLoader<string, SiteAssignment[]>(async (ids) =>
      groupBy(
        ids,
        await repo.find({
          where: { siteId: In(ids.filter(isUuid)), status: AssignmentStatus.OPEN },
          order: { assignedAt: "ASC" },
        }),
        (a) => a.siteId,
      ),
    ),
  };
}
