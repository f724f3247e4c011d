import { DateScalar, Personal } from "@reception-graph/kit";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@ObjectType({ description: "A person's stay at a site, in a bed of one room, from move-in to move-out." })
@Entity({ name: "placement" })
@Personal("HOUSING", { person: (p: { personId: string }) => p.personId })
export class Placement {
  @Field(() => ID, { description: "Identifier of the placement." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Column({ name: "household_id", type: "uuid" })
  householdId: string;

  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Column({ name: "room_id", type: "uuid" })
  roomId: string;

  @Field(() => DateScalar, { description: "Day the person moved in." })
  @Column({ name: "move_in_date", type: "date" })
  moveInDate: string;

  @Field(() => DateScalar, { nullable: true, description: "Day the person moved out; null while living there." })
  @Column({ name: "move_out_date", type: "date", nullable: true })
  moveOutDate: string | null;

  @Field(() => String, { nullable: true, description: "Why the person left (e.g. own housing found)." })
  @Column({ name: "move_out_reason", type: "text", nullable: true })
  moveOutReason: string | null;

  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;

  @Column({ name: "created_by", type: "text" })
  createdBy: string;
}

@ObjectType({
  description: "Someone left a site: the event the city is told about (who, where, when, why).",
})
@Entity({ name: "move_out" })
@Personal("HOUSING", { person: (m: { personId: string }) => m.personId })
export class MoveOut {
  @Field(() => ID, { description: "Identifier of the move-out." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "placement_id", type: "uuid" })
  placementId: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Column({ name: "household_id", type: "uuid" })
  householdId: string;

  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field(() => DateScalar, { description: "Day of the move-out." })
  @Column({ type: "date" })
  date: string;

  @Field({ description: "Reason given." })
  @Column({ type: "text" })
  reason: string;

  @Field({ description: "When the move-out was recorded." })
  @Column({ name: "recorded_at", type: "timestamptz", default: () => "now()" })
  recordedAt: Date;

  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;
}
