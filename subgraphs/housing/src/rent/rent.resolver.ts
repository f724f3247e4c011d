import {
  assertUuid,
  badInput,
  hasRole,
  isIsoMonth,
  isUuid,
  notFound,
  operationName,
  Personal,
  SubgraphContext,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from "type-graphql";
import { ownAmong } from "../access/own-scope";
import { requireSiteHousingAccess } from "../access/site-access";
import { HousingLoaders } from "../loaders";
import { Household } from "../people/household.entity";
import { Person } from "../people/person.entity";
import { Site } from "../sites/site.entity";
import { RentCharge, RentLine } from "./rent-charge.entity";
import { ChargeRentInput } from "./rent.inputs";
import { chargeRent } from "./rent.service";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver(() => RentCharge)
export class RentResolver {
  @Personal("HOUSING")
  @Mutation(() => [RentCharge], {
    description:
      "Charges a month's rent: per resident household, 30% of the living wage of its members whose support OCMW paid in or before that month. Idempotent: one charge per household and month. HOUSING_COORDINATOR for any site; SITE_COORDINATOR for the households still living at their own sites (a household that left during the month is charged by a HOUSING_COORDINATOR).",
  })
  @Authorized("HOUSING_COORDINATOR", "SITE_COORDINATOR")
  async chargeRent(
    @Arg("input", () => ChargeRentInput, { description: "The month to charge, and optionally one site." })
    input: ChargeRentInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RentCharge[]> {
    const operation = operationName(ctx, info);
    if (!isIsoMonth(input.month)) throw badInput("input.month", `month ${JSON.stringify(input.month)} is not YYYY-MM.`);
    let siteIds: string[] | null;
    if (input.siteId) {
      const siteId = assertUuid(input.siteId, "input.siteId");
      requireSiteHousingAccess(ctx, siteId, "WRITE", "Mutation.chargeRent", operation);
      if (!(await ctx.loaders.siteById.load(siteId))) throw notFound("Site", input.siteId);
      siteIds = [siteId];
    } else if (hasRole(ctx.caller, "HOUSING_COORDINATOR")) {
      requireSiteHousingAccess(ctx, "", "WRITE", "Mutation.chargeRent", operation);
      siteIds = null;
    } else {
      // A token may name sites by something other than an ID; only IDs can match a site.
      siteIds = ctx.caller.sites.filter(isUuid).map((s) => s.toLowerCase());
      requireSiteHousingAccess(ctx, siteIds[0] ?? "(none)", "WRITE", "Mutation.chargeRent", operation);
    }
    const ownPeople =
      ctx.access.level("HOUSING", "WRITE") === "ALL"
        ? null
        : async (ids: string[]) => new Set(await ownAmong(ctx.loaders.ownPerson, ids));
    const charges = await ctx.access.transaction(async (m) => {
      const charged = await chargeRent(m, ctx.loaders.social, ctx.caller, input.month, siteIds, ownPeople);
      for (const c of charged.charges) {
        for (const l of c.lines) {
          if (charged.created.has(c.id))
            ctx.access.recordWrite("HOUSING", l.personId, "Mutation.chargeRent", operation);
          else
            ctx.audit.record({
              personId: l.personId,
              category: "HOUSING",
              field: "Mutation.chargeRent",
              operation,
              action: "READ",
              outcome: "ALLOWED",
            });
        }
      }
      return charged.charges;
    });
    return charges;
  }

  @FieldResolver(() => Household, { description: "The household charged." })
  household(@Root() c: RentCharge): Household {
    return { id: c.householdId };
  }

  @FieldResolver(() => Site, { description: "The site the rent is for." })
  async site(@Root() c: RentCharge, @Ctx() ctx: Ctx): Promise<Site> {
    return (await ctx.loaders.siteById.load(c.siteId))!;
  }

  @FieldResolver(() => [RentLine], { description: "Each paying member's share." })
  lines(@Root() c: RentCharge): RentLine[] {
    return c.lines.map((l) => Object.assign(new RentLine(), l));
  }
}

@Resolver(() => RentLine)
export class RentLineResolver {
  @FieldResolver(() => Person, { description: "The member whose share this line is." })
  person(@Root() l: RentLine): Person {
    return { id: l.personId };
  }
}
