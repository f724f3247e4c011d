import { NotPersonal } from "@reception-graph/kit";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Sites are owned by `housing`; education only points at one by its key and never resolves it. */
@ObjectType({ description: "A reception site (owned by the housing subgraph)." })
@Directive('@key(fields: "id", resolvable: false)')
@NotPersonal("a site's key: reference data of housing")
export class Site {
  @Field(() => ID, { description: "Identifier of the site, the same in every subgraph." })
  id: string;
}
