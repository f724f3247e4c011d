import { assertUuid, hasRole, SubgraphContext } from "@reception-graph/kit";
import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { EducationLoaders } from "../loaders";

type Ctx = SubgraphContext<EducationLoaders>;

@Resolver()
export class OwnPeopleResolver {
  /**
   * Peers ask this (directly, with an internal token) whether people are the
   * caller's own school's children. Every scoped subgraph answers the same
   * root field, hence @shareable; @inaccessible keeps it out of the public graph.
   */
  @Query(() => [ID], {
    description:
      "Internal: the IDs among personIds enrolled at or waiting for one of the caller's schools, or handed over to one " +
      "of them by an open enrolment request.",
  })
  @Directive("@shareable")
  @Directive("@inaccessible")
  async _ownPeople(@Arg("personIds", () => [ID]) personIds: string[], @Ctx() ctx: Ctx): Promise<string[]> {
    const ids = personIds.map((id, i) => assertUuid(id, `personIds[${i}]`));
    // A school scope only counts for school staff.
    if (!hasRole(ctx.caller, "SCHOOL_STAFF")) return [];
    const own = await ctx.loaders.ownAtCallerSchools.loadMany(ids);
    return ids.filter((_, i) => own[i] === true);
  }
}
