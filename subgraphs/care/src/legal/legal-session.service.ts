import { assertUuid, badInput, Caller, once } from "@reception-graph/kit";
import { DataSource, EntityManager } from "typeorm";
import { outcomeText, pastDay } from "../health/validate";
import { RecordGroupLegalSessionInput, RecordLegalSessionInput } from "./legal-session.inputs";

export async function recordLegalSession(db: EntityManager, input: RecordLegalSessionInput, caller: Caller) {
  const personId = assertUuid(input.personId, "input.personId");
  const date = pastDay(input.date, "input.date");
  const outcome = outcomeText(input.outcome, "input.outcome");
  const { id } = await db.transaction((manager) =>
    once(manager, { subject: caller.sub, operation: "recordLegalSession" }, input.idempotencyKey, input, async () => {
      const [row] = await manager.query(
        `INSERT INTO legal_session (person_id, organisation, topic, date, outcome, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [personId, caller.org, input.topic, date, outcome, caller.sub],
      );
      return row.id as string;
    }),
  );
  return id;
}

/** Checks a group session's counts: non-negative integers, each band and sex once, at least one attendee. */
export function validateGroupSession(input: RecordGroupLegalSessionInput) {
  const seen = new Set<string>();
  input.attendees.forEach((a, i) => {
    if (!Number.isInteger(a.count) || a.count < 0) {
      throw badInput(`input.attendees[${i}].count`, `count is ${a.count}; it must be zero or more.`);
    }
    const key = `${a.ageBand}/${a.sex}`;
    if (seen.has(key)) throw badInput(`input.attendees[${i}]`, `${a.ageBand} ${a.sex} is given twice.`);
    seen.add(key);
  });
  if (!input.attendees.some((a) => a.count > 0)) {
    throw badInput("input.attendees", "A group session has at least one attendee.");
  }
  return { siteId: assertUuid(input.siteId, "input.siteId"), date: pastDay(input.date, "input.date") };
}

export async function recordGroupLegalSession(
  dataSource: DataSource,
  input: RecordGroupLegalSessionInput,
  caller: Caller,
) {
  const v = validateGroupSession(input);
  const { id } = await dataSource.transaction((manager) =>
    once(
      manager,
      { subject: caller.sub, operation: "recordGroupLegalSession" },
      input.idempotencyKey,
      input,
      async () => {
        const [row] = await manager.query(
          `INSERT INTO group_legal_session (site_id, organisation, topic, date, recorded_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [v.siteId, caller.org, input.topic, v.date, caller.sub],
        );
        for (const a of input.attendees.filter((x) => x.count > 0)) {
          await manager.query(
            `INSERT INTO group_legal_attendance (session_id, age_band, sex, count) VALUES ($1, $2, $3, $4)`,
            [row.id, a.ageBand, a.sex, a.count],
          );
        }
        return row.id as string;
      },
    ),
  );
  return id;
}
