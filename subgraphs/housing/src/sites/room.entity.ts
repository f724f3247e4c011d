import { NotPersonal } from "@reception-graph/kit";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** Square metres each person needs at least (EUAA reception standard). */
export const MIN_FLOOR_AREA_PER_PERSON_M2 = 4;

@ObjectType({
  description:
    "A room of a site. Each person has their own bed; one room never holds two households, and never more people than beds.",
})
@Entity({ name: "room" })
@NotPersonal("a room and its beds; how many people live in it is declared on its own (Room.occupied)")
export class Room {
  @Field(() => ID, { description: "Identifier of the room." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field({ description: "Label of the room on site, e.g. 'A.12'." })
  @Column({ type: "text" })
  label: string;

  @Field(() => Int, { description: "Number of beds; at most one per 4 m² of floor area." })
  @Column({ type: "int" })
  beds: number;

  @Field(() => Float, { description: "Floor area in square metres." })
  @Column({ name: "floor_area_m2", type: "numeric" })
  floorAreaM2: number;

  @Field({ description: "Accessible for people with a disability." })
  @Column({ type: "boolean", default: false })
  accessible: boolean;

  /** Beds taken by current residents, kept by a database trigger; served by RoomResolver.occupied (housing data). */
  @Column({ type: "int", default: 0 })
  occupied: number;

  /** The household living in the room, if any (kept by a database trigger). */
  @Column({ name: "household_id", type: "uuid", nullable: true })
  householdId: string | null;
}
