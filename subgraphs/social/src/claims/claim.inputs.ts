import { DateScalar } from "@reception-graph/kit";
import { Field, Float, ID, InputType } from "type-graphql";
import { ClaimStatus } from "./claim.entity";

@InputType({ description: "Claims the unclaimed payments of one support decision between two months (inclusive)." })
export class CreateReimbursementClaimInput {
  @Field(() => ID)
  supportDecisionId: string;

  @Field({ description: '"YYYY-MM"' })
  fromMonth: string;

  @Field({ description: '"YYYY-MM"' })
  toMonth: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType({ description: "Moves a claim on: SUBMITTED, then ACCEPTED or REJECTED." })
export class UpdateReimbursementClaimInput {
  @Field(() => ID)
  claimId: string;

  @Field(() => ClaimStatus)
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

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "Filters for the claim list." })
export class ReimbursementClaimFilter {
  @Field(() => ClaimStatus, { nullable: true })
  status?: ClaimStatus | null;

  @Field(() => ID, { nullable: true })
  supportDecisionId?: string | null;
}
