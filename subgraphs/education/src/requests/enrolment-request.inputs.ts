import { Field, ID, InputType } from "type-graphql";
import { Programme } from "../enrolments/enrolment.entity";

@InputType({ description: "Hands a child over to a school: asks that school to enrol them." })
export class RequestEnrolmentInput {
  @Field(() => ID, { description: "The child to enrol." })
  personId: string;

  @Field(() => ID, {
    description: "The school asked to enrol the child; its staff may then see, assess and enrol them.",
  })
  schoolId: string;

  @Field(() => Programme, {
    nullable: true,
    description: "The programme suggested, if any (OKAN only at an OKAN school).",
  })
  programme?: Programme | null;

  @Field(() => String, {
    nullable: true,
    description: "A note for the school, at most 500 characters; no health or case details.",
  })
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second request.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Takes back an open enrolment request; the school no longer sees the child through it." })
export class WithdrawEnrolmentRequestInput {
  @Field(() => ID, { description: "The request to withdraw." })
  requestId: string;
}
