import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";

@InputType({
  description:
    "Place a whole household on a validated site from a move-in date (not before the day the site's validation took effect).",
})
export class PlaceHouseholdInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => ID)
  siteId: string;

  @Field(() => DateScalar)
  moveInDate: string;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "End a placement: the person left the site." })
export class MoveOutInput {
  @Field(() => ID)
  placementId: string;

  @Field(() => DateScalar, { description: "Day the person left: not before the move-in, not after today." })
  date: string;

  @Field({ description: "Why the person left, e.g. 'own housing found', 'moved to another municipality'." })
  reason: string;
}
