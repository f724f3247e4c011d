import { DateScalar, Personal } from "@reception-graph/kit";
import { Field, Int, ObjectType } from "type-graphql";
import { Site } from "../sites/site.entity";

/**
 * Why a child is on the compulsory-schooling alert: since when, how long, and
 * (where the caller may read it) the site. Education data about that child:
 * every field is checked against the caller's own scope and audited.
 */
@ObjectType({ description: "A child of compulsory school age (5–17) without a school place, and since when." })
@Personal("EDUCATION", { person: (r: { personId: string }) => r.personId })
export class ChildAwaitingSchool {
  personId: string;

  /** Housing's site ID, only when housing let the caller read the child's placement. */
  siteId: string | null;

  @Field(() => DateScalar, {
    description: "The later of the registration with the cell and the move-in at the current site (if placed).",
  })
  waitingSince: string;

  @Field(() => Int, { description: "Whole days from waitingSince to today (Europe/Brussels)." })
  daysWaiting: number;

  @Field(() => Site, {
    nullable: true,
    description:
      "The site the child lives at; null when not placed, or when the caller may not read the child's placement " +
      "(school staff).",
  })
  site: Site | null;
}

/** A child on the alert: the Person graph.md's `childrenAwaitingSchool: [Person!]!` returns, with its wait. */
export interface PersonAwaitingSchool {
  id: string;
  awaitingSchool: ChildAwaitingSchool;
}
