import { NotPersonal, Province } from "@reception-graph/kit";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "Reception sites and their beds in one municipality (the coordination dashboards)." })
@NotPersonal("sites and places: facts about buildings, not people")
export class MunicipalitySites {
  /** Resolved to the Municipality by the field resolver. */
  nisCode: string;

  @Field(() => Province, { description: "The province of the municipality." })
  province: Province;

  @Field(() => Int, { description: "Sites the filter selects in the municipality." })
  sites: number;

  @Field(() => Int, { description: "Beds of those sites (their current rooms), validated or not." })
  places: number;
}

@ObjectType({ description: "Reception sites and their beds in one province (the coordination dashboards)." })
@NotPersonal("sites and places: facts about buildings, not people")
export class ProvinceSites {
  @Field(() => Province, { description: "The province counted." })
  province: Province;

  @Field(() => Int, { description: "Sites the filter selects in the province." })
  sites: number;

  @Field(() => Int, { description: "Beds of those sites (their current rooms), validated or not." })
  places: number;
}
