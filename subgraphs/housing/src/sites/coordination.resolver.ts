import { CoordinationFilter, NotPersonal, SubgraphContext } from "@reception-graph/kit";
import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { HousingLoaders } from "../loaders";
import { Municipality } from "../municipalities/municipality.entity";
import { MunicipalitySites, ProvinceSites } from "./coordination.entity";
import { checkedFilter, sitesByMunicipality, sitesByProvince } from "./coordination.service";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver(() => MunicipalitySites)
export class CoordinationResolver {
  @NotPersonal("sites and places per municipality")
  @Query(() => [MunicipalitySites], {
    description:
      "Sites and places per municipality (municipalities with at least one selected site), by province then name. The filter's validationStatus is the offer's status in effect today; createdFrom/createdTo compare with the day the site is in the figures from (registered, or its first status in effect when recorded after the fact).",
  })
  @Authorized()
  async sitesByMunicipality(
    @Ctx() ctx: Ctx,
    @Arg("filter", () => CoordinationFilter, { description: "Which sites to count; omit for all.", nullable: true })
    filter?: CoordinationFilter | null,
  ): Promise<MunicipalitySites[]> {
    return sitesByMunicipality(ctx.dataSource, await checkedFilter(ctx.dataSource, filter));
  }

  @NotPersonal("sites and places per province")
  @Query(() => [ProvinceSites], {
    description:
      "Sites and places per province: all five provinces in enum order, 0 where the filter selects no site. Filter as for sitesByMunicipality.",
  })
  @Authorized()
  async sitesByProvince(
    @Ctx() ctx: Ctx,
    @Arg("filter", () => CoordinationFilter, { description: "Which sites to count; omit for all.", nullable: true })
    filter?: CoordinationFilter | null,
  ): Promise<ProvinceSites[]> {
    return sitesByProvince(ctx.dataSource, await checkedFilter(ctx.dataSource, filter));
  }

  @FieldResolver(() => Municipality, { description: "The municipality counted." })
  async municipality(@Root() row: MunicipalitySites, @Ctx() ctx: Ctx): Promise<Municipality> {
    return (await ctx.loaders.municipalityByNis.load(row.nisCode))!;
  }
}
