import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType, Int } from "type-graphql";
import { Programme } from "../enrolments/enrolment.entity";

@InputType({ description: "The assessment of a child's schooling on arrival." })
export class RecordEducationAssessmentInput {
  @Field(() => ID)
  personId: string;

  @Field(() => Int, { description: "Years of school completed before arrival (0-15)." })
  priorSchoolingYears: number;

  @Field(() => String, { nullable: true, description: 'Last grade attended, e.g. "7th grade (7 клас)".' })
  lastGrade?: string | null;

  @Field(() => [String], { description: 'Languages, ISO 639-1 codes such as "uk", "ru".' })
  languages: string[];

  @Field(() => Programme, { description: "The programme the child is best started in." })
  recommendedLevel: Programme;

  @Field(() => DateScalar, { description: "Day of the assessment; not in the future." })
  date: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The school making the assessment. School staff may assess children of their own school, or name one " +
      "of their schools here for a child not enrolled yet.",
  })
  schoolId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second assessment.",
  })
  idempotencyKey?: string | null;
}
