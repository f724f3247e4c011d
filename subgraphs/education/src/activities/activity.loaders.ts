import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { Activity, ActivityAttendance } from "./activity.entity";

const BAND_ORDER = ["AGE_0_4", "AGE_5_11", "AGE_12_17", "AGE_18_59", "AGE_60_PLUS"];
const SEX_ORDER = ["FEMALE", "MALE", "OTHER", "UNKNOWN"];

/** Activity loaders of one request (per request). */
export function createActivityLoaders(dataSource: DataSource) {
  return {
    activityById: new DataLoader<string, Activity | null>(async (ids) => {
      const rows = await findIn(dataSource, Activity, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (a) => a.id);
    }),
    /** Attendance rows of each activity, youngest band first, then by sex. */
    attendanceByActivity: new DataLoader<string, ActivityAttendance[]>(async (ids) => {
      const rows = await findIn(dataSource, ActivityAttendance, "activityId", ids.filter(isUuid));
      rows.sort(
        (a, b) =>
          BAND_ORDER.indexOf(a.ageBand) - BAND_ORDER.indexOf(b.ageBand) ||
          SEX_ORDER.indexOf(a.sex) - SEX_ORDER.indexOf(b.sex),
      );
      return groupBy(ids, rows, (r) => r.activityId);
    }),
  };
}
