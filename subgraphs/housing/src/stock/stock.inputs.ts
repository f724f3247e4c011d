import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "Stock received at a site (a delivery), and optionally the item's low-stock threshold." })
export class StockInput {
  @Field(() => ID, { description: "The site receiving the stock." })
  siteId: string;

  @Field({ description: "The item, e.g. 'hygiene kit', 'bedding set', 'cleaning products'." })
  item: string;

  @Field(() => Int, { description: "Units received; 0 to only set the threshold." })
  quantity: number;

  @Field(() => Int, { nullable: true, description: "Below this quantity the item is listed as low stock." })
  lowStockThreshold?: number | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Stock handed out, e.g. the hygiene kit to a resident on arrival." })
export class IssueStockInput {
  @Field(() => ID, { description: "The site whose stock the item leaves." })
  siteId: string;

  @Field({ description: "The item, as named in the site's stock, e.g. 'hygiene kit'." })
  item: string;

  @Field(() => Int, { description: "Units handed out." })
  quantity: number;

  @Field(() => ID, { nullable: true, description: "The resident who received it; must live at the site." })
  personId?: string | null;

  @Field(() => String, { description: "Free text, e.g. why more than usual was handed out.", nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}
