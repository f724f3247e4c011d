import { badInput, conflict, driverErrorOf, notFound, once, requireText, todayInBrussels } from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { DutchCourseStatus, IntegrationStatus } from "./adult.entity";
import { EnrolInDutchCourseInput, RecordIntegrationStepInput, UpdateDutchCourseInput } from "./adult.inputs";

/** Allowed status changes of a Dutch course; anything else is CONFLICT. */
const COURSE_NEXT: Record<DutchCourseStatus, readonly DutchCourseStatus[]> = {
  PLANNED: [DutchCourseStatus.ONGOING, DutchCourseStatus.DROPPED],
  ONGOING: [DutchCourseStatus.COMPLETED, DutchCourseStatus.DROPPED],
  COMPLETED: [],
  DROPPED: [],
};

/** Allowed steps of an integration programme; the first step is REFERRED or EXEMPT. */
const INTEGRATION_NEXT: Record<IntegrationStatus | "NONE", readonly IntegrationStatus[]> = {
  NONE: [IntegrationStatus.REFERRED, IntegrationStatus.EXEMPT],
  REFERRED: [IntegrationStatus.STARTED, IntegrationStatus.EXEMPT],
  STARTED: [IntegrationStatus.COMPLETED],
  COMPLETED: [],
  EXEMPT: [],
};

function notInFuture(date: string, field: string) {
  const today = todayInBrussels();
  if (date > today) throw badInput(field, `${field} ${date} is in the future (today is ${today}).`);
}

/** Validates a new course before anything is written; returns the cleaned values. */
export function validateCourse(input: EnrolInDutchCourseInput) {
  const provider = requireText(input.provider, "input.provider", 120);
  const status = input.status ?? DutchCourseStatus.PLANNED;
  if (status !== DutchCourseStatus.PLANNED && status !== DutchCourseStatus.ONGOING) {
    throw badInput(
      "input.status",
      `A course starts PLANNED or ONGOING, not ${status}; change it with updateDutchCourse.`,
    );
  }
  if (status === DutchCourseStatus.ONGOING) notInFuture(input.startDate, "input.startDate");
  if (input.endDate && input.endDate < input.startDate) {
    throw badInput("input.endDate", `endDate ${input.endDate} is before startDate ${input.startDate}.`);
  }
  return { provider, status };
}

export async function createCourse(
  db: EntityManager,
  input: EnrolInDutchCourseInput,
  by: string,
): Promise<{ id: string; replayed: boolean }> {
  const { provider, status } = validateCourse(input);
  return db.transaction((manager) =>
    once(manager, { subject: by, operation: "enrolInDutchCourse" }, input.idempotencyKey, input, async () => {
      const [row] = await manager.query(
        `INSERT INTO dutch_course (person_id, level, provider, start_date, end_date, status, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [input.personId, input.level, provider, input.startDate, input.endDate ?? null, status, by],
      );
      return row.id as string;
    }),
  );
}

/** Changes a course under a row lock: status by the allowed steps only (CONFLICT otherwise). */
export async function updateCourse(db: EntityManager, input: UpdateDutchCourseInput): Promise<void> {
  const provider = input.provider != null ? requireText(input.provider, "input.provider", 120) : null;
  await db.transaction(async (manager) => {
    const [course] = await manager.query(
      `SELECT status, start_date, end_date FROM dutch_course WHERE id = $1 FOR UPDATE`,
      [input.courseId],
    );
    if (!course) throw notFound("DutchCourse", input.courseId);
    const status: DutchCourseStatus = course.status;
    if (input.status && input.status !== status && !COURSE_NEXT[status].includes(input.status)) {
      throw conflict(
        `The course is ${status}; it cannot become ${input.status}` +
          (COURSE_NEXT[status].length ? ` (next: ${COURSE_NEXT[status].join(" or ")}).` : " (it has ended)."),
      );
    }
    if (!input.status && (status === DutchCourseStatus.COMPLETED || status === DutchCourseStatus.DROPPED)) {
      throw conflict(`The course is ${status}; an ended course is not changed.`);
    }
    const next = input.status ?? status;
    if (next === DutchCourseStatus.ONGOING || next === DutchCourseStatus.COMPLETED) {
      notInFuture(course.start_date, "input.status: the course's startDate");
    }
    let endDate: string | null = input.endDate ?? course.end_date;
    if (endDate && endDate < course.start_date) {
      throw badInput("input.endDate", `endDate ${endDate} is before the course's startDate ${course.start_date}.`);
    }
    // An ended course ends on the day given, or today.
    if ((next === DutchCourseStatus.COMPLETED || next === DutchCourseStatus.DROPPED) && next !== status) {
      endDate = input.endDate ?? todayInBrussels();
      notInFuture(endDate, "input.endDate");
      if (endDate < course.start_date) endDate = course.start_date;
    }
    await manager.query(
      `UPDATE dutch_course SET status = $2, end_date = $3, provider = COALESCE($4, provider),
              updated_at = clock_timestamp()
       WHERE id = $1`,
      [input.courseId, next, endDate, provider],
    );
  });
}

function isOneProgrammeClash(e: unknown): boolean {
  const driver = driverErrorOf(e);
  return driver.code === "23505" && driver.constraint === "integration_programme_person_id_key";
}

/**
 * Records one step of a person's integration programme, creating it on the
 * first (REFERRED or EXEMPT); every step is kept in its history. Returns the
 * programme's ID.
 */
export async function recordIntegrationStep(
  db: EntityManager,
  input: RecordIntegrationStepInput,
  by: string,
): Promise<string> {
  notInFuture(input.date, "input.date");
  const note = input.note != null ? requireText(input.note, "input.note", 500) : null;
  try {
    const { id } = await db.transaction((manager) =>
      once(manager, { subject: by, operation: "recordIntegrationStep" }, input.idempotencyKey, input, async () => {
        const [programme] = await manager.query(
          `SELECT id, status, status_date FROM integration_programme WHERE person_id = $1 FOR UPDATE`,
          [input.personId],
        );
        const from: IntegrationStatus | "NONE" = programme?.status ?? "NONE";
        if (!INTEGRATION_NEXT[from].includes(input.status)) {
          throw conflict(
            from === "NONE"
              ? `No integration programme is recorded for this person yet; the first step is REFERRED or EXEMPT, not ${input.status}.`
              : `The integration programme is ${from}; it cannot become ${input.status}` +
                  (INTEGRATION_NEXT[from].length
                    ? ` (next: ${INTEGRATION_NEXT[from].join(" or ")}).`
                    : " (it has ended)."),
          );
        }
        if (programme && input.date < programme.status_date) {
          throw badInput("input.date", `date ${input.date} is before the previous step (${programme.status_date}).`);
        }
        let programmeId: string = programme?.id;
        if (programme) {
          await manager.query(`UPDATE integration_programme SET status = $2, status_date = $3 WHERE id = $1`, [
            programmeId,
            input.status,
            input.date,
          ]);
        } else {
          const [row] = await manager.query(
            `INSERT INTO integration_programme (person_id, status, status_date, created_by)
             VALUES ($1, $2, $3, $4) RETURNING id`,
            [input.personId, input.status, input.date, by],
          );
          programmeId = row.id;
        }
        await manager.query(
          `INSERT INTO integration_programme_event (programme_id, status, date, note, recorded_by)
           VALUES ($1, $2, $3, $4, $5)`,
          [programmeId, input.status, input.date, note, by],
        );
        return programmeId;
      }),
    );
    return id;
  } catch (e) {
    // Two first steps for one person at the same moment: the unique person_id lets one through.
    if (isOneProgrammeClash(e)) throw conflict("An integration programme was just recorded for this person; retry.");
    throw e;
  }
}
