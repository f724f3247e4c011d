import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "Persons Fedasil allocated to a municipality on one day." })
export class RecordAllocationInput {
  @Field(() => DateScalar, { description: "Day of the allocation." })
  date: string;

  @Field(() => ID, { description: "NIS code of the municipality the people were allocated to." })
  nisCode: string;

  @Field(() => Int, { description: "Number of people allocated." })
  persons: number;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}
