import { groupBy, indexBy, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { CaseFile, CaseFileEvent, SocialInquiry } from "./case-file.entity";

/** Case file loaders of one request (per request). */
export function createCaseFileLoaders(dataSource: DataSource) {
  const caseFiles = dataSource.getRepository(CaseFile);
  return {
    caseFileById: new DataLoader<string, CaseFile | null>(async (ids) => {
      const rows = await caseFiles.findBy({ id: In(ids.filter(isUuid)) });
      return indexBy(ids, rows, (c) => c.id);
    }),
    /** All case files of a household, newest first. */
    caseFilesByHousehold: new DataLoader<string, CaseFile[]>(async (ids) => {
      const rows = await caseFiles.find({
        where: { householdId: In(ids.filter(isUuid)) },
        order: { openedOn: "DESC", id: "ASC" },
      });
      return groupBy(ids, rows, (c) => c.householdId);
    }),
    caseFileEvents: new DataLoader<string, CaseFileEvent[]>(async (ids) => {
      const rows = await dataSource.getRepository(CaseFileEvent).find({
        where: { caseFileId: In(ids.filter(isUuid)) },
        order: { seq: "ASC" },
      });
      return groupBy(ids, rows, (e) => e.caseFileId);
    }),
    inquiriesByCaseFile: new DataLoader<string, SocialInquiry[]>(async (ids) => {
      const rows = await dataSource.getRepository(SocialInquiry).find({
        where: { caseFileId: In(ids.filter(isUuid)) },
        order: { date: "ASC", createdAt: "ASC" },
      });
      return groupBy(ids, rows, (i) => i.caseFileId);
    }),
  };
}
