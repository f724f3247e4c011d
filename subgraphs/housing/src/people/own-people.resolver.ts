import { assertUuid, hasRole, SubgraphContext } from "@reception-graph/kit";
import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { ownAmong } from "../access/own-scope";
import { HousingLoaders } from "../loaders";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver()
export class OwnPeopleResolver {
  @Query(() => [ID], {
    description: "Internal: which of these people live at one of the caller's sites (the 'own' scope of access.md).",
  })
  @Directive("@shareable")
  @Directive("@inaccessible")
  async _ownPeople(@Arg("personIds", () => [ID]) personIds: string[], @Ctx() ctx: Ctx): Promise<string[]> {
    // Every scoped subgraph answers this root field (hence @shareable); a site scope only counts for site coordinators.
    if (!hasRole(ctx.caller, "SITE_COORDINATOR")) return [];
    const ids = personIds.map((id, i) => assertUuid(id, `personIds[${i}]`));
    return ownAmong(ctx.loaders.ownPerson, ids);
  }
}
