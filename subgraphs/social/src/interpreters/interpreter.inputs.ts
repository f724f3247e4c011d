import { Field, ID, InputType } from "type-graphql";
import { BookingStatus } from "./interpreter.entity";

@InputType({ description: "An interpreter available to the cell." })
export class RegisterInterpreterInput {
  @Field()
  name: string;

  @Field()
  organisation: string;

  @Field(() => [String], { description: 'ISO 639-1 codes, e.g. ["uk", "ru"].' })
  languages: string[];

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType({ description: "Books an interpreter; CONFLICT when the interpreter is already booked at that time." })
export class BookInterpreterInput {
  @Field(() => ID)
  interpreterId: string;

  @Field(() => ID)
  caseFileId: string;

  @Field({ description: "ISO 639-1 code; the interpreter must speak it." })
  language: string;

  @Field(() => Date)
  startsAt: Date;

  @Field(() => Date)
  endsAt: Date;

  @Field()
  purpose: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType({ description: "Marks a booking as DONE or CANCELLED." })
export class SetInterpreterBookingStatusInput {
  @Field(() => ID)
  bookingId: string;

  @Field(() => BookingStatus)
  status: BookingStatus;
}
