import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "Persons Fedasil allocated to a municipality on one day." })
export class RecordAllocationInput {
  @Field(() => DateScalar)
  date: string;

  @Field(() => ID)
  nisCode: string;

  @Field(() => Int)
  persons: number;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}
