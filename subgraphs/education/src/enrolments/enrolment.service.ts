import { badInput, conflict, driverErrorOf, notFound, once } from "@reception-graph/kit";
import { DataSource, EntityManager } from "typeorm";
import { EnrolmentStatus, Programme } from "./enrolment.entity";
import { EnrolInput } from "./enrolment.inputs";

interface LockedSchool {
  id: string;
  name: string;
  offers_okan: boolean;
  okan_capacity: number;
}

/**
 * Locks the school row for the rest of the transaction: every enrolment and
 * departure at one school queues here, so OKAN places are counted by one
 * transaction at a time and never over capacity.
 */
async function lockSchool(manager: EntityManager, schoolId: string): Promise<LockedSchool> {
  const [school] = await manager.query(
    `SELECT id, name, offers_okan, okan_capacity FROM school WHERE id = $1 FOR UPDATE`,
    [schoolId],
  );
  if (!school) throw notFound("School", schoolId);
  return school;
}

async function okanEnrolled(manager: EntityManager, schoolId: string): Promise<number> {
  const [row] = await manager.query(
    `SELECT count(*) AS n FROM enrolment WHERE school_id = $1 AND programme = 'OKAN' AND status = 'ENROLLED'`,
    [schoolId],
  );
  return row.n;
}

/** The database refused an OKAN place beyond capacity (the counter kept by the enrolment trigger). */
function isOkanFull(e: unknown): boolean {
  const driver = driverErrorOf(e);
  return driver.code === "23514" && driver.constraint === "school_okan_within_capacity";
}

function isActiveEnrolmentClash(e: unknown): boolean {
  const driver = driverErrorOf(e);
  return driver.code === "23505" && driver.constraint === "enrolment_one_active_per_person";
}

/**
 * Enrols a child: a place when there is one, else the OKAN waiting list.
 * Returns the enrolment ID (the first one for a repeated idempotency key).
 */
/** Thrown when no OPEN enrolment request names the school for the child (the resolver audits and refuses). */
export class NoOpenRequestError extends Error {}

/** True when an OPEN enrolment request names the school for the person. */
export async function hasOpenRequest(dataSource: DataSource, personId: string, schoolId: string): Promise<boolean> {
  const rows = await dataSource.query(
    `SELECT 1 FROM enrolment_request WHERE person_id = $1 AND school_id = $2 AND status = 'OPEN'`,
    [personId, schoolId],
  );
  return rows.length > 0;
}

/**
 * True when the person has had a place at a school (now or before): time to
 * school is measured up to the first one only. A waiting-list entry left
 * without a place does not count.
 */
export async function hasHadSchoolPlace(dataSource: DataSource, personId: string): Promise<boolean> {
  const rows = await dataSource.query(
    `SELECT 1 FROM enrolment WHERE person_id = $1 AND enrolled_at IS NOT NULL LIMIT 1`,
    [personId],
  );
  return rows.length > 0;
}

/** True when this idempotency key was already used for the operation (a repeat answers the first result). */
/** Whether this caller already used this key for this operation (keys belong to their caller, see the kit). */
export async function keyUsed(
  dataSource: DataSource,
  subject: string,
  operation: string,
  key: string | null | undefined,
) {
  if (!key) return false;
  const rows = await dataSource.query(
    `SELECT 1 FROM idempotency_key WHERE subject = $1 AND operation = $2 AND key = $3`,
    [subject, operation, key],
  );
  return rows.length > 0;
}

/** Said to a caller who may not see where the child is enrolled. */
const ENROLLED_ELSEWHERE = "This person already has an active enrolment elsewhere; ask the city education service.";

/**
 * Enrols a child handed over to the school by an OPEN enrolment request,
 * which becomes FULFILLED in the same transaction: a place when there is
 * one, else the OKAN waiting list. `visibleSchools` are the schools whose
 * enrolments the caller may be told about in a CONFLICT.
 * Returns the enrolment ID (the first one for a repeated idempotency key).
 */
export async function enrol(
  db: EntityManager,
  input: EnrolInput,
  by: string,
  visibleSchools: readonly string[],
  waitedSince: string | null = null,
): Promise<{ id: string; replayed: boolean }> {
  try {
    return await db.transaction(async (manager) =>
      once(manager, { subject: by, operation: "enrol" }, input.idempotencyKey, input, async () => {
        const school = await lockSchool(manager, input.schoolId);
        if (input.programme === Programme.OKAN && !school.offers_okan) {
          throw badInput("input.programme", `${school.name} offers no OKAN class; choose another programme or school.`);
        }
        // The hand-over: locked, so a concurrent withdrawal or second enrol waits for this transaction.
        const [request] = await manager.query(
          `SELECT id FROM enrolment_request WHERE person_id = $1 AND school_id = $2 AND status = 'OPEN'
           ORDER BY requested_at LIMIT 1 FOR UPDATE`,
          [input.personId, school.id],
        );
        if (!request) throw new NoOpenRequestError();
        const [active] = await manager.query(
          `SELECT e.id, e.status, e.school_id, s.name FROM enrolment e JOIN school s ON s.id = e.school_id
           WHERE e.person_id = $1 AND e.status IN ('ENROLLED', 'WAITLISTED')`,
          [input.personId],
        );
        if (active && visibleSchools.includes(active.school_id)) {
          throw conflict(
            `Person ${input.personId} is already ${active.status.toLowerCase()} at ${active.name} (enrolment ` +
              `${active.id}); record leaveSchool first.`,
            { existingId: active.id },
          );
        }
        // Another school's enrolment is outside the caller's scope: neither its school nor its ID is named.
        if (active) throw conflict(ENROLLED_ELSEWHERE);
        let status = EnrolmentStatus.ENROLLED;
        if (input.programme === Programme.OKAN && (await okanEnrolled(manager, school.id)) >= school.okan_capacity) {
          status = EnrolmentStatus.WAITLISTED;
        }
        const insert = (as: EnrolmentStatus) =>
          manager.query(
            `INSERT INTO enrolment (person_id, school_id, programme, status, start_date, enrolled_at, created_by)
             VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 = 'ENROLLED' THEN clock_timestamp() END, $6) RETURNING id`,
            [input.personId, school.id, input.programme, as, input.startDate, by],
          );
        let row: { id: string };
        if (status === EnrolmentStatus.ENROLLED && input.programme === Programme.OKAN) {
          // The database has the last word on capacity (school_okan_within_capacity): should the count above ever
          // be wrong, the child goes to the waiting list instead of the caller getting an error.
          await manager.query(`SAVEPOINT okan_place`);
          try {
            [row] = await insert(status);
            await manager.query(`RELEASE SAVEPOINT okan_place`);
          } catch (e) {
            if (!isOkanFull(e)) throw e;
            await manager.query(`ROLLBACK TO SAVEPOINT okan_place`);
            [row] = await insert(EnrolmentStatus.WAITLISTED);
          }
        } else {
          [row] = await insert(status);
        }
        // The days waited for school, on the child's first enrolment with a place only (a derived fact; no date
        // is copied). A waiting-list entry keeps them too and counts once it gets a place.
        if (waitedSince) {
          await manager.query(
            `UPDATE enrolment SET days_to_school = GREATEST(0, start_date - $2::date)
             WHERE id = $1
               AND NOT EXISTS (SELECT 1 FROM enrolment WHERE person_id = $3 AND id <> $1 AND enrolled_at IS NOT NULL)`,
            [row!.id, waitedSince, input.personId],
          );
        }
        await manager.query(
          `UPDATE enrolment_request SET status = 'FULFILLED', enrolment_id = $2, closed_by = $3,
                  closed_at = clock_timestamp()
           WHERE id = $1`,
          [request.id, row.id, by],
        );
        return row.id as string;
      }),
    );
  } catch (e) {
    // The same child enrolled at two schools at the same moment: the unique index lets one through.
    if (isActiveEnrolmentClash(e)) throw conflict(ENROLLED_ELSEWHERE);
    throw e;
  }
}

/**
 * Ends an enrolment (or waiting-list entry) and gives freed OKAN places to
 * the waiting list, first come first served. Returns the IDs of the
 * enrolments that got a place.
 */
export async function leaveSchool(
  db: EntityManager,
  enrolmentId: string,
  schoolId: string,
  date: string,
): Promise<{ promoted: { id: string; personId: string }[] }> {
  return db.transaction(async (manager) => {
    const school = await lockSchool(manager, schoolId);
    // Read again under the school lock: a concurrent leaveSchool may have changed it.
    const [e] = await manager.query(`SELECT status, programme, start_date FROM enrolment WHERE id = $1`, [enrolmentId]);
    if (e.status === EnrolmentStatus.LEFT) throw conflict(`Enrolment ${enrolmentId} has already ended.`);
    if (e.status === EnrolmentStatus.ENROLLED && date < e.start_date) {
      throw badInput("input.date", `date ${date} is before the enrolment's first school day ${e.start_date}.`);
    }
    await manager.query(`UPDATE enrolment SET status = 'LEFT', end_date = $2 WHERE id = $1`, [enrolmentId, date]);
    const promoted: { id: string; personId: string }[] = [];
    if (e.status !== EnrolmentStatus.ENROLLED || e.programme !== Programme.OKAN) return { promoted };
    let free = school.okan_capacity - (await okanEnrolled(manager, school.id));
    while (free > 0) {
      // TypeORM answers an UPDATE with [rows, rowCount].
      const [[next]] = await manager.query(
        `UPDATE enrolment SET status = 'ENROLLED', enrolled_at = clock_timestamp(),
                start_date = GREATEST(start_date, $2::date),
                days_to_school = days_to_school + (GREATEST(start_date, $2::date) - start_date)
         WHERE id = (SELECT id FROM enrolment WHERE school_id = $1 AND status = 'WAITLISTED' ORDER BY seq LIMIT 1)
         RETURNING id, person_id`,
        [school.id, date],
      );
      if (!next) break;
      promoted.push({ id: next.id, personId: next.person_id });
      free--;
    }
    return { promoted };
  });
}
