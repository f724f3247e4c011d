import { RetentionDeclaration } from "@reception-graph/kit";

/** Where social keeps each category's data, and the date its retention period runs from (see the README). */
export const socialRetention: RetentionDeclaration[] = [
  {
    category: "IDENTITY_BASIC",
    table: "person",
    dateColumn: "registered_at",
    description: "people, from their registration with the cell",
  },
  {
    category: "SOCIAL_FINANCIAL",
    table: "case_file",
    dateColumn: "ended_on",
    description: "closed case files, from their end",
  },
  {
    category: "SOCIAL_FINANCIAL",
    table: "support_decision",
    dateColumn: "end_date",
    description: "support decisions that ended, from their last day",
  },
  {
    category: "SOCIAL_FINANCIAL",
    table: "support_payment",
    dateColumn: "paid_on",
    description: "support payments, from the payment",
  },
  {
    category: "SOCIAL_FINANCIAL",
    table: "reimbursement_claim",
    dateColumn: "decided_on",
    description: "decided reimbursement claims, from the decision",
  },
];
