import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { DutchCourseStatus, DutchLevel, IntegrationStatus } from "./adult.entity";

@InputType({ description: "An adult's enrolment in a Dutch course (NT2)." })
export class EnrolInDutchCourseInput {
  @Field(() => ID, { description: "The adult (18 or older on the start date; asked of social)." })
  personId: string;

  @Field(() => DutchLevel, { description: "The course's level." })
  level: DutchLevel;

  @Field({ description: "Who gives the course (1–120 characters)." })
  provider: string;

  @Field(() => DateScalar, { description: "First course day." })
  startDate: string;

  @Field(() => DateScalar, { nullable: true, description: "Last course day, planned; not before startDate." })
  endDate?: string | null;

  @Field(() => DutchCourseStatus, { nullable: true, description: "PLANNED (default) or ONGOING." })
  status?: DutchCourseStatus | null;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second course.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "A change to a Dutch course: its status, end date or provider." })
export class UpdateDutchCourseInput {
  @Field(() => ID, { description: "The course enrolment to update." })
  courseId: string;

  @Field(() => DutchCourseStatus, {
    nullable: true,
    description: "PLANNED → ONGOING → COMPLETED; PLANNED or ONGOING → DROPPED; others are CONFLICT.",
  })
  status?: DutchCourseStatus | null;

  @Field(() => DateScalar, { nullable: true, description: "Last course day; not before the start." })
  endDate?: string | null;

  @Field(() => String, { description: "The new provider; omit to leave unchanged.", nullable: true })
  provider?: string | null;
}

@InputType({ description: "A step of an adult's integration programme (inburgering)." })
export class RecordIntegrationStepInput {
  @Field(() => ID, { description: "The adult (18 or older on the day; asked of social)." })
  personId: string;

  @Field(() => IntegrationStatus, {
    description: "REFERRED or EXEMPT first; then STARTED, COMPLETED in order. Another step is CONFLICT.",
  })
  status: IntegrationStatus;

  @Field(() => DateScalar, { description: "Day of the step; not in the future, not before the previous step." })
  date: string;

  @Field(() => String, { nullable: true, description: "A short note (1–500 characters), no personal details." })
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a CONFLICT.",
  })
  idempotencyKey?: string | null;
}
