import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { SupportPayment } from "../support/support.entity";
import { ReimbursementClaim } from "./claim.entity";

/** Reimbursement claim loaders of one request (per request). */
export function createClaimLoaders(dataSource: DataSource) {
  return {
    claimById: new DataLoader<string, ReimbursementClaim | null>(async (ids) =>
      indexBy(ids, await findIn(dataSource, ReimbursementClaim, "id", ids.filter(isUuid)), (c) => c.id),
    ),
    claimsByDecision: new DataLoader<string, ReimbursementClaim[]>(async (ids) => {
      const rows = await findIn(dataSource, ReimbursementClaim, "supportDecisionId", ids.filter(isUuid), {
        order: { fromMonth: "ASC", createdAt: "ASC" },
      });
      return groupBy(ids, rows, (c) => c.supportDecisionId);
    }),
    paymentsByClaim: new DataLoader<string, SupportPayment[]>(async (ids) => {
      const rows: (SupportPayment & { claimId: string })[] = await dataSource.query(
        `SELECT cp.claim_id AS "claimId", p.id, p.support_decision_id AS "supportDecisionId", p.month, p.amount,
                p.paid_on AS "paidOn", p.recorded_by AS "recordedBy"
         FROM reimbursement_claim_payment cp JOIN support_payment p ON p.id = cp.payment_id
         WHERE cp.claim_id = ANY($1::uuid[]) ORDER BY p.month`,
        [ids.filter(isUuid)],
      );
      return groupBy(ids, rows, (p) => p.claimId);
    }),
  };
}
