import {
  assertUuid,
  badInput,
  Caller,
  conflict,
  driverErrorOf,
  once,
  percentage,
  suppressCounts,
} from "@reception-graph/kit";
import { DataSource, EntityManager } from "typeorm";
import { notInFuture } from "../incidents/incident.service";
import { LivingConditionsIndicator } from "./living-conditions.entity";
import { LivingConditionsSurveyInput } from "./living-conditions.inputs";

export function validateSurvey(input: LivingConditionsSurveyInput) {
  return {
    personId: assertUuid(input.personId, "input.personId"),
    siteId: assertUuid(input.siteId, "input.siteId"),
    answeredOn: notInFuture(input.answeredOn, "input.answeredOn"),
  };
}

/** Stores one answer; a second answer of the same person on the same day is a CONFLICT. */
export async function recordSurvey(
  db: EntityManager,
  input: LivingConditionsSurveyInput,
  v: ReturnType<typeof validateSurvey>,
  caller: Caller,
): Promise<string> {
  const twice = () =>
    conflict(`Person ${v.personId} already answered the living-conditions survey on ${v.answeredOn}.`, {
      field: "input.answeredOn",
    });
  try {
    return await db.transaction(async (manager) => {
      const { id } = await once(
        manager,
        { subject: caller.sub, operation: "recordLivingConditionsSurvey" },
        input.idempotencyKey,
        input,
        async () => {
          const [row] = await manager.query(
            `INSERT INTO living_conditions_survey (person_id, site_id, answered_on, answer, recorded_by,
                                                   recorded_by_organisation)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (person_id, answered_on) DO NOTHING RETURNING id`,
            [v.personId, v.siteId, v.answeredOn, input.answer, caller.sub, caller.org],
          );
          if (!row) throw twice();
          return row.id as string;
        },
      );
      return id;
    });
  } catch (e) {
    if (driverErrorOf(e).constraint === "living_conditions_once_a_day") throw twice();
    throw e;
  }
}

/** Improved / answered among each person's latest answer in [from, to] (at one site, or all). */
export async function livingConditionsImproved(
  dataSource: DataSource,
  siteId: string | null,
  from: string,
  to: string,
): Promise<LivingConditionsIndicator> {
  if (from > to) throw badInput("from", `from ${from} is after to ${to}.`);
  const [row]: { improved: number; answered: number }[] = await dataSource.query(
    `WITH latest AS (
       SELECT DISTINCT ON (person_id) person_id, answer FROM living_conditions_survey
       WHERE answered_on BETWEEN $1 AND $2 AND ($3::uuid IS NULL OR site_id = $3)
       ORDER BY person_id, answered_on DESC
     )
     SELECT count(*) FILTER (WHERE answer = 'IMPROVED')::int AS improved,
            count(*) FILTER (WHERE answer <> 'NO_ANSWER')::int AS answered
     FROM latest`,
    [from, to, siteId],
  );
  const { improved, answered } = row;
  const share = percentage(improved, answered);
  // Improved and not improved are the two cells of `answered`, which is shown: the kit's complementary rule over
  // them withholds a small "not improved" too (answered − improved would give it back).
  const cells = suppressCounts([improved, answered - improved]);
  if (share.suppressed || cells.some((c) => c.suppressed)) {
    return { improved: null, answered: null, percentage: null, suppressed: true };
  }
  return { improved, answered, percentage: share.value, suppressed: false };
}
