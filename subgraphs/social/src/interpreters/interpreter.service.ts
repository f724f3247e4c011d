import {
  assertUuid,
  badInput,
  conflict,
  driverErrorOf,
  notFound,
  once,
  requireText,
  assertPersonName,
} from "@reception-graph/kit";
import { DataSource, EntityManager } from "typeorm";
import { CaseFile, CaseFileStatus } from "../casefiles/case-file.entity";
import { BookingStatus, Interpreter, InterpreterBooking } from "./interpreter.entity";
import { BookInterpreterInput, RegisterInterpreterInput, SetInterpreterBookingStatusInput } from "./interpreter.inputs";

const LANGUAGE = /^[a-z]{2}$/;
const MAX_HOURS = 8;

/** `field` names the list; `single` when the input is one code, so the error names the field itself. */
function languages(values: readonly string[], field: string, single = false): string[] {
  const codes = [...new Set(values.map((v) => v.trim().toLowerCase()))];
  if (!codes.length) throw badInput(field, "At least one language is needed.");
  codes.forEach((c, i) => {
    if (!LANGUAGE.test(c))
      throw badInput(
        single ? field : `${field}[${i}]`,
        `Language ${JSON.stringify(c)} is not an ISO 639-1 code such as "uk".`,
      );
  });
  return codes;
}

export async function registerInterpreter(
  dataSource: DataSource,
  input: RegisterInterpreterInput,
  subject: string,
): Promise<string> {
  const name = assertPersonName(input.name, "input.name", 200);
  const organisation = requireText(input.organisation, "input.organisation", 200);
  const langs = languages(input.languages, "input.languages");
  return dataSource.transaction(async (m) => {
    const { id } = await once(
      m,
      { subject, operation: "registerInterpreter" },
      input.idempotencyKey,
      input,
      async () => {
        const saved = await m
          .getRepository(Interpreter)
          .save(m.create(Interpreter, { name, organisation, languages: langs }));
        return saved.id;
      },
    );
    return id;
  });
}

/** Books an interpreter; the database's exclusion constraint refuses an overlap, also between concurrent bookings. */
export async function bookInterpreter(db: EntityManager, input: BookInterpreterInput, by: string): Promise<string> {
  const interpreterId = assertUuid(input.interpreterId, "input.interpreterId");
  const caseFileId = assertUuid(input.caseFileId, "input.caseFileId");
  const [language] = languages([input.language], "input.language", true);
  const purpose = requireText(input.purpose, "input.purpose", 500);
  const { startsAt, endsAt } = input;
  if (!(endsAt > startsAt))
    throw badInput("input.endsAt", `endsAt ${endsAt.toISOString()} is not after startsAt ${startsAt.toISOString()}.`);
  if (endsAt.getTime() - startsAt.getTime() > MAX_HOURS * 3600_000)
    throw badInput(
      "input.endsAt",
      `A booking lasts at most ${MAX_HOURS} hours; this one ends ${endsAt.toISOString()}.`,
    );
  try {
    return await db.transaction(async (m) => {
      const { id } = await once(
        m,
        { subject: by, operation: "bookInterpreter" },
        input.idempotencyKey,
        input,
        async () => {
          const interpreter = await m.getRepository(Interpreter).findOneBy({ id: interpreterId });
          if (!interpreter) throw notFound("Interpreter", interpreterId);
          if (!interpreter.languages.includes(language)) {
            throw badInput(
              "input.language",
              `${interpreter.name} does not interpret ${language} (only ${interpreter.languages.join(", ")}).`,
            );
          }
          // Shared lock: a closure at the same moment either waits and then cancels this booking with the
          // others, or goes first and this booking sees the file closed.
          const caseFile = await m
            .getRepository(CaseFile)
            .createQueryBuilder("c")
            .setLock("pessimistic_read")
            .where("c.id = :caseFileId", { caseFileId })
            .getOne();
          if (!caseFile) throw notFound("Case file", caseFileId);
          if (caseFile.status !== CaseFileStatus.OPEN)
            throw conflict(
              `Case file ${caseFileId} is ${caseFile.status}; interpreters are booked for open case files.`,
            );
          const saved = await m.getRepository(InterpreterBooking).save(
            m.create(InterpreterBooking, {
              interpreterId,
              caseFileId,
              language,
              startsAt,
              endsAt,
              purpose,
              status: BookingStatus.BOOKED,
              bookedBy: by,
            }),
          );
          return saved.id;
        },
      );
      return id;
    });
  } catch (e) {
    if (driverErrorOf(e).constraint === "interpreter_booking_no_overlap") {
      throw conflict(
        `Interpreter ${interpreterId} is already booked between ${startsAt.toISOString()} and ${endsAt.toISOString()}.`,
      );
    }
    throw e;
  }
}

export async function setBookingStatus(db: EntityManager, input: SetInterpreterBookingStatusInput): Promise<string> {
  const id = assertUuid(input.bookingId, "input.bookingId");
  if (input.status === BookingStatus.BOOKED)
    throw badInput("input.status", "A booking can be set to DONE or CANCELLED; book again instead of re-opening.");
  const result = await db.query(
    `UPDATE interpreter_booking SET status = $2 WHERE id = $1 AND status = 'BOOKED' RETURNING id`,
    [id, input.status],
  );
  if (result[0].length === 0) {
    const booking = await db.getRepository(InterpreterBooking).findOneBy({ id });
    if (!booking) throw notFound("Interpreter booking", id);
    throw conflict(`Interpreter booking ${id} is ${booking.status}; only a BOOKED one can become ${input.status}.`);
  }
  return id;
}
