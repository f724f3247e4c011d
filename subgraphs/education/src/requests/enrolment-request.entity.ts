import { Personal } from "@reception-graph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Programme } from "../enrolments/enrolment.entity";

export enum EnrolmentRequestStatus {
  OPEN = "OPEN",
  FULFILLED = "FULFILLED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(EnrolmentRequestStatus, {
  name: "EnrolmentRequestStatus",
  description:
    "OPEN (the school may enrol the child), FULFILLED (the school enrolled or waitlisted the child) or " +
    "WITHDRAWN (the requester took it back).",
  valuesConfig: {
    OPEN: { description: "The school may enrol the child." },
    FULFILLED: { description: "The school enrolled or waitlisted the child." },
    WITHDRAWN: { description: "The requester took the request back." },
  },
});

export enum EnrolmentRequesterRole {
  SOCIAL_WORKER = "SOCIAL_WORKER",
  SITE_COORDINATOR = "SITE_COORDINATOR",
  CITY_EDUCATION_SERVICE = "CITY_EDUCATION_SERVICE",
}
registerEnumType(EnrolmentRequesterRole, {
  name: "EnrolmentRequesterRole",
  description:
    "Who handed the child over: an OCMW social worker, the site coordinator of the child's site, or the city's " +
    "education service.",
  valuesConfig: {
    SOCIAL_WORKER: { description: "An OCMW social worker." },
    SITE_COORDINATOR: { description: "The coordinator of the child's site." },
    CITY_EDUCATION_SERVICE: { description: "The city's education service." },
  },
});

@ObjectType({
  description:
    "A request that a school enrol a child: the hand-over of the child to that school. Only while it is OPEN may " +
    "the school's staff see the child, assess them and enrol them; enrolling fulfils it.",
})
@Entity({ name: "enrolment_request" })
@Personal("EDUCATION")
export class EnrolmentRequest {
  @Field(() => ID, { description: "Identifier of the request." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Column({ name: "school_id", type: "uuid" })
  schoolId: string;

  @Field(() => Programme, { nullable: true, description: "The programme the requester suggests, if any." })
  @Column({ type: "text", nullable: true })
  programme: Programme | null;

  @Field({ description: "Subject (user ID) of the requester." })
  @Column({ name: "requested_by", type: "text" })
  requestedBy: string;

  @Field(() => EnrolmentRequesterRole, { description: "In what role the requester handed the child over." })
  @Column({ name: "requested_by_role", type: "text" })
  requestedByRole: EnrolmentRequesterRole;

  @Field({ description: "When the request was made." })
  @Column({ name: "requested_at", type: "timestamptz" })
  requestedAt: Date;

  @Field(() => EnrolmentRequestStatus, { description: "Where the request stands." })
  @Column({ type: "text" })
  status: EnrolmentRequestStatus;

  @Field(() => String, { nullable: true, description: "A note for the school (no health or case details)." })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Column({ name: "enrolment_id", type: "uuid", nullable: true })
  enrolmentId: string | null;

  @Column({ name: "closed_by", type: "text", nullable: true })
  closedBy: string | null;

  @Field(() => Date, { nullable: true, description: "When the request was fulfilled or withdrawn." })
  @Column({ name: "closed_at", type: "timestamptz", nullable: true })
  closedAt: Date | null;
}
