import { AgeBand, groupBy, isUuid, Sex, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { LegalSession } from "./legal-session.entity";

export interface AttendanceRow {
  session_id: string;
  age_band: AgeBand;
  sex: Sex;
  count: number;
}

const BAND_ORDER = Object.values(AgeBand);
const SEX_ORDER = Object.values(Sex);

/** Legal session loaders of one request (per request). */
export function createLegalSessionLoaders(dataSource: DataSource) {
  return {
    legalSessionsByPerson: new DataLoader<string, LegalSession[]>(async (ids) => {
      const rows = await findIn(dataSource, LegalSession, "personId", ids.filter(isUuid), {
        order: { date: "DESC", createdAt: "DESC", id: "ASC" },
      });
      return groupBy(ids, rows, (s) => s.personId);
    }),
    attendanceBySession: new DataLoader<string, AttendanceRow[]>(async (ids) => {
      const rows: AttendanceRow[] = await dataSource.query(
        `SELECT session_id, age_band, sex, count FROM group_legal_attendance WHERE session_id = ANY($1::uuid[])`,
        [ids.filter(isUuid)],
      );
      rows.sort(
        (a, b) =>
          BAND_ORDER.indexOf(a.age_band) - BAND_ORDER.indexOf(b.age_band) ||
          SEX_ORDER.indexOf(a.sex) - SEX_ORDER.indexOf(b.sex),
      );
      return groupBy(ids, rows, (r) => r.session_id);
    }),
  };
}
