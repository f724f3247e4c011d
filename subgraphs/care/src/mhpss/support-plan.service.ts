import { assertUuid, badInput, Caller, conflict, forbidden, once, requireText } from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { callerOrganisations } from "../access/care-access";
import { pastDay } from "../health/validate";
import { SupportPlanStatus } from "./support-plan.entity";
import { UpdateSupportPlanInput } from "./support-plan.inputs";

const MAX_GOALS = 20;
const MAX_GOAL = 500;
const MAX_SESSIONS = 50;

/** Checks a change before anything is written; returns the normalised values. */
export function validateSupportPlan(input: UpdateSupportPlanInput) {
  const goals = input.goals == null ? null : input.goals.map((g, i) => requireText(g, `input.goals[${i}]`, MAX_GOAL));
  if (goals && (goals.length === 0 || goals.length > MAX_GOALS)) {
    throw badInput("input.goals", `input.goals has ${goals.length} goals; between 1 and ${MAX_GOALS} are needed.`);
  }
  const sessions = input.sessions ?? [];
  if (sessions.length > MAX_SESSIONS) {
    throw badInput(
      "input.sessions",
      `input.sessions has ${sessions.length} sessions; at most ${MAX_SESSIONS} per call.`,
    );
  }
  sessions.forEach((s, i) => pastDay(s.date, `input.sessions[${i}].date`));
  if (!goals && !input.status && sessions.length === 0) {
    throw badInput("input", "Nothing to change: give goals, a status or sessions.");
  }
  return { personId: assertUuid(input.personId, "input.personId"), goals, sessions };
}

/** Thrown when another organisation holds the plan; the resolver records the refusal. */
export class PlanHeldElsewhere extends Error {
  constructor(readonly organisation: string) {
    super(organisation);
  }
}

/**
 * Creates or changes the person's one plan under a row lock and appends the
 * plan as it now stands to its history, in one transaction. Only the
 * organisation that holds the plan changes it; a CLOSED plan is final.
 */
export async function updateSupportPlan(db: EntityManager, input: UpdateSupportPlanInput, caller: Caller) {
  const v = validateSupportPlan(input);
  return db.transaction((manager) =>
    once(manager, { subject: caller.sub, operation: "updateSupportPlan" }, input.idempotencyKey, input, async () => {
      // A plan made at the same moment by someone else waits here and is then changed, not duplicated.
      const created: unknown[] = await manager.query(
        `INSERT INTO support_plan (person_id, organisation, goals, status)
         SELECT $1, $2, $3, $4 WHERE $3::text[] IS NOT NULL
         ON CONFLICT (person_id) DO NOTHING RETURNING id`,
        [v.personId, caller.org, v.goals, input.status ?? SupportPlanStatus.ACTIVE],
      );
      const [plan] = await manager.query(
        `SELECT id, organisation, goals, status FROM support_plan WHERE person_id = $1 FOR UPDATE`,
        [v.personId],
      );
      if (!plan) {
        throw badInput("input.goals", `Person ${v.personId} has no support plan yet: give its goals to create it.`);
      }
      if (!callerOrganisations(caller).includes(plan.organisation)) throw new PlanHeldElsewhere(plan.organisation);
      if (created.length === 0 && plan.status === SupportPlanStatus.CLOSED) {
        throw conflict(`The support plan of person ${v.personId} is CLOSED; a closed plan does not change.`);
      }
      const goals: string[] = v.goals ?? plan.goals;
      const status: SupportPlanStatus = input.status ?? plan.status;
      await manager.query(
        `UPDATE support_plan SET goals = $2, status = $3, updated_at = clock_timestamp() WHERE id = $1`,
        [plan.id, goals, status],
      );
      for (const s of v.sessions) {
        await manager.query(`INSERT INTO support_session (plan_id, date, kind, attended) VALUES ($1, $2, $3, $4)`, [
          plan.id,
          s.date,
          s.kind,
          s.attended,
        ]);
      }
      await manager.query(
        `INSERT INTO support_plan_change (plan_id, by_subject, by_organisation, goals, status, sessions_added)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [plan.id, caller.sub, caller.org, goals, status, v.sessions.length],
      );
      return plan.id as string;
    }),
  );
}

export function planHeldElsewhereError(personId: string, organisation: string): Error {
  return forbidden(`The support plan of person ${personId} is held by ${organisation}; only it changes the plan.`);
}
