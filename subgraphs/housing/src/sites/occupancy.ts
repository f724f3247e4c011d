import { DateScalar, Personal, SuppressedCount } from "@reception-graph/kit";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "A site's beds right now, with the exact number of people living there: housing data (see Site.occupancy). Only a VALIDATED site has places available.",
})
// Exact live counts of residents, not a suppressed aggregate: reached only through Site.occupancy, which checks the site.
@Personal("HOUSING", { scopedBy: "resolver" })
export class Occupancy {
  @Field(() => Int, { description: "Beds of the site (its capacity), validated or not." })
  places: number;

  @Field(() => Int, { description: "Beds of validated capacity (0 until the site's offer is VALIDATED)." })
  validatedPlaces: number;

  @Field(() => Int, { description: "Beds taken by current residents." })
  occupied: number;

  @Field(() => Int, { description: "Free validated beds: validated places minus occupied, never below 0." })
  available: number;
}

@ObjectType({ description: "Occupancy on one day (end of day), for the selected sites or municipality." })
@Personal("AGGREGATES")
export class OccupancyPoint {
  @Field(() => DateScalar, { description: "The day counted (situation at the end of the day)." })
  date: string;

  @Field(() => Int, {
    description: "Beds of the sites that existed that day: registered by then, or with a status in effect by then.",
  })
  places: number;

  @Field(() => Int, {
    description:
      "Beds of sites whose offer's VALIDATED status was in effect that day (by the day it took effect, not the day it was recorded).",
  })
  validatedPlaces: number;

  @Field(() => SuppressedCount, {
    description: "People living on the selected sites that day; suppressed when 1–4 (access.md's small-cell rule).",
  })
  occupied: SuppressedCount;

  @Field(() => Int, {
    nullable: true,
    description:
      "Validated beds not occupied that day; null when occupied is suppressed (the validated places minus it would give the hidden count back).",
  })
  available: number | null;

  @Field(() => Int, { description: "Sites that existed that day (as for places)." })
  sites: number;
}
