import { DateScalar, Personal } from "@reception-graph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum MembershipChange {
  REGISTERED = "REGISTERED",
  BIRTH = "BIRTH",
  ARRIVAL = "ARRIVAL",
  DEPARTURE = "DEPARTURE",
}
registerEnumType(MembershipChange, {
  name: "MembershipChange",
  description:
    "How a person joined or left a household: REGISTERED with it, BIRTH, ARRIVAL of a member later, DEPARTURE.",
});

@ObjectType({ description: "A change in who belongs to a household, with the day and who recorded it." })
@Entity({ name: "household_membership_event" })
@Personal("IDENTITY_BASIC", { person: (e: { personId: string }) => e.personId })
export class HouseholdMembershipEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** Order of recording (steps of one transaction share their time). */
  @Column({ type: "bigint", insert: false, update: false, select: false })
  seq?: number;

  @Column({ name: "household_id", type: "uuid" })
  householdId: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Field(() => MembershipChange)
  @Column({ type: "text" })
  kind: MembershipChange;

  @Field(() => DateScalar)
  @Column({ type: "date" })
  date: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Field({ description: "Login subject of who recorded it." })
  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;

  @Field()
  @Column({ name: "recorded_at", type: "timestamptz", default: () => "now()" })
  recordedAt: Date;
}
