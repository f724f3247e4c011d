import { RetentionDeclaration } from "@reception-graph/kit";

/** Where care keeps each category's data, and the date its retention period runs from (see the README). */
export const careRetention: RetentionDeclaration[] = [
  {
    category: "HEALTH",
    table: "care_contact",
    dateColumn: "date",
    description: "health contacts, from the contact",
  },
  {
    category: "HEALTH",
    table: "support_plan",
    dateColumn: "updated_at",
    description: "MHPSS plans, from their last change",
  },
  {
    category: "HEALTH",
    table: "legal_session",
    dateColumn: "created_at",
    description: "individual legal advice sessions, from when they were recorded",
  },
  {
    category: "REFERRAL",
    table: "referral",
    dateColumn: "updated_at",
    description: "referrals, from their last change of status",
  },
  {
    category: "PROTECTION",
    table: "incident",
    dateColumn: "occurred_on",
    description: "incident reports, from the incident",
  },
  {
    category: "PROTECTION",
    table: "living_conditions_survey",
    dateColumn: "answered_on",
    description: "living-conditions answers, from the answer",
  },
  {
    category: "ANONYMOUS_FEEDBACK",
    table: "feedback",
    dateColumn: "received_on",
    description: "feedback, from its receipt",
  },
];
