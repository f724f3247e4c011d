import { DateScalar, Personal } from "@reception-graph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum DutchLevel {
  A1 = "A1",
  A2 = "A2",
  B1 = "B1",
  B2 = "B2",
}
registerEnumType(DutchLevel, {
  name: "DutchLevel",
  description: "Level of a Dutch course (CEFR): A1, A2, B1, B2.",
  valuesConfig: {
    A1: { description: "Level A1 (beginner)." },
    A2: { description: "Level A2 (elementary)." },
    B1: { description: "Level B1 (intermediate)." },
    B2: { description: "Level B2 (upper intermediate)." },
  },
});

export enum DutchCourseStatus {
  PLANNED = "PLANNED",
  ONGOING = "ONGOING",
  COMPLETED = "COMPLETED",
  DROPPED = "DROPPED",
}
registerEnumType(DutchCourseStatus, {
  name: "DutchCourseStatus",
  description: "PLANNED → ONGOING → COMPLETED; PLANNED or ONGOING → DROPPED. COMPLETED and DROPPED are final.",
  valuesConfig: {
    PLANNED: { description: "Enrolled; the course has not started." },
    ONGOING: { description: "The course is under way." },
    COMPLETED: { description: "The course was finished; final." },
    DROPPED: { description: "The adult stopped the course; final." },
  },
});

export enum IntegrationStatus {
  REFERRED = "REFERRED",
  STARTED = "STARTED",
  COMPLETED = "COMPLETED",
  EXEMPT = "EXEMPT",
}
registerEnumType(IntegrationStatus, {
  name: "IntegrationStatus",
  description:
    "Integration programme (inburgering): REFERRED → STARTED → COMPLETED; REFERRED → EXEMPT. COMPLETED and " +
    "EXEMPT are final.",
  valuesConfig: {
    REFERRED: { description: "Referred to the integration programme." },
    STARTED: { description: "The programme has started." },
    COMPLETED: { description: "The programme was completed; final." },
    EXEMPT: { description: "Exempt from the programme; final." },
  },
});

const personOf = (r: { personId: string }) => r.personId;

@ObjectType({ description: "An adult's course of Dutch as a second language (NT2) with a provider." })
@Entity({ name: "dutch_course" })
@Personal("EDUCATION", { person: personOf })
export class DutchCourse {
  @Field(() => ID, { description: "Identifier of the course enrolment." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Field(() => DutchLevel, { description: "The course's level on the European scale (A1 to B2)." })
  @Column({ type: "text" })
  level: DutchLevel;

  @Field({ description: "Who gives the course, e.g. the Huis van het Nederlands or a CVO." })
  @Column({ type: "text" })
  provider: string;

  @Field(() => DateScalar, { description: "First day of the course." })
  @Column({ name: "start_date", type: "date" })
  startDate: string;

  @Field(() => DateScalar, { nullable: true, description: "Last course day (planned, or when it ended)." })
  @Column({ name: "end_date", type: "date", nullable: true })
  endDate: string | null;

  @Field(() => DutchCourseStatus, { description: "Where the course stands." })
  @Column({ type: "text" })
  status: DutchCourseStatus;

  @Column({ name: "created_by", type: "text" })
  createdBy: string;

  @Field({ description: "When the course enrolment was recorded." })
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field({ description: "When it last changed." })
  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}

@ObjectType({ description: "One step of an integration programme: the status reached and its day." })
@Entity({ name: "integration_programme_event" })
@Personal("EDUCATION", { person: (e: { personId?: string }) => e.personId ?? null })
export class IntegrationProgrammeEvent {
  @Field(() => ID, { description: "Identifier of the step." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "programme_id", type: "uuid" })
  programmeId: string;

  /** Filled by the loader from the programme (who the step is about). */
  personId?: string;

  @Field(() => IntegrationStatus, { description: "The status the step brought the programme to." })
  @Column({ type: "text" })
  status: IntegrationStatus;

  @Field(() => DateScalar, { description: "Day of the step (referral, start, completion, exemption)." })
  @Column({ type: "date" })
  date: string;

  @Field(() => String, { description: "Free text recorded with the step.", nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Field({ description: "When the step was recorded." })
  @Column({ name: "recorded_at", type: "timestamptz" })
  recordedAt: Date;

  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;
}

@ObjectType({
  description: "An adult's integration programme (inburgering) with the Agentschap Integratie & Inburgering.",
})
@Entity({ name: "integration_programme" })
@Personal("EDUCATION", { person: personOf })
export class IntegrationProgramme {
  @Field(() => ID, { description: "Identifier of the programme record." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Field(() => IntegrationStatus, { description: "Where the programme stands now." })
  @Column({ type: "text" })
  status: IntegrationStatus;

  @Field(() => DateScalar, { description: "Day the current status was reached." })
  @Column({ name: "status_date", type: "date" })
  statusDate: string;

  @Column({ name: "created_by", type: "text" })
  createdBy: string;

  @Field({ description: "When the programme was first recorded." })
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
