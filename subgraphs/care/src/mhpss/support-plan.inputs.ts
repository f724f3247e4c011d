import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { SupportPlanStatus, SupportSessionKind } from "./support-plan.entity";

@InputType({ description: "A support session to add to the plan." })
export class SupportSessionInput {
  @Field(() => DateScalar, { description: "Day of the session; not in the future." })
  date: string;

  @Field(() => SupportSessionKind, { description: "Individual or group session." })
  kind: SupportSessionKind;

  @Field({ description: "True when the person came." })
  attended: boolean;
}

@InputType({
  description:
    "Creates the person's plan (goals needed) or changes it: new goals replace the old ones, a new status, " +
    "sessions added. Every change is kept in the plan's history.",
})
export class UpdateSupportPlanInput {
  @Field(() => ID, {
    description: "The person whose plan changes; give goals to create the plan when there is none yet.",
  })
  personId: string;

  @Field(() => [String], { nullable: true, description: "The plan's goals (replace the current ones); 1 to 20." })
  goals?: string[] | null;

  @Field(() => SupportPlanStatus, { nullable: true, description: "ACTIVE for a new plan when omitted." })
  status?: SupportPlanStatus | null;

  @Field(() => [SupportSessionInput], { nullable: true, description: "Sessions to add (at most 50 per call)." })
  sessions?: SupportSessionInput[] | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to apply it only once." })
  idempotencyKey?: string | null;
}
