import {
  assertUuid,
  hasRole,
  NotPersonal,
  operationName,
  parseKeysetPage,
  keysetConnection,
  Personal,
  SubgraphContext,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ResidentsCommittee } from "../committees/committee.entity";
import { SiteAssignment } from "../assignments/assignment.entity";
import { HousingLoaders } from "../loaders";
import { Municipality } from "../municipalities/municipality.entity";
import { HousingOffer, ValidationStatus } from "../offers/housing-offer.entity";
import { PlacementConnection } from "../placements/placement.connection";
import { RESIDENT_ORDER_LENGTH } from "../placements/placement.loaders";
import { requireSiteHousingAccess, requireSiteManager, requireSiteOccupancyAccess } from "../access/site-access";
import { StockLevel } from "../stock/stock-level.entity";
import { Occupancy } from "./occupancy";
import { Room } from "./room.entity";
import { AddRoomInput, RegisterSiteInput, SiteFilter } from "./site.inputs";
import { Site } from "./site.entity";
import { addRoom, listSites, registerSite } from "./site.service";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver(() => Site)
export class SiteResolver {
  @NotPersonal("a reception site")
  @Query(() => Site, { nullable: true, description: "One site by ID; null when unknown." })
  @Authorized()
  site(
    @Arg("id", () => ID, { description: "The site's identifier." }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<Site | null> {
    return ctx.loaders.siteById.load(assertUuid(id, "id"));
  }

  @NotPersonal("reception sites")
  @Query(() => [Site], { description: "Sites by name; all given filters apply together." })
  @Authorized()
  sites(
    @Ctx() ctx: Ctx,
    @Arg("filter", () => SiteFilter, { description: "Narrows the list; omit for all sites.", nullable: true })
    filter?: SiteFilter,
  ): Promise<Site[]> {
    return listSites(ctx.dataSource, filter ?? {});
  }

  @NotPersonal("a reception site")
  @Mutation(() => Site, {
    description:
      "HOUSING_COORDINATOR: registers a site and its housing offer (TO_VALIDATE). Add rooms to give it capacity.",
  })
  @Authorized("HOUSING_COORDINATOR")
  async registerSite(
    @Arg("input", () => RegisterSiteInput, { description: "The new site's details." }) input: RegisterSiteInput,
    @Ctx() ctx: Ctx,
  ): Promise<Site> {
    const id = await registerSite(ctx.dataSource, input, ctx.caller);
    return (await ctx.loaders.siteById.load(id))!;
  }

  @NotPersonal("a room")
  @Mutation(() => Room, {
    description:
      "Adds a room to a site (HOUSING_COORDINATOR, or the site's SITE_COORDINATOR). At least 4 m² per bed; the site's capacity grows by its beds.",
  })
  @Authorized("HOUSING_COORDINATOR", "SITE_COORDINATOR")
  async addRoom(
    @Arg("input", () => AddRoomInput, { description: "The site and the room's details." }) input: AddRoomInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Room> {
    requireSiteManager(ctx, assertUuid(input.siteId, "input.siteId"), "Mutation.addRoom", operationName(ctx, info));
    const id = await addRoom(ctx.dataSource, input, ctx.caller.sub);
    return (await ctx.loaders.roomById.load(id))!;
  }

  @FieldResolver(() => Municipality, { description: "The municipality where the site is." })
  async municipality(@Root() site: Site, @Ctx() ctx: Ctx): Promise<Municipality> {
    return (await ctx.loaders.municipalityByNis.load(site.nisCode))!;
  }

  @FieldResolver(() => Int, { description: "Beds of all rooms (validated or not; see occupancy for what counts)." })
  capacity(@Root() site: Site): number {
    return site.capacity;
  }

  @FieldResolver(() => HousingOffer, { description: "The housing offer the site entered the graph with." })
  async offer(@Root() site: Site, @Ctx() ctx: Ctx): Promise<HousingOffer> {
    return (await ctx.loaders.offerBySite.load(site.id))!;
  }

  @FieldResolver(() => ValidationStatus, { description: "The status of the site's offer." })
  async validationStatus(@Root() site: Site, @Ctx() ctx: Ctx): Promise<ValidationStatus> {
    return (await ctx.loaders.offerBySite.load(site.id))!.status;
  }

  @FieldResolver(() => [Room], { description: "Rooms by label." })
  rooms(@Root() site: Site, @Ctx() ctx: Ctx): Promise<Room[]> {
    return ctx.loaders.roomsBySite.load(site.id);
  }

  @Personal("HOUSING", { scopedBy: "resolver" })
  @FieldResolver(() => Occupancy, {
    description:
      "Beds now: places, occupied, available (0 unless VALIDATED). Exact counts of the people living there, for placing families: housing data (purpose CASE_MANAGEMENT or PLACEMENT; a SITE_COORDINATOR sees their own sites only); audited. Others read occupancySeries (small counts suppressed).",
  })
  occupancy(@Root() site: Site, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Occupancy {
    requireSiteOccupancyAccess(ctx, site.id, "Site.occupancy", operationName(ctx, info));
    const validatedPlaces = site.validated ? site.capacity : 0;
    return {
      places: site.capacity,
      validatedPlaces,
      occupied: site.occupied,
      available: Math.max(0, validatedPlaces - site.occupied),
    };
  }

  @Personal("HOUSING", { scopedBy: "resolver" })
  @FieldResolver(() => [SiteAssignment], {
    description:
      "Households handed over to this site and not placed yet, oldest first. A SITE_COORDINATOR sees their own sites only.",
  })
  async assignments(@Root() site: Site, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<SiteAssignment[]> {
    requireSiteHousingAccess(ctx, site.id, "READ", "Site.assignments", operationName(ctx, info));
    return ctx.loaders.openAssignmentsBySite.load(site.id);
  }

  @Personal("HOUSING", { scopedBy: "resolver" })
  @FieldResolver(() => PlacementConnection, {
    description:
      "Current residents (open placements). Personal housing data: a SITE_COORDINATOR sees only their own sites; audited.",
  })
  async residents(
    @Root() site: Site,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, { description: "How many residents to return (default 50, at most 100).", nullable: true })
    first?: number,
    @Arg("after", () => String, {
      description: "Cursor of the last resident already seen (pageInfo.endCursor); omit for the first page.",
      nullable: true,
    })
    after?: string,
  ) {
    const operation = operationName(ctx, info);
    requireSiteHousingAccess(ctx, site.id, "READ", "Site.residents", operation);
    // The cursor is bound to this site: another site's cursor is refused, not misread.
    const page = parseKeysetPage(first, after, { site: site.id }, RESIDENT_ORDER_LENGTH);
    const { rows, total } = await ctx.loaders.residentsPage.load({
      siteId: site.id,
      limit: page.limit,
      after: page.after,
    });
    for (const { node: p } of rows.slice(0, page.limit)) {
      ctx.audit.record({
        personId: p.personId,
        category: "HOUSING",
        field: "Site.residents",
        operation,
        action: "READ",
        outcome: "ALLOWED",
      });
    }
    return keysetConnection(rows, page, total);
  }

  @FieldResolver(() => [StockLevel], { description: "Stock per item, by item name." })
  stock(@Root() site: Site, @Ctx() ctx: Ctx): Promise<StockLevel[]> {
    return ctx.loaders.stockBySite.load(site.id);
  }

  @Personal("HOUSING")
  @FieldResolver(() => ResidentsCommittee, {
    nullable: true,
    description: "The residents' committee whose term started last, if any.",
  })
  committee(@Root() site: Site, @Ctx() ctx: Ctx): Promise<ResidentsCommittee | null> {
    return ctx.loaders.currentCommitteeBySite.load(site.id);
  }

  /** Used by sites(filter) callers who only manage some sites: marks which are theirs. */
  @FieldResolver(() => Boolean, { description: "True when the caller coordinates this site (or all sites)." })
  managedByMe(@Root() site: Site, @Ctx() ctx: Ctx): boolean {
    return (
      hasRole(ctx.caller, "HOUSING_COORDINATOR") ||
      (hasRole(ctx.caller, "SITE_COORDINATOR") && ctx.caller.sites.includes(site.id))
    );
  }
}

@Resolver(() => Room)
export class RoomResolver {
  @Personal("HOUSING", { scopedBy: "resolver" })
  @FieldResolver(() => Int, {
    description:
      "Beds taken by current residents: the size of the household living in the room. Housing data (purpose CASE_MANAGEMENT or PLACEMENT; a SITE_COORDINATOR sees their own sites' rooms only); audited.",
  })
  occupied(@Root() room: Room, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): number {
    requireSiteOccupancyAccess(ctx, room.siteId, "Room.occupied", operationName(ctx, info));
    return room.occupied;
  }
}
