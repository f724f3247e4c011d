import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { Programme } from "./enrolment.entity";

@InputType({ description: "Enrols a child in a school programme; for a full OKAN class the child is waitlisted." })
export class EnrolInput {
  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  schoolId: string;

  @Field(() => Programme)
  programme: Programme;

  @Field(() => DateScalar, { description: "First school day asked for." })
  startDate: string;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second enrolment.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "A child leaves a school (or its waiting list)." })
export class LeaveSchoolInput {
  @Field(() => ID)
  enrolmentId: string;

  @Field(() => DateScalar, { description: "Last school day (or the day the child left the waiting list)." })
  date: string;
}
