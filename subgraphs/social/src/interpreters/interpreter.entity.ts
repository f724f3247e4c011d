import { NotPersonal, Personal } from "@reception-graph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum BookingStatus {
  BOOKED = "BOOKED",
  DONE = "DONE",
  CANCELLED = "CANCELLED",
}
registerEnumType(BookingStatus, {
  name: "InterpreterBookingStatus",
  description: "BOOKED, DONE (took place) or CANCELLED (frees the interpreter's time).",
  valuesConfig: {
    BOOKED: { description: "Planned." },
    DONE: { description: "Took place." },
    CANCELLED: { description: "Cancelled; the interpreter's time is free again." },
  },
});

@ObjectType({ description: "An interpreter the cell books (e.g. through Agentschap Integratie & Inburgering)." })
@Entity({ name: "interpreter" })
@NotPersonal("an interpreter the cell books: a service provider, not a person served")
export class Interpreter {
  @Field(() => ID, { description: "Identifier of the interpreter." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "The interpreter's name." })
  @Column({ type: "text" })
  name: string;

  @Field({ description: "Organisation the interpreter works through." })
  @Column({ type: "text" })
  organisation: string;

  @Field(() => [String], { description: "ISO 639-1 codes of the languages interpreted, e.g. uk, ru." })
  @Column({ type: "text", array: true })
  languages: string[];
}

@ObjectType({ description: "An interpreter booked for a conversation on a case file." })
@Entity({ name: "interpreter_booking" })
@Personal("SOCIAL_FINANCIAL")
export class InterpreterBooking {
  @Field(() => ID, { description: "Identifier of the booking." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "interpreter_id", type: "uuid" })
  interpreterId: string;

  @Column({ name: "case_file_id", type: "uuid" })
  caseFileId: string;

  @Field({ description: "ISO 639-1 code of the language interpreted." })
  @Column({ type: "text" })
  language: string;

  @Field({ description: "When the booking starts." })
  @Column({ name: "starts_at", type: "timestamptz" })
  startsAt: Date;

  @Field({ description: "When the booking ends." })
  @Column({ name: "ends_at", type: "timestamptz" })
  endsAt: Date;

  @Field({ description: "What the conversation is for, e.g. 'social inquiry', 'insurance registration'." })
  @Column({ type: "text" })
  purpose: string;

  @Field(() => BookingStatus, { description: "Booked, done or cancelled." })
  @Column({ type: "text" })
  status: BookingStatus;

  @Column({ name: "booked_by", type: "text" })
  bookedBy: string;
}
