import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType, Int } from "type-graphql";
import { Programme } from "../enrolments/enrolment.entity";

@InputType({ description: "The assessment of a child's schooling on arrival." })
export class RecordEducationAssessmentInput {
  @Field(() => ID, { description: "The child assessed." })
  personId: string;

  @Field(() => Int, { description: "Years of school completed before arrival (0-15)." })
  priorSchoolingYears: number;

  @Field(() => String, { nullable: true, description: 'Last grade attended, e.g. "7th grade (7 клас)".' })
  lastGrade?: string | null;

  @Field(() => [String], { description: 'Languages, ISO 639-1 codes such as "uk", "ru".' })
  languages: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the child speaks Dutch well enough for regular secondary (default false).",
  })
  speaksDutch?: boolean | null;

  @Field(() => Programme, {
    nullable: true,
    description:
      "The assessor's level. Left out, or equal to the proposal (from age and Dutch), the proposal is kept; " +
      "another level is an override and needs overrideReason.",
  })
  recommendedLevel?: Programme | null;

  @Field(() => String, { nullable: true, description: "Why the level differs from the proposal (1–500 characters)." })
  overrideReason?: string | null;

  @Field(() => DateScalar, { description: "Day of the assessment; not in the future." })
  date: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The school making the assessment (one of yours). The child must be a pupil of one of your schools or " +
      "handed over to one of them by an open enrolment request; naming a school here is not enough.",
  })
  schoolId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second assessment.",
  })
  idempotencyKey?: string | null;
}
