import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";

@InputType({
  description:
    "Place a whole household on a validated site from a move-in date (not before the day the site's validation took effect).",
})
export class PlaceHouseholdInput {
  @Field(() => ID, { description: "The household to place." })
  householdId: string;

  @Field(() => ID, { description: "The site where the household moves in." })
  siteId: string;

  @Field(() => DateScalar, { description: "Day the household moves in." })
  moveInDate: string;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "End a placement: the person left the site." })
export class MoveOutInput {
  @Field(() => ID, { description: "The placement of the person moving out." })
  placementId: string;

  @Field(() => DateScalar, { description: "Day the person left: not before the move-in, not after today." })
  date: string;

  @Field({ description: "Why the person left, e.g. 'own housing found', 'moved to another municipality'." })
  reason: string;
}
