import { Personal } from "@reception-graph/kit";
import { Field, Float, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** One member's part of a charge, as stored in the charge's lines. */
export interface RentLineData {
  personId: string;
  amount: number;
}

@ObjectType({ description: "One member's share of a rent charge, as OCMW's social services said it is due." })
@Personal("HOUSING", { person: (l: { personId: string }) => l.personId })
export class RentLine {
  personId: string;

  @Field(() => Float, { description: "Rent due by this member, in euro (30% of their living wage)." })
  amount: number;
}

@ObjectType({
  description:
    "Rent a resident household owes IOM on behalf of the city for one month: 30% of the living wage of each member whose support has been paid in or before that month.",
})
@Entity({ name: "rent_charge" })
@Personal("HOUSING", { person: (c: { lines: { personId: string }[] }) => c.lines.map((l) => l.personId) })
export class RentCharge {
  @Field(() => ID, { description: "Identifier of the charge." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "household_id", type: "uuid" })
  householdId: string;

  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field({ description: "Month charged, YYYY-MM." })
  @Column({ type: "text" })
  month: string;

  @Field(() => Float, { description: "Amount in euro." })
  @Column({ type: "numeric" })
  amount: number;

  @Column({ type: "jsonb" })
  lines: RentLineData[];

  @Field({ description: "When the charge was created." })
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;

  @Column({ name: "created_by", type: "text" })
  createdBy: string;
}
