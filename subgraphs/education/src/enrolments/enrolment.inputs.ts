import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { Programme } from "./enrolment.entity";

@InputType({ description: "Enrols a child in a school programme; for a full OKAN class the child is waitlisted." })
export class EnrolInput {
  @Field(() => ID, { description: "The child to enrol." })
  personId: string;

  @Field(() => ID, { description: "The school." })
  schoolId: string;

  @Field(() => Programme, { description: "The programme the child enrols in." })
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
  @Field(() => ID, { description: "The enrolment that ends (at a school or on its waiting list)." })
  enrolmentId: string;

  @Field(() => DateScalar, { description: "Last school day (or the day the child left the waiting list)." })
  date: string;
}
