import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { CaseFile, CaseFileEvent, SocialInquiry } from "./case-file.entity";

/** Case file loaders of one request (per request). */
export function createCaseFileLoaders(dataSource: DataSource) {
  return {
    caseFileById: new DataLoader<string, CaseFile | null>(async (ids) => {
      const rows = await findIn(dataSource, CaseFile, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (c) => c.id);
    }),
    /** All case files of a household, newest first. */
    caseFilesByHousehold: new DataLoader<string, CaseFile[]>(async (ids) => {
      const rows = await findIn(dataSource, CaseFile, "householdId", ids.filter(isUuid), {
        order: { openedOn: "DESC", id: "ASC" },
      });
      return groupBy(ids, rows, (c) => c.householdId);
    }),
    caseFileEvents: new DataLoader<string, CaseFileEvent[]>(async (ids) => {
      const rows = await findIn(dataSource, CaseFileEvent, "caseFileId", ids.filter(isUuid), { order: { seq: "ASC" } });
      return groupBy(ids, rows, (e) => e.caseFileId);
    }),
    inquiriesByCaseFile: new DataLoader<string, SocialInquiry[]>(async (ids) => {
      const rows = await findIn(dataSource, SocialInquiry, "caseFileId", ids.filter(isUuid), {
        order: { date: "ASC", createdAt: "ASC" },
      });
      return groupBy(ids, rows, (i) => i.caseFileId);
    }),
  };
}
