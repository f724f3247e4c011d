import { assertUuid, NotPersonal, SubgraphContext } from "@reception-graph/kit";
import { referredToCallerOrganisation } from "../access/care-access";
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
    description:
      "Internal: the IDs among personIds (all, when omitted) referred to a service of the caller's organisation.",
  })
  @Directive("@shareable")
  @Directive("@inaccessible")
  @NotPersonal("answers a peer about the caller's own scope with IDs it already holds; no data leaves")
  async _ownPeople(
    @Ctx() ctx: Ctx,
    @Arg("personIds", () => [ID], { nullable: true }) personIds?: string[] | null,
  ): Promise<string[]> {
    const ids = personIds ? personIds.map((id, i) => assertUuid(id, `personIds[${i}]`)) : null;
    return referredToCallerOrganisation(ctx.dataSource, ctx.caller, ids);
  }
}
