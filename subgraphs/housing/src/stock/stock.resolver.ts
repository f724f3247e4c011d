import { assertUuid, NotPersonal, operationName, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { requireSiteManager } from "../access/site-access";
import { HousingLoaders } from "../loaders";
import { requireResident } from "../placements/placement.service";
import { Site } from "../sites/site.entity";
import { IssueStockInput, StockInput } from "./stock.inputs";
import { issueStock, lowStock, receiveStock, validateIssue } from "./stock.service";
import { StockLevel } from "./stock-level.entity";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver(() => StockLevel)
export class StockResolver {
  @NotPersonal("supplies of a site")
  @Mutation(() => StockLevel, {
    description: "Records stock received at a site (HOUSING_COORDINATOR or the site's coordinator).",
  })
  @Authorized("HOUSING_COORDINATOR", "SITE_COORDINATOR")
  async receiveStock(
    @Arg("input", () => StockInput, { description: "The site, the item and the units received." }) input: StockInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StockLevel> {
    const siteId = assertUuid(input.siteId, "input.siteId");
    requireSiteManager(ctx, siteId, "Mutation.receiveStock", operationName(ctx, info));
    return receiveStock(ctx.dataSource, siteId, input, ctx.caller);
  }

  @NotPersonal("supplies of a site")
  @Mutation(() => StockLevel, {
    description:
      "Hands out stock, e.g. a hygiene kit to a resident on arrival. CONFLICT when the stock would go below 0.",
  })
  @Authorized("HOUSING_COORDINATOR", "SITE_COORDINATOR")
  async issueStock(
    @Arg("input", () => IssueStockInput, { description: "The site, the item and the units handed out." })
    input: IssueStockInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StockLevel> {
    const operation = operationName(ctx, info);
    const siteId = assertUuid(input.siteId, "input.siteId");
    requireSiteManager(ctx, siteId, "Mutation.issueStock", operation);
    const issue = validateIssue(input);
    const { personId } = issue;
    if (personId) {
      await ctx.access.authorize({
        category: "HOUSING",
        action: "WRITE",
        personId,
        field: "Mutation.issueStock",
        operation,
      });
      requireResident(await ctx.loaders.placementsByPerson.load(personId), personId, siteId, "input.personId");
    }
    return ctx.access.transaction(async (m) => {
      const level = await issueStock(m, siteId, input, issue, ctx.caller);
      if (personId) ctx.access.recordWrite("HOUSING", personId, "Mutation.issueStock", operation);
      return level;
    });
  }

  @NotPersonal("supplies of sites")
  @Query(() => [StockLevel], { description: "Items below their low-stock threshold, on all sites or one site." })
  @Authorized()
  lowStock(
    @Ctx() ctx: Ctx,
    @Arg("siteId", () => ID, { description: "Only this site; omit for all sites.", nullable: true })
    siteId?: string | null,
  ): Promise<StockLevel[]> {
    return lowStock(ctx.dataSource, siteId ? assertUuid(siteId, "siteId") : null);
  }

  @FieldResolver(() => Site, { description: "The site holding the stock." })
  async site(@Root() level: StockLevel, @Ctx() ctx: Ctx): Promise<Site> {
    return (await ctx.loaders.siteById.load(level.siteId))!;
  }
}
