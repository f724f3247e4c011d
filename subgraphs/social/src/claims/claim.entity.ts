import { DateScalar, Personal } from "@reception-graph/kit";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum ClaimStatus {
  TO_SUBMIT = "TO_SUBMIT",
  SUBMITTED = "SUBMITTED",
  ACCEPTED = "ACCEPTED",
  REJECTED = "REJECTED",
}
registerEnumType(ClaimStatus, {
  name: "ClaimStatus",
  description:
    "TO_SUBMIT → SUBMITTED (to POD MI) → ACCEPTED or REJECTED. The payments of a rejected claim can be claimed again.",
  valuesConfig: {
    TO_SUBMIT: { description: "Prepared, not yet sent to POD MI." },
    SUBMITTED: { description: "Sent to POD MI, awaiting its answer." },
    ACCEPTED: { description: "Accepted by POD MI." },
    REJECTED: { description: "Rejected by POD MI; its payments can be claimed again." },
  },
});

@ObjectType({
  description:
    "A claim for federal reimbursement (POD Maatschappelijke Integratie) of the support paid on one decision over a period.",
})
@Entity({ name: "reimbursement_claim" })
@Personal("SOCIAL_FINANCIAL")
export class ReimbursementClaim {
  @Field(() => ID, { description: "Identifier of the claim." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "support_decision_id", type: "uuid" })
  supportDecisionId: string;

  @Field({ description: 'First month covered, "YYYY-MM".' })
  @Column({ name: "from_month", type: "text" })
  fromMonth: string;

  @Field({ description: 'Last month covered, "YYYY-MM".' })
  @Column({ name: "to_month", type: "text" })
  toMonth: string;

  @Field(() => Float, { description: "Sum of the payments in the claim, in euro." })
  @Column({ name: "claimed_amount", type: "numeric" })
  claimedAmount: number;

  @Field(() => Float, { nullable: true, description: "Amount the federal service accepted." })
  @Column({ name: "accepted_amount", type: "numeric", nullable: true })
  acceptedAmount: number | null;

  @Field(() => ClaimStatus, { description: "Where the claim stands with POD MI." })
  @Column({ type: "text" })
  status: ClaimStatus;

  @Field(() => DateScalar, { description: "Day the claim was sent to POD MI; null before.", nullable: true })
  @Column({ name: "submitted_on", type: "date", nullable: true })
  submittedOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Day accepted or rejected." })
  @Column({ name: "decided_on", type: "date", nullable: true })
  decidedOn: string | null;

  @Field(() => String, { nullable: true, description: "Reference of the claim at the federal service." })
  @Column({ type: "text", nullable: true })
  reference: string | null;

  @Field(() => String, { description: "Free text, e.g. why POD MI rejected it.", nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Column({ name: "created_by", type: "text" })
  createdBy: string;

  @Field({ description: "When the claim was created." })
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;
}

/** Support paid on one decision that no claim (other than a rejected one) covers yet. */
@ObjectType({ description: "Support paid on one decision and not yet claimed from the federal service." })
@Personal("SOCIAL_FINANCIAL")
export class UnclaimedSupport {
  supportDecisionId: string;

  @Field({ description: 'Earliest unclaimed month, "YYYY-MM".' })
  fromMonth: string;

  @Field({ description: 'Latest unclaimed month, "YYYY-MM".' })
  toMonth: string;

  @Field(() => Int, { description: "Number of unclaimed monthly payments." })
  payments: number;

  @Field(() => Float, { description: "Sum of the unclaimed payments, in euro." })
  amount: number;
}
