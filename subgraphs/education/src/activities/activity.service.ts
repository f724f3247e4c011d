import { assertUuid, badInput, once, requireText, todayInBrussels } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { RecordActivityInput } from "./activity.inputs";

/** More participants than this in one age band and sex is a typing error, not an activity. */
const MAX_COUNT = 10_000;

export interface ValidActivity {
  siteId: string;
  schoolId: string | null;
  title: string | null;
  organiser: string;
}

/** Checks what can be checked without asking anyone; BAD_USER_INPUT naming the field and value otherwise. */
export function validateActivity(input: RecordActivityInput): ValidActivity {
  const siteId = assertUuid(input.siteId, "input.siteId");
  const schoolId = input.schoolId == null ? null : assertUuid(input.schoolId, "input.schoolId");
  const today = todayInBrussels();
  if (input.date > today) {
    throw badInput(
      "input.date",
      `date ${input.date} is in the future (today is ${today}); record an activity once held.`,
    );
  }
  const organiser = requireText(input.organiser, "input.organiser");
  const title = input.title == null ? null : requireText(input.title, "input.title");
  const seen = new Set<string>();
  let total = 0;
  input.attendance.forEach((a, i) => {
    const field = `input.attendance[${i}].count`;
    if (!Number.isInteger(a.count) || a.count < 0) {
      throw badInput(field, `count ${a.count} for ${a.ageBand} ${a.sex} is negative; a count is 0 or more.`);
    }
    if (a.count > MAX_COUNT) {
      throw badInput(field, `count ${a.count} for ${a.ageBand} ${a.sex} is more than ${MAX_COUNT}.`);
    }
    const pair = `${a.ageBand} ${a.sex}`;
    if (seen.has(pair)) {
      throw badInput(`input.attendance[${i}]`, `${pair} is given twice; give each age band and sex once.`);
    }
    seen.add(pair);
    total += a.count;
  });
  if (total === 0) {
    throw badInput("input.attendance", "attendance counts no one; an activity has at least one participant.");
  }
  return { siteId, schoolId, title, organiser };
}

/** Writes the activity and its attendance in one transaction. Returns its ID (the first one for a repeated key). */
export async function recordActivity(
  dataSource: DataSource,
  input: RecordActivityInput,
  valid: ValidActivity,
  by: string,
): Promise<string> {
  return dataSource.transaction(async (manager) => {
    const { id } = await once(
      manager,
      { subject: by, operation: "recordActivity" },
      input.idempotencyKey,
      input,
      async () => {
        if (valid.schoolId) {
          const [school] = await manager.query(`SELECT 1 FROM school WHERE id = $1`, [valid.schoolId]);
          if (!school)
            throw badInput("input.schoolId", `School ${JSON.stringify(valid.schoolId)} is not a known school.`);
        }
        const [row] = await manager.query(
          `INSERT INTO activity (site_id, date, kind, title, organiser, school_id, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [valid.siteId, input.date, input.kind, valid.title, valid.organiser, valid.schoolId, by],
        );
        // Zero rows say nothing: only the bands and sexes that came are stored.
        const rows = input.attendance.filter((a) => a.count > 0);
        await manager.query(
          `INSERT INTO activity_attendance (activity_id, age_band, sex, count)
         SELECT $1, a.age_band, a.sex, a.count FROM jsonb_to_recordset($2::jsonb) AS a(age_band text, sex text, count int)`,
          [row.id, JSON.stringify(rows.map((a) => ({ age_band: a.ageBand, sex: a.sex, count: a.count })))],
        );
        return row.id as string;
      },
    );
    return id;
  });
}

/** IDs of activities in a period (both ends included), at one site or all, newest first. */
export async function activityIds(
  dataSource: DataSource,
  filter: { siteId: string | null; from: string | null; to: string | null },
): Promise<string[]> {
  const rows: { id: string }[] = await dataSource.query(
    `SELECT id FROM activity
     WHERE ($1::uuid IS NULL OR site_id = $1) AND ($2::date IS NULL OR date >= $2) AND ($3::date IS NULL OR date <= $3)
     ORDER BY date DESC, recorded_at DESC, id`,
    [filter.siteId, filter.from, filter.to],
  );
  return rows.map((r) => r.id);
}
