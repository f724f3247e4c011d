import { DateScalar } from "@reception-graph/kit";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum Programme {
  KINDERGARTEN = "KINDERGARTEN",
  PRIMARY = "PRIMARY",
  OKAN = "OKAN",
  SECONDARY = "SECONDARY",
}
registerEnumType(Programme, {
  name: "Programme",
  description: "Kindergarten, primary, OKAN reception class or regular secondary.",
});

export enum EnrolmentStatus {
  ENROLLED = "ENROLLED",
  WAITLISTED = "WAITLISTED",
  LEFT = "LEFT",
}
registerEnumType(EnrolmentStatus, {
  name: "EnrolmentStatus",
  description: "ENROLLED, WAITLISTED (OKAN full, first come first served) or LEFT.",
});

@ObjectType({ description: "A child's enrolment in a school programme." })
@Directive('@key(fields: "id")')
@Entity({ name: "enrolment" })
export class Enrolment {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Column({ name: "school_id", type: "uuid" })
  schoolId: string;

  @Field(() => Programme)
  @Column({ type: "text" })
  programme: Programme;

  @Field(() => EnrolmentStatus)
  @Column({ type: "text" })
  status: EnrolmentStatus;

  @Field(() => DateScalar, { nullable: true, description: "First school day." })
  @Column({ name: "start_date", type: "date", nullable: true })
  startDate: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Last school day, once the child left." })
  @Column({ name: "end_date", type: "date", nullable: true })
  endDate: string | null;

  @Field({ description: "When the enrolment (or waiting-list entry) was made." })
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;
}
