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
});

@ObjectType({ description: "An interpreter the cell books (e.g. through Agentschap Integratie & Inburgering)." })
@Entity({ name: "interpreter" })
@NotPersonal("an interpreter the cell books: a service provider, not a person served")
export class Interpreter {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field()
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
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "interpreter_id", type: "uuid" })
  interpreterId: string;

  @Column({ name: "case_file_id", type: "uuid" })
  caseFileId: string;

  @Field({ description: "ISO 639-1 code of the language interpreted." })
  @Column({ type: "text" })
  language: string;

  @Field()
  @Column({ name: "starts_at", type: "timestamptz" })
  startsAt: Date;

  @Field()
  @Column({ name: "ends_at", type: "timestamptz" })
  endsAt: Date;

  @Field({ description: "What the conversation is for, e.g. 'social inquiry', 'insurance registration'." })
  @Column({ type: "text" })
  purpose: string;

  @Field(() => BookingStatus)
  @Column({ type: "text" })
  status: BookingStatus;

  @Column({ name: "booked_by", type: "text" })
  bookedBy: string;
}
