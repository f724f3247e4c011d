import { Field, ID, InputType } from "type-graphql";
import { BookingStatus } from "./interpreter.entity";

@InputType({ description: "An interpreter available to the cell." })
export class RegisterInterpreterInput {
  @Field({ description: "The interpreter's name." })
  name: string;

  @Field({ description: "The organisation the interpreter works for." })
  organisation: string;

  @Field(() => [String], { description: 'ISO 639-1 codes, e.g. ["uk", "ru"].' })
  languages: string[];

  @Field(() => String, {
    description:
      "A key of your choosing (at most 200 characters) that makes a retry safe: the same input sent again with the same key returns the first result instead of creating a second; the same key with a different input is refused.",
    nullable: true,
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Books an interpreter; CONFLICT when the interpreter is already booked at that time." })
export class BookInterpreterInput {
  @Field(() => ID, { description: "The interpreter to book." })
  interpreterId: string;

  @Field(() => ID, { description: "The case file the conversation is for." })
  caseFileId: string;

  @Field({ description: "ISO 639-1 code; the interpreter must speak it." })
  language: string;

  @Field(() => Date, { description: "When the booking starts." })
  startsAt: Date;

  @Field(() => Date, { description: "When the booking ends; after startsAt." })
  endsAt: Date;

  @Field({ description: 'What the interpreter is needed for, e.g. "intake interview".' })
  purpose: string;

  @Field(() => String, {
    description:
      "A key of your choosing (at most 200 characters) that makes a retry safe: the same input sent again with the same key returns the first result instead of creating a second; the same key with a different input is refused.",
    nullable: true,
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Marks a booking as DONE or CANCELLED." })
export class SetInterpreterBookingStatusInput {
  @Field(() => ID, { description: "The booking to update." })
  bookingId: string;

  @Field(() => BookingStatus, { description: "The booking's new status." })
  status: BookingStatus;
}
