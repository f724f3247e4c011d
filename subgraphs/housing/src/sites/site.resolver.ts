import { assertUuid, SubgraphContext } from "@reception-graph/kit";
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import { HousingLoaders } from "../loaders";
import { Site } from "./site.entity";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver(() => Site)
export class SiteResolver {
  @Query(() => Site, { nullable: true, description: "One site by ID; null when unknown." })
  @Authorized()
  site(@Arg("id", () => ID) id: string, @Ctx() ctx: Ctx): Promise<Site | null> {
    return ctx.loaders.siteById.load(assertUuid(id, "id"));
  }

  @Query(() => [Site], { description: "All sites, by name." })
  @Authorized()
  sites(@Ctx() ctx: Ctx): Promise<Site[]> {
    return ctx.dataSource.getRepository(Site).find({ order: { name: "ASC" } });
  }
}
