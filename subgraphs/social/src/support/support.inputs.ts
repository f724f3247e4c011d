import { DateScalar } from "@reception-graph/kit";
import { Field, Float, ID, InputType } from "type-graphql";
import { SupportCategory } from "./support.entity";

@InputType({
  description: "Decides living-wage-equivalent support; the amount comes from the rate in force on startDate.",
})
export class DecideSupportInput {
  @Field(() => ID, { description: "The person granted support." })
  personId: string;

  @Field(() => SupportCategory, { description: "The living-wage category granted." })
  category: SupportCategory;

  @Field(() => DateScalar, { description: "First day the support applies." })
  startDate: string;

  @Field(() => String, {
    description:
      "A key of your choosing (at most 200 characters) that makes a retry safe: the same input sent again with the same key returns the first result instead of creating a second; the same key with a different input is refused.",
    nullable: true,
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Records the support paid for one month." })
export class RecordSupportPaymentInput {
  @Field(() => ID, { description: "The support decision the payment is made under." })
  supportDecisionId: string;

  @Field({ description: 'The month paid for, "YYYY-MM".' })
  month: string;

  @Field(() => Float, { nullable: true, description: "Amount paid; the decision's monthly amount when omitted." })
  amount?: number | null;

  @Field(() => DateScalar, { nullable: true, description: "Day paid; today when omitted." })
  paidOn?: string | null;

  @Field(() => String, {
    description:
      "A key of your choosing (at most 200 characters) that makes a retry safe: the same input sent again with the same key returns the first result instead of creating a second; the same key with a different input is refused.",
    nullable: true,
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "A new amount of the equivalent living wage for one category (after an indexation)." })
export class AddLivingWageRateInput {
  @Field(() => SupportCategory, { description: "The living-wage category the amount applies to." })
  category: SupportCategory;

  @Field(() => DateScalar, { description: "First day the amount applies." })
  effectiveFrom: string;

  @Field(() => Float, { description: "Monthly amount in euro." })
  monthlyAmount: number;
}
