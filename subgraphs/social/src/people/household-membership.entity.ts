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
  valuesConfig: {
    REGISTERED: { description: "Registered with the household when it was registered." },
    BIRTH: { description: "Born into the household." },
    ARRIVAL: { description: "Joined the household later." },
    DEPARTURE: { description: "Left the household." },
  },
});

@ObjectType({ description: "A change in who belongs to a household, with the day and who recorded it." })
@Entity({ name: "household_membership_event" })
@Personal("IDENTITY_BASIC", { person: (e: { personId: string }) => e.personId })
export class HouseholdMembershipEvent {
  @Field(() => ID, { description: "Identifier of the event." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** Order of recording (steps of one transaction share their time). */
  @Column({ type: "bigint", insert: false, update: false, select: false })
  seq?: number;

  @Column({ name: "household_id", type: "uuid" })
  householdId: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Field(() => MembershipChange, { description: "How the person joined or left the household." })
  @Column({ type: "text" })
  kind: MembershipChange;

  @Field(() => DateScalar, { description: "Day of the change." })
  @Column({ type: "date" })
  date: string;

  @Field(() => String, { description: "Free text recorded with the change.", nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Field({ description: "Login subject of who recorded it." })
  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;

  @Field({ description: "When the change was recorded in the system." })
  @Column({ name: "recorded_at", type: "timestamptz", default: () => "now()" })
  recordedAt: Date;
}
