import { assertUuid, NotPersonal, SubgraphContext } from "@reception-graph/kit";
import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { residentsOfCallerSites } from "../access/own-scope";
import { HousingLoaders } from "../loaders";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver()
export class OwnPeopleResolver {
  /**
   * Peers ask this (directly, forwarding the caller's internal token) which
   * people are the caller's own. Every scoped subgraph answers the same root
   * field, hence @shareable; @inaccessible keeps it out of the public graph.
   */
  @Query(() => [ID], {
    description:
      "Internal: which of these people (all, when omitted) live at one of the caller's sites (the 'own' scope of access.md).",
  })
  @Directive("@shareable")
  @Directive("@inaccessible")
  @NotPersonal("answers a peer about the caller's own scope with IDs it already holds; no data leaves")
  async _ownPeople(
    @Ctx() ctx: Ctx,
    @Arg("personIds", () => [ID], { nullable: true }) personIds?: string[] | null,
  ): Promise<string[]> {
    const ids = personIds ? personIds.map((id, i) => assertUuid(id, `personIds[${i}]`)) : null;
    return residentsOfCallerSites(ctx.dataSource, ctx.caller, ids);
  }
}
