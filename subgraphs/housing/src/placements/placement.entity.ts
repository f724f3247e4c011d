import { DateScalar } from "@reception-graph/kit";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@ObjectType({ description: "A person's stay at a site, from move-in to move-out." })
@Entity({ name: "placement" })
export class Placement {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Column({ name: "household_id", type: "uuid" })
  householdId: string;

  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field(() => DateScalar, { description: "Day the person moved in." })
  @Column({ name: "move_in_date", type: "date" })
  moveInDate: string;

  @Field(() => DateScalar, { nullable: true, description: "Day the person moved out; null while living there." })
  @Column({ name: "move_out_date", type: "date", nullable: true })
  moveOutDate: string | null;
}
