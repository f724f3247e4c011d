import { DateScalar, Personal } from "@reception-graph/kit";
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
  description:
    "KINDERGARTEN (kleuteronderwijs), PRIMARY (lager onderwijs), OKAN (reception class for newcomers of " +
    "secondary age) or SECONDARY (regular secondary school).",
  valuesConfig: {
    KINDERGARTEN: { description: "Kindergarten (kleuteronderwijs)." },
    PRIMARY: { description: "Primary school (lager onderwijs)." },
    OKAN: { description: "Reception class for newcomers of secondary-school age." },
    SECONDARY: { description: "Regular secondary school." },
  },
});

export enum EnrolmentStatus {
  ENROLLED = "ENROLLED",
  WAITLISTED = "WAITLISTED",
  LEFT = "LEFT",
}
registerEnumType(EnrolmentStatus, {
  name: "EnrolmentStatus",
  description:
    "ENROLLED (has a place), WAITLISTED (OKAN was full; places go first come, first served) or LEFT " +
    "(left the school or the waiting list).",
  valuesConfig: {
    ENROLLED: { description: "The child has a place." },
    WAITLISTED: { description: "On the OKAN waiting list (places go first come, first served)." },
    LEFT: { description: "Left the school or the waiting list." },
  },
});

@ObjectType({ description: "A child's enrolment in a school programme, or their place on an OKAN waiting list." })
@Directive('@key(fields: "id")')
@Entity({ name: "enrolment" })
@Personal("EDUCATION", {
  person: (e: { personId: string }) => e.personId,
  // An enrolment at the caller's own school stays theirs to read after the child left or moved on.
  ownRecord: (e: { schoolId: string }, ctx) => ctx.caller.schools.includes(e.schoolId),
})
export class Enrolment {
  @Field(() => ID, { description: "Identifier of the enrolment." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** Arrival order at the school (first come, first served). */
  @Column({ type: "bigint", insert: false, update: false })
  seq: number;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Column({ name: "school_id", type: "uuid" })
  schoolId: string;

  @Field(() => Programme, { description: "The programme the child is enrolled in." })
  @Column({ type: "text" })
  programme: Programme;

  @Field(() => EnrolmentStatus, { description: "Enrolled, on the waiting list, or left." })
  @Column({ type: "text" })
  status: EnrolmentStatus;

  @Field(() => DateScalar, {
    description: "First school day (for a waiting-list entry: the day asked for; moved on when a place frees).",
  })
  @Column({ name: "start_date", type: "date" })
  startDate: string;

  @Field(() => DateScalar, { nullable: true, description: "Last school day, once the child left." })
  @Column({ name: "end_date", type: "date", nullable: true })
  endDate: string | null;

  @Field(() => Date, { nullable: true, description: "When the child got a place (null while waitlisted)." })
  @Column({ name: "enrolled_at", type: "timestamptz", nullable: true })
  enrolledAt: Date | null;

  @Column({ name: "created_by", type: "text" })
  createdBy: string;

  @Field({ description: "When the enrolment (or waiting-list entry) was made." })
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
