import { badInput, conflict, driverErrorOf, notFound, once } from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { Programme } from "../enrolments/enrolment.entity";
import { EnrolmentRequesterRole } from "./enrolment-request.entity";
import { RequestEnrolmentInput } from "./enrolment-request.inputs";

const NOTE_MAX = 500;

/** Validates everything before anything is written; throws BAD_USER_INPUT naming the input path. */
export function validateRequest(input: RequestEnrolmentInput): { note: string | null } {
  const note = input.note?.trim() || null;
  if (note && note.length > NOTE_MAX) {
    throw badInput("input.note", `note is ${note.length} characters long; at most ${NOTE_MAX} are allowed.`);
  }
  return { note };
}

/** Makes an OPEN request naming the school for the child. Returns its ID (the first one for a repeated key). */
export async function requestEnrolment(
  db: EntityManager,
  input: RequestEnrolmentInput & { personId: string; schoolId: string },
  by: { sub: string; role: EnrolmentRequesterRole },
): Promise<string> {
  const { note } = validateRequest(input);
  try {
    return await db.transaction(async (manager) => {
      const { id } = await once(
        manager,
        { subject: by.sub, operation: "requestEnrolment" },
        input.idempotencyKey,
        input,
        async () => {
          const [school] = await manager.query(`SELECT name, offers_okan FROM school WHERE id = $1`, [input.schoolId]);
          if (!school) throw notFound("School", input.schoolId);
          if (input.programme === Programme.OKAN && !school.offers_okan) {
            throw badInput(
              "input.programme",
              `${school.name} offers no OKAN class; choose another programme or school.`,
            );
          }
          const [row] = await manager.query(
            `INSERT INTO enrolment_request (person_id, school_id, programme, requested_by, requested_by_role, note)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
            [input.personId, input.schoolId, input.programme ?? null, by.sub, by.role, note],
          );
          return row.id as string;
        },
      );
      return id;
    });
  } catch (e) {
    const driver = driverErrorOf(e);
    if (driver.code === "23505" && driver.constraint === "enrolment_request_one_open") {
      const [open] = await db.query(
        `SELECT id FROM enrolment_request WHERE person_id = $1 AND school_id = $2 AND status = 'OPEN'`,
        [input.personId, input.schoolId],
      );
      throw conflict(
        `An open enrolment request already names school ${input.schoolId} for this person` +
          (open ? ` (request ${open.id}).` : "."),
        open ? { existingId: open.id } : {},
      );
    }
    throw e;
  }
}

/** Withdraws an OPEN request; CONFLICT when it is no longer open. */
export async function withdrawEnrolmentRequest(db: EntityManager, requestId: string, by: string): Promise<void> {
  const [rows] = await db.query(
    `UPDATE enrolment_request SET status = 'WITHDRAWN', closed_by = $2, closed_at = clock_timestamp()
     WHERE id = $1 AND status = 'OPEN' RETURNING id`,
    [requestId, by],
  );
  if (rows.length === 0) {
    throw conflict(`Enrolment request ${requestId} is no longer open; only an open request can be withdrawn.`);
  }
}
