import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "Charge one month's rent to the resident households of all sites, or of one site." })
export class ChargeRentInput {
  @Field({ description: "Month, YYYY-MM." })
  month: string;

  @Field(() => ID, { nullable: true, description: "Only this site; default every site you coordinate." })
  siteId?: string | null;
}
