import { assertUuid, badInput, Caller, notFound, once } from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { SocialPeer } from "../peers/social-peer";
import { insertReferral, validateReferral } from "../referrals/referral.service";
import { CareContactKind } from "./care-contact.entity";
import { RecordCareContactInput } from "./care-contact.inputs";
import { outcomeText, pastDay } from "./validate";

/** Checks a contact before anything is written; returns the normalised values. */
export function validateCareContact(input: RecordCareContactInput) {
  if (input.referralId && input.referral) {
    throw badInput(
      "input.referral",
      "Give either referralId (an existing referral) or referral (a new one), not both.",
    );
  }
  return {
    personId: assertUuid(input.personId, "input.personId"),
    siteId: assertUuid(input.siteId, "input.siteId"),
    date: pastDay(input.date, "input.date"),
    outcome: outcomeText(input.outcome, "input.outcome"),
    referralId: input.referralId ? assertUuid(input.referralId, "input.referralId") : null,
    referral: input.referral
      ? {
          ...input.referral,
          serviceId: assertUuid(input.referral.serviceId, "input.referral.serviceId"),
          v: validateReferral({ ...input.referral, personId: input.personId, send: true }),
        }
      : null,
  };
}

/**
 * Writes the contact (and its new onward referral) in one transaction. A
 * medical intake is told to social inside that transaction, last: if social
 * does not answer or refuses, nothing is kept in care either.
 */
export async function recordCareContact(
  db: EntityManager,
  input: RecordCareContactInput,
  caller: Caller,
  social: SocialPeer,
): Promise<{ id: string; referralCreated: boolean }> {
  const c = validateCareContact(input);
  let referralCreated = false;
  const { id } = await db.transaction((manager) =>
    once(manager, { subject: caller.sub, operation: "recordCareContact" }, input.idempotencyKey, input, async () => {
      let referralId = c.referralId;
      if (referralId) {
        const [r] = await manager.query(`SELECT person_id FROM referral WHERE id = $1`, [referralId]);
        if (!r) throw notFound("Referral", referralId);
        if (r.person_id !== c.personId) {
          throw badInput("input.referralId", `Referral ${referralId} is not a referral of person ${c.personId}.`);
        }
      } else if (c.referral) {
        referralId = await insertReferral(
          manager,
          { ...c.referral, personId: c.personId, serviceId: c.referral.serviceId },
          c.referral.v,
          caller,
        );
        referralCreated = true;
      }
      const [row] = await manager.query(
        `INSERT INTO care_contact (person_id, site_id, date, kind, outcome, recorded_by, organisation, referral_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [c.personId, c.siteId, c.date, input.kind, c.outcome, caller.sub, caller.org, referralId],
      );
      if (input.kind === CareContactKind.MEDICAL_INTAKE) await social.medicalIntakeDone(c.personId, c.date);
      return row.id as string;
    }),
  );
  return { id, referralCreated };
}
