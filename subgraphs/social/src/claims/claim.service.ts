import { assertMonth, assertUuid, badInput, conflict, notFound, once, requireText } from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { pastOrToday } from "../shared/dates";
import { ClaimStatus, ReimbursementClaim } from "./claim.entity";
import { CreateReimbursementClaimInput, UpdateReimbursementClaimInput } from "./claim.inputs";

/** Payments no claim covers, except rejected claims (their payments may be claimed again). */
export const UNCLAIMED = `NOT EXISTS (
  SELECT 1 FROM reimbursement_claim_payment cp JOIN reimbursement_claim c ON c.id = cp.claim_id
  WHERE cp.payment_id = p.id AND c.status <> 'REJECTED')`;

const NEXT: Record<ClaimStatus, ClaimStatus[]> = {
  TO_SUBMIT: [ClaimStatus.SUBMITTED],
  SUBMITTED: [ClaimStatus.ACCEPTED, ClaimStatus.REJECTED],
  ACCEPTED: [],
  REJECTED: [],
};

export async function createClaim(db: EntityManager, input: CreateReimbursementClaimInput, by: string) {
  const decisionId = assertUuid(input.supportDecisionId, "input.supportDecisionId");
  const fromMonth = assertMonth(input.fromMonth, "input.fromMonth");
  const toMonth = assertMonth(input.toMonth, "input.toMonth");
  if (toMonth < fromMonth) throw badInput("input.toMonth", `toMonth ${toMonth} is before fromMonth ${fromMonth}.`);
  return db.transaction(async (m) => {
    const { id } = await once(
      m,
      { subject: by, operation: "createReimbursementClaim" },
      input.idempotencyKey,
      input,
      async () => {
        // Locking the decision serialises claims on it; the next statement then sees every committed claim.
        const [decision] = await m.query(`SELECT id FROM support_decision WHERE id = $1 FOR UPDATE`, [decisionId]);
        if (!decision) throw notFound("Support decision", decisionId);
        const payments: { id: string; amount: number }[] = await m.query(
          `SELECT p.id, p.amount FROM support_payment p
         WHERE p.support_decision_id = $1 AND p.month BETWEEN $2 AND $3 AND ${UNCLAIMED}`,
          [decisionId, fromMonth, toMonth],
        );
        if (!payments.length) {
          throw badInput(
            "input.fromMonth",
            `Decision ${decisionId} has no unclaimed payments between ${fromMonth} and ${toMonth}.`,
          );
        }
        const total = Math.round(payments.reduce((sum, p) => sum + p.amount, 0) * 100) / 100;
        const claim = await m.getRepository(ReimbursementClaim).save(
          m.create(ReimbursementClaim, {
            supportDecisionId: decisionId,
            fromMonth,
            toMonth,
            claimedAmount: total,
            status: ClaimStatus.TO_SUBMIT,
            createdBy: by,
          }),
        );
        await m.query(`INSERT INTO reimbursement_claim_payment (claim_id, payment_id) SELECT $1, unnest($2::uuid[])`, [
          claim.id,
          payments.map((p) => p.id),
        ]);
        return claim.id;
      },
    );
    return id;
  });
}

export async function updateClaim(db: EntityManager, input: UpdateReimbursementClaimInput): Promise<string> {
  const id = assertUuid(input.claimId, "input.claimId");
  const date = pastOrToday(input.date, "input.date");
  const reference = input.reference ? requireText(input.reference, "input.reference", 100) : null;
  const note = input.note ? requireText(input.note, "input.note", 2000) : null;
  await db.transaction(async (m) => {
    const repo = m.getRepository(ReimbursementClaim);
    const claim = await repo.createQueryBuilder("c").setLock("pessimistic_write").where("c.id = :id", { id }).getOne();
    if (!claim) throw notFound("Reimbursement claim", id);
    if (!NEXT[claim.status].includes(input.status)) {
      throw conflict(
        `Claim ${id} is ${claim.status}; it can go to ${NEXT[claim.status].join(" or ") || "no other status"}, not ${input.status}.`,
      );
    }
    if (input.acceptedAmount != null) {
      if (input.status !== ClaimStatus.ACCEPTED)
        throw badInput("input.acceptedAmount", "acceptedAmount is only given when the claim is ACCEPTED.");
      if (!(input.acceptedAmount >= 0 && input.acceptedAmount <= claim.claimedAmount))
        throw badInput(
          "input.acceptedAmount",
          `acceptedAmount ${input.acceptedAmount} must be between 0 and the claimed ${claim.claimedAmount}.`,
        );
    }
    if (input.status !== ClaimStatus.SUBMITTED && claim.submittedOn && date < claim.submittedOn)
      throw badInput("input.date", `date ${date} is before the claim was submitted (${claim.submittedOn}).`);
    claim.status = input.status;
    if (input.status === ClaimStatus.SUBMITTED) claim.submittedOn = date;
    else claim.decidedOn = date;
    if (input.status === ClaimStatus.ACCEPTED) claim.acceptedAmount = input.acceptedAmount ?? claim.claimedAmount;
    if (reference) claim.reference = reference;
    if (note) claim.note = note;
    await repo.save(claim);
  });
  return id;
}
