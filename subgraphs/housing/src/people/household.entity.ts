import { NotPersonal } from "@reception-graph/kit";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Household is owned by `social`; housing refers to it by key only. */
@ObjectType({ description: "A household (owned by OCMW's social subgraph); rooms are assigned per household." })
@Directive('@key(fields: "id", resolvable: false)')
export class Household {
  @Field(() => ID, { description: "Identifier of the household, the same in every subgraph." })
  @NotPersonal("the key the subgraphs join on; an opaque ID says nothing by itself")
  id: string;
}
