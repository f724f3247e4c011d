import { assertUuid, hasRole, SubgraphContext } from "@reception-graph/kit";
import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { CareLoaders } from "../loaders";

type Ctx = SubgraphContext<CareLoaders>;

@Resolver()
export class OwnPeopleResolver {
  /**
   * Peers ask this (directly, with an internal token) whether people are the
   * caller's organisation's clients. Every scoped subgraph answers the same
   * root field, hence @shareable; @inaccessible keeps it out of the public graph.
   */
  @Query(() => [ID], {
    description: "Internal: the IDs among personIds referred to a service of the caller's organisation.",
  })
  @Directive("@shareable")
  @Directive("@inaccessible")
  async _ownPeople(@Arg("personIds", () => [ID]) personIds: string[], @Ctx() ctx: Ctx): Promise<string[]> {
    const ids = personIds.map((id, i) => assertUuid(id, `personIds[${i}]`));
    // An organisation scope only counts for care workers.
    if (!hasRole(ctx.caller, "CARE_WORKER")) return [];
    const own = await ctx.loaders.referredToCallerOrganisation.loadMany(ids);
    return ids.filter((_, i) => own[i] === true);
  }
}
