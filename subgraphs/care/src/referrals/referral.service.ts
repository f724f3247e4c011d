import { badInput, Caller, conflict, notFound, once, todayInBrussels } from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { canMove, NEXT } from "./lifecycle";
import { ReferralPriority, ReferralStatus } from "./referral.entity";
import { CreateReferralInput, TransitionReferralInput } from "./referral.inputs";

const MAX_NOTE = 1000;

function validNote(note: string | null | undefined, field: string): string | null {
  const text = note?.trim() || null;
  if (text && text.length > MAX_NOTE) {
    throw badInput(field, `note is ${text.length} characters long; at most ${MAX_NOTE} are allowed.`);
  }
  return text;
}

/** Checks a new referral before anything is written; returns the normalised values. */
export function validateReferral(input: CreateReferralInput) {
  const send = input.send ?? true;
  if (send && !input.consent) {
    throw badInput(
      "input.consent",
      "A referral is only sent with the person's consent: set consent to true, or send: false to keep a DRAFT.",
    );
  }
  const today = todayInBrussels();
  if (input.dueDate && input.dueDate < today) {
    throw badInput("input.dueDate", `dueDate ${input.dueDate} is in the past (today is ${today}).`);
  }
  return {
    status: send ? ReferralStatus.SENT : ReferralStatus.DRAFT,
    priority: input.priority ?? ReferralPriority.NORMAL,
    note: validNote(input.note, "input.note"),
  };
}

/** Creates a referral and its first history line in one transaction; returns its ID. */
export async function createReferral(db: EntityManager, input: CreateReferralInput, caller: Caller) {
  const v = validateReferral(input);
  return db.transaction(async (manager) =>
    once(manager, { subject: caller.sub, operation: "createReferral" }, input.idempotencyKey, input, () =>
      insertReferral(manager, input, v, caller),
    ),
  );
}

/**
 * Writes a validated referral and its first history line with the caller's
 * transaction (also used when a care contact refers the person onward).
 */
export async function insertReferral(
  manager: EntityManager,
  input: Omit<CreateReferralInput, "send" | "idempotencyKey">,
  v: ReturnType<typeof validateReferral>,
  caller: Caller,
): Promise<string> {
  const [service] = await manager.query(`SELECT id FROM service WHERE id = $1`, [input.serviceId]);
  if (!service) throw notFound("Service", input.serviceId);
  const [row] = await manager.query(
    `INSERT INTO referral (person_id, service_id, reason, priority, consent, due_date, note, status,
                           referred_by, referring_organisation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      input.personId,
      input.serviceId,
      input.reason,
      v.priority,
      input.consent,
      input.dueDate ?? null,
      v.note,
      v.status,
      caller.sub,
      caller.org,
    ],
  );
  await manager.query(
    `INSERT INTO referral_transition (referral_id, from_status, to_status, by_subject, by_organisation, note)
     VALUES ($1, NULL, $2, $3, $4, $5)`,
    [row.id, v.status, caller.sub, caller.org, v.note],
  );
  return row.id as string;
}

/**
 * Moves a referral to its next status under a row lock, so two partners
 * answering at the same moment cannot both win; keeps the step in the history.
 */
export async function transitionReferral(db: EntityManager, input: TransitionReferralInput, caller: Caller) {
  const note = validNote(input.note, "input.note");
  await db.transaction(async (manager) => {
    const [r] = await manager.query(`SELECT status, consent FROM referral WHERE id = $1 FOR UPDATE`, [
      input.referralId,
    ]);
    if (!r) throw notFound("Referral", input.referralId);
    const from = r.status as ReferralStatus;
    if (!canMove(from, input.to)) {
      const allowed = NEXT[from];
      throw conflict(
        `Referral ${input.referralId} is ${from}; it can move to ${allowed.length ? allowed.join(" or ") : "nothing (it is closed)"}, not ${input.to}.`,
      );
    }
    const consent = r.consent || input.consent === true;
    if (input.to === ReferralStatus.SENT && !consent) {
      throw badInput(
        "input.consent",
        `Referral ${input.referralId} has no recorded consent: send consent: true once the person agreed.`,
      );
    }
    await manager.query(`UPDATE referral SET status = $2, consent = $3, updated_at = clock_timestamp() WHERE id = $1`, [
      input.referralId,
      input.to,
      consent,
    ]);
    await manager.query(
      `INSERT INTO referral_transition (referral_id, from_status, to_status, by_subject, by_organisation, note)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [input.referralId, from, input.to, caller.sub, caller.org, note],
    );
  });
}
