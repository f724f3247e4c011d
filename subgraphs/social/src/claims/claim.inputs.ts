import { DateScalar } from "@reception-graph/kit";
import { Field, Float, ID, InputType } from "type-graphql";
import { ClaimStatus } from "./claim.entity";

@InputType({ description: "Claims the unclaimed payments of one support decision between two months (inclusive)." })
export class CreateReimbursementClaimInput {
  @Field(() => ID, { description: "The support decision whose payments are claimed back." })
  supportDecisionId: string;

  @Field({ description: '"YYYY-MM"' })
  fromMonth: string;

  @Field({ description: '"YYYY-MM"' })
  toMonth: string;

  @Field(() => String, {
    description:
      "A key of your choosing (at most 200 characters) that makes a retry safe: the same input sent again with the same key returns the first result instead of creating a second; the same key with a different input is refused.",
    nullable: true,
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Moves a claim on: SUBMITTED, then ACCEPTED or REJECTED." })
export class UpdateReimbursementClaimInput {
  @Field(() => ID, { description: "The claim to update." })
  claimId: string;

  @Field(() => ClaimStatus, { description: "The claim's new status." })
  status: ClaimStatus;

  @Field(() => DateScalar, { nullable: true, description: "Day of the change; today when omitted." })
  date?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: "ACCEPTED: the amount accepted; the claimed amount when omitted.",
  })
  acceptedAmount?: number | null;

  @Field(() => String, { nullable: true, description: "Reference at the federal service." })
  reference?: string | null;

  @Field(() => String, { description: "Free text, e.g. POD MI's reason for a rejection.", nullable: true })
  note?: string | null;
}

@InputType({ description: "Filters for the claim list." })
export class ReimbursementClaimFilter {
  @Field(() => ClaimStatus, { description: "Only claims with this status.", nullable: true })
  status?: ClaimStatus | null;

  @Field(() => ID, { description: "Only the claims for this support decision.", nullable: true })
  supportDecisionId?: string | null;
}
