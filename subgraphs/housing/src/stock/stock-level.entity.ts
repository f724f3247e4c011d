import { NotPersonal } from "@reception-graph/kit";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@ObjectType({
  description: "How much of one item a site has in stock (hygiene kit, bedding set, cleaning products…).",
})
@Entity({ name: "stock_level" })
@NotPersonal("supplies of a site")
export class StockLevel {
  @Field(() => ID, { description: "Identifier of the stock line." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field({ description: "The item, e.g. 'hygiene kit'." })
  @Column({ type: "text" })
  item: string;

  @Field(() => Int, { description: "Units in stock; never negative." })
  @Column({ type: "int" })
  quantity: number;

  @Field(() => Int, { description: "Below this quantity the item is listed as low stock." })
  @Column({ name: "low_stock_threshold", type: "int" })
  lowStockThreshold: number;

  @Field({ description: "True when the quantity is below the low-stock threshold." })
  get low(): boolean {
    return this.quantity < this.lowStockThreshold;
  }

  @Field({ description: "Last change." })
  @Column({ name: "updated_at", type: "timestamptz", default: () => "now()" })
  updatedAt: Date;
}
