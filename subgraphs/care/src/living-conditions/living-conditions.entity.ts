import { DateScalar, Personal } from "@reception-graph/kit";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum LivingConditionsAnswer {
  IMPROVED = "IMPROVED",
  NOT_IMPROVED = "NOT_IMPROVED",
  NO_ANSWER = "NO_ANSWER",
}
registerEnumType(LivingConditionsAnswer, {
  name: "LivingConditionsAnswer",
  description: "Whether the person says their living conditions improved; NO_ANSWER when they did not say.",
  valuesConfig: {
    IMPROVED: { description: "The person says their living conditions improved." },
    NOT_IMPROVED: { description: "The person says they did not improve." },
    NO_ANSWER: { description: "The person did not say." },
  },
});

@ObjectType({
  description:
    "A resident's answer to the living-conditions survey (protection monitoring: have your living conditions improved?).",
})
@Entity({ name: "living_conditions_survey" })
@Personal("PROTECTION", { person: (r: SurveyResponse) => r.personId })
export class SurveyResponse {
  @Field(() => ID, { description: "Identifier of the response." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Field(() => ID, { description: "The site (housing's ID) the person lived at when asked." })
  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field(() => DateScalar, { description: "Day the person was asked." })
  @Column({ name: "answered_on", type: "date" })
  answeredOn: string;

  @Field(() => LivingConditionsAnswer, { description: "Whether the person said their living conditions improved." })
  @Column({ type: "text" })
  answer: LivingConditionsAnswer;

  @Field({ description: "Who asked (the user's subject)." })
  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;

  @Field({ description: "Organisation of who asked." })
  @Column({ name: "recorded_by_organisation", type: "text" })
  recordedByOrganisation: string;

  @Field({ description: "When it was recorded." })
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}

@ObjectType({
  description:
    "Outcome 1 of the results matrix: of the residents asked in a period (each counted by their latest answer in it), " +
    "how many say their living conditions improved. Counts that could single out fewer than 5 people are suppressed.",
})
@Personal("AGGREGATES")
export class LivingConditionsIndicator {
  @Field(() => Int, { nullable: true, description: "Residents whose latest answer is IMPROVED (numerator)." })
  improved: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Residents whose latest answer is IMPROVED or NOT_IMPROVED (denominator).",
  })
  answered: number | null;

  @Field(() => Float, { nullable: true, description: "improved / answered × 100, one decimal." })
  percentage: number | null;

  @Field({
    description:
      "True when improved, answered or answered − improved is between 1 and 4: the counts are then withheld (null).",
  })
  suppressed: boolean;
}
