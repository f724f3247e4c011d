import {
  assertUuid,
  badInput,
  DateScalar,
  isIsoDate,
  isUuid,
  notFound,
  operationName,
  Personal,
  SubgraphContext,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { HousingLoaders } from "../loaders";
import { socialRefusal } from "../peers/social-peer";
import { Household } from "../people/household.entity";
import { Person } from "../people/person.entity";
import { isOwnSite, requireAssignment, requireSiteHousingAccess } from "../access/site-access";
import { Room } from "../sites/room.entity";
import { Site } from "../sites/site.entity";
import { MoveOut, Placement } from "./placement.entity";
import { MoveOutInput, PlaceHouseholdInput } from "./placement.inputs";
import { moveOut, placeHousehold } from "./placement.service";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver(() => Placement)
export class PlacementResolver {
  @Personal("HOUSING")
  @Mutation(() => [Placement], {
    description:
      "Places a whole household on a VALIDATED site (HOUSING_COORDINATOR, or the site's SITE_COORDINATOR): whole rooms by household composition, a bed each. CAPACITY_EXCEEDED when the free rooms cannot hold it; never over capacity, also when coordinators place at the same moment.",
  })
  @Authorized("HOUSING_COORDINATOR", "SITE_COORDINATOR")
  async placeHousehold(
    @Arg("input", () => PlaceHouseholdInput, { description: "The household, the site and the move-in day." })
    input: PlaceHouseholdInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Placement[]> {
    const operation = operationName(ctx, info);
    const householdId = assertUuid(input.householdId, "input.householdId");
    const siteId = assertUuid(input.siteId, "input.siteId");
    if (!isIsoDate(input.moveInDate))
      throw badInput("input.moveInDate", `moveInDate ${JSON.stringify(input.moveInDate)} is not a date.`);
    requireSiteHousingAccess(ctx, siteId, "WRITE", "Mutation.placeHousehold", operation);
    if (!(await ctx.loaders.siteById.load(siteId))) throw notFound("Site", input.siteId);
    // A site coordinator places only what was handed to their site; the city places anywhere.
    if (ctx.access.level("HOUSING", "WRITE") !== "ALL") {
      await requireAssignment(ctx, householdId, siteId, operation);
    }
    // Sex and birth year steer room assignment; social tells them to the city, and to a site coordinator
    // once the household is handed over to their site (its members are then theirs).
    let household;
    try {
      household = await ctx.loaders.social.household(householdId, true);
    } catch (e) {
      throw socialRefusal(e, `the members of household ${householdId}`);
    }
    // Social registers no household without members, so an empty one is an unknown key.
    if (!household || household.members.length === 0) throw notFound("Household", input.householdId);
    const members = household.members;
    const ids = await ctx.access.transaction(async (m) => {
      const placed = await placeHousehold(
        m,
        { ...input, householdId, siteId },
        household,
        ctx.caller,
        (siteOf) => ctx.access.level("HOUSING") === "ALL" || isOwnSite(ctx, siteOf),
      );
      for (const p of members) ctx.access.recordWrite("HOUSING", p.id, "Mutation.placeHousehold", operation);
      return placed;
    });
    // The site's occupancy changed: later fields of this response must not read the row loaded before.
    ctx.loaders.siteById.clear(siteId);
    ctx.loaders.roomsBySite.clear(siteId);
    return (await ctx.loaders.placementById.loadMany(ids)) as Placement[];
  }

  @Personal("HOUSING")
  @Mutation(() => Placement, {
    description:
      "Ends a placement with a date and reason, frees the bed and records a move-out event the city can list (moveOuts).",
  })
  @Authorized("HOUSING_COORDINATOR", "SITE_COORDINATOR")
  async moveOut(
    @Arg("input", () => MoveOutInput, { description: "The placement that ends, the day and the reason." })
    input: MoveOutInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Placement> {
    const operation = operationName(ctx, info);
    const placement = await ctx.loaders.placementById.load(assertUuid(input.placementId, "input.placementId"));
    if (!placement) throw notFound("Placement", input.placementId);
    await ctx.access.authorize({
      category: "HOUSING",
      action: "WRITE",
      personId: placement.personId,
      field: "Mutation.moveOut",
      operation,
    });
    const id = await moveOut(ctx.dataSource, input, ctx.caller);
    ctx.loaders.placementById.clear(id);
    ctx.loaders.siteById.clear(placement.siteId);
    ctx.loaders.roomsBySite.clear(placement.siteId);
    return (await ctx.loaders.placementById.load(id))!;
  }

  @Personal("HOUSING", { scopedBy: "resolver" })
  @Query(() => [MoveOut], {
    description:
      "People who left a site between two days (inclusive), by date. Personal housing data: a SITE_COORDINATOR sees their own sites only; audited.",
  })
  @Authorized()
  async moveOuts(
    @Arg("from", () => DateScalar, { description: "First day of the period (included)." }) from: string,
    @Arg("to", () => DateScalar, { description: "Last day of the period (included)." }) to: string,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg("siteId", () => ID, { description: "Only this site; omit for all the sites you may read.", nullable: true })
    siteId?: string | null,
  ): Promise<MoveOut[]> {
    if (!isIsoDate(from)) throw badInput("from", `from ${JSON.stringify(from)} is not a date YYYY-MM-DD.`);
    if (!isIsoDate(to)) throw badInput("to", `to ${JSON.stringify(to)} is not a date YYYY-MM-DD.`);
    if (to < from) throw badInput("to", `to ${to} is before from ${from}.`);
    const operation = operationName(ctx, info);
    const site = siteId ? assertUuid(siteId, "siteId") : null;
    let sites: string[] | null = site ? [site] : null;
    if (site) requireSiteHousingAccess(ctx, site, "READ", "Query.moveOuts", operation);
    else if (ctx.access.level("HOUSING") !== "ALL") {
      requireSiteHousingAccess(ctx, ctx.caller.sites[0] ?? "(none)", "READ", "Query.moveOuts", operation);
      // A token may name sites by something other than an ID; only IDs can match a site.
      sites = ctx.caller.sites.filter(isUuid).map((s) => s.toLowerCase());
    }
    const qb = ctx.dataSource
      .getRepository(MoveOut)
      .createQueryBuilder("m")
      .where("m.date BETWEEN :from AND :to", { from, to });
    if (sites) qb.andWhere("m.site_id = ANY(:sites::uuid[])", { sites });
    const rows = await qb.orderBy("m.date", "ASC").addOrderBy("m.recorded_at", "ASC").getMany();
    for (const r of rows) {
      ctx.audit.record({
        personId: r.personId,
        category: "HOUSING",
        field: "Query.moveOuts",
        operation,
        action: "READ",
        outcome: "ALLOWED",
      });
    }
    return rows;
  }

  @FieldResolver(() => Person, { description: "The person placed." })
  person(@Root() placement: Placement): Person {
    return { id: placement.personId };
  }

  @FieldResolver(() => Household, { description: "The household the person was placed with." })
  household(@Root() placement: Placement): Household {
    return { id: placement.householdId };
  }

  @FieldResolver(() => Site, { description: "The site the person is placed at." })
  async site(@Root() placement: Placement, @Ctx() ctx: Ctx): Promise<Site> {
    return (await ctx.loaders.siteById.load(placement.siteId))!;
  }

  @FieldResolver(() => Room, { description: "The room of the person's bed." })
  async room(@Root() placement: Placement, @Ctx() ctx: Ctx): Promise<Room> {
    return (await ctx.loaders.roomById.load(placement.roomId))!;
  }
}

@Resolver(() => MoveOut)
export class MoveOutResolver {
  @FieldResolver(() => Person, { description: "The person who left." })
  person(@Root() m: MoveOut): Person {
    return { id: m.personId };
  }

  @FieldResolver(() => Household, { description: "The household of the person who left." })
  household(@Root() m: MoveOut): Household {
    return { id: m.householdId };
  }

  @FieldResolver(() => Site, { description: "The site the person left." })
  async site(@Root() m: MoveOut, @Ctx() ctx: Ctx): Promise<Site> {
    return (await ctx.loaders.siteById.load(m.siteId))!;
  }

  @FieldResolver(() => Placement, { description: "The placement the move-out ended." })
  async placement(@Root() m: MoveOut, @Ctx() ctx: Ctx): Promise<Placement> {
    return (await ctx.loaders.placementById.load(m.placementId))!;
  }
}
