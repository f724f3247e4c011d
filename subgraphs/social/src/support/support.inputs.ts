import { DateScalar } from "@reception-graph/kit";
import { Field, Float, ID, InputType } from "type-graphql";
import { SupportCategory } from "./support.entity";

@InputType({
  description: "Decides living-wage-equivalent support; the amount comes from the rate in force on startDate.",
})
export class DecideSupportInput {
  @Field(() => ID)
  personId: string;

  @Field(() => SupportCategory)
  category: SupportCategory;

  @Field(() => DateScalar)
  startDate: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType({ description: "Records the support paid for one month." })
export class RecordSupportPaymentInput {
  @Field(() => ID)
  supportDecisionId: string;

  @Field({ description: 'The month paid for, "YYYY-MM".' })
  month: string;

  @Field(() => Float, { nullable: true, description: "Amount paid; the decision's monthly amount when omitted." })
  amount?: number | null;

  @Field(() => DateScalar, { nullable: true, description: "Day paid; today when omitted." })
  paidOn?: string | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType({ description: "A new amount of the equivalent living wage for one category (after an indexation)." })
export class AddLivingWageRateInput {
  @Field(() => SupportCategory)
  category: SupportCategory;

  @Field(() => DateScalar)
  effectiveFrom: string;

  @Field(() => Float, { description: "Monthly amount in euro." })
  monthlyAmount: number;
}
