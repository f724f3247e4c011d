import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { LivingConditionsAnswer } from "./living-conditions.entity";

@InputType({ description: "A resident's answer to the living-conditions survey." })
export class LivingConditionsSurveyInput {
  @Field(() => ID, { description: "The person who answered." })
  personId: string;

  @Field(() => ID, { description: "The site (housing's ID) the person lives at." })
  siteId: string;

  @Field(() => DateScalar, { description: "Day the person was asked; not in the future." })
  answeredOn: string;

  @Field(() => LivingConditionsAnswer, { description: "Whether the person says their living conditions improved." })
  answer: LivingConditionsAnswer;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second answer.",
  })
  idempotencyKey?: string | null;
}
