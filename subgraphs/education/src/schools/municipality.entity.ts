import { NotPersonal } from "@reception-graph/kit";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * Municipalities are owned by `housing` (reference data keyed by NIS code);
 * education only points at one by its key and never resolves it.
 */
@ObjectType({ description: "A Belgian municipality, keyed by its NIS code (owned by the housing subgraph)." })
@Directive('@key(fields: "nisCode", resolvable: false)')
@NotPersonal("a municipality")
export class Municipality {
  @Field(() => ID, { description: "The municipality's NIS code, five digits (44021 = Gent)." })
  nisCode: string;
}
