import { indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { StaffMember } from "./staff.entity";

/** Staff loaders of one request (per request). */
export function createStaffLoaders(dataSource: DataSource) {
  return {
    staffById: new DataLoader<string, StaffMember | null>(async (ids) => {
      const rows = await findIn(dataSource, StaffMember, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (s) => s.id);
    }),
    /** Open case files per social worker. */
    caseloadByStaff: new DataLoader<string, number>(async (ids) => {
      const rows: { id: string; n: number }[] = await dataSource.query(
        `SELECT social_worker_id AS id, count(*) AS n FROM case_file
         WHERE status = 'OPEN' AND social_worker_id = ANY($1::uuid[]) GROUP BY social_worker_id`,
        [ids.filter(isUuid)],
      );
      const byId = new Map(rows.map((r) => [r.id, r.n]));
      return ids.map((id) => byId.get(id) ?? 0);
    }),
    /** The codes of the qualifying diplomas; one key ("all") so the list is read once per request. */
    qualifyingDiplomaCodes: new DataLoader<"all", Set<string>>(async (keys) => {
      const rows: { code: string }[] = await dataSource.query(`SELECT code FROM qualifying_diploma`);
      const codes = new Set(rows.map((r) => r.code));
      return keys.map(() => codes);
    }),
    /** Settings of the cell (caseload ceiling, maximum cell size); one key. */
    settings: new DataLoader<"all", Map<string, number>>(async (keys) => {
      const rows: { key: string; value: number }[] = await dataSource.query(`SELECT key, value FROM social_setting`);
      const map = new Map(rows.map((r) => [r.key, r.value]));
      return keys.map(() => map);
    }),
  };
}
