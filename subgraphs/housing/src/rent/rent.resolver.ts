import {
  assertUuid,
  badInput,
  Caller,
  hasRole,
  isIsoMonth,
  isUuid,
  notFound,
  operationName,
  SubgraphContext,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  InputType,
  Mutation,
  Resolver,
  Root,
} from "type-graphql";
import { DataSource } from "typeorm";
import { HousingLoaders } from "../loaders";
import { socialRefusal, SocialPeer } from "../peers/social-peer";
import { Household } from "../people/household.entity";
import { Person } from "../people/person.entity";
import { requireSiteHousingAccess } from "../site-access";
import { Site } from "../sites/site.entity";
import { monthBounds, rentForHousehold } from "./rent-amount";
import { RentCharge, RentLine } from "./rent-charge.entity";

type Ctx = SubgraphContext<HousingLoaders>;

@InputType({ description: "Charge one month's rent to the resident households of all sites, or of one site." })
export class ChargeRentInput {
  @Field({ description: "Month, YYYY-MM." })
  month: string;

  @Field(() => ID, { nullable: true, description: "Only this site; default every site you coordinate." })
  siteId?: string | null;
}

/**
 * Creates the month's charges for the resident households of the given
 * sites (households with a placement during that month) that have none yet;
 * returns all charges of that month for those households. Support facts come
 * from social in one call for all residents. The unique (household, month)
 * constraint makes a repeated or concurrent call create nothing twice.
 */
export async function chargeRent(
  dataSource: DataSource,
  social: SocialPeer,
  caller: Caller,
  month: string,
  siteIds: string[] | null,
  ownPeople: ((personIds: string[]) => Promise<Set<string>>) | null = null,
): Promise<{ charges: RentCharge[]; created: Set<string> }> {
  const { first, last } = monthBounds(month);
  const residents: { household_id: string; person_id: string; site_id: string }[] = await dataSource.query(
    `SELECT DISTINCT ON (person_id) household_id, person_id, site_id FROM placement
     WHERE move_in_date <= $1 AND (move_out_date IS NULL OR move_out_date >= $2)
       AND ($3::uuid[] IS NULL OR site_id = ANY($3::uuid[]))
     ORDER BY person_id, move_in_date DESC`,
    [last, first, siteIds],
  );
  const households = new Map<string, { siteId: string; members: string[] }>();
  for (const r of residents) {
    const h = households.get(r.household_id) ?? { siteId: r.site_id, members: [] };
    h.members.push(r.person_id);
    households.set(r.household_id, h);
  }
  if (ownPeople) {
    // A caller with "own" access (a SITE_COORDINATOR) may only charge, and social only tells them the support
    // facts of, people still living at their sites; a household with a member who left is the city's to charge.
    const own = await ownPeople(residents.map((r) => r.person_id));
    for (const [h, { members }] of households) if (!members.every((m) => own.has(m))) households.delete(h);
  }
  const householdIds = [...households.keys()];
  const charged = new Set<string>(
    (
      await dataSource.query(
        `SELECT household_id FROM rent_charge WHERE month = $1 AND household_id = ANY($2::uuid[])`,
        [month, householdIds],
      )
    ).map((r: { household_id: string }) => r.household_id),
  );
  const toCharge = householdIds.filter((h) => !charged.has(h));
  const created = new Set<string>();
  if (toCharge.length) {
    let facts;
    try {
      facts = await social.rentFacts(
        toCharge.flatMap((h) => households.get(h)!.members),
        month,
      );
    } catch (e) {
      throw socialRefusal(e, "the support facts rent is based on");
    }
    const rows = toCharge
      .map((h) => ({ h, rent: rentForHousehold(households.get(h)!.members, facts) }))
      .filter((x) => x.rent !== null)
      .map(({ h, rent }) => ({
        household_id: h,
        site_id: households.get(h)!.siteId,
        amount: rent!.amount,
        lines: rent!.lines,
      }));
    if (rows.length) {
      const inserted: { id: string }[] = await dataSource.query(
        `INSERT INTO rent_charge (household_id, site_id, month, amount, lines, created_by)
         SELECT r.household_id, r.site_id, $1, r.amount, r.lines, $2
         FROM jsonb_to_recordset($3::jsonb) AS r(household_id uuid, site_id uuid, amount numeric, lines jsonb)
         ON CONFLICT ON CONSTRAINT rent_once_per_household_and_month DO NOTHING
         RETURNING id`,
        [month, caller.sub, JSON.stringify(rows)],
      );
      for (const r of inserted) created.add(r.id);
    }
  }
  const charges = householdIds.length
    ? await dataSource
        .getRepository(RentCharge)
        .createQueryBuilder("c")
        .where("c.month = :month AND c.household_id = ANY(:ids::uuid[])", { month, ids: householdIds })
        .orderBy("c.site_id")
        .addOrderBy("c.household_id")
        .getMany()
    : [];
  return { charges, created };
}

@Resolver(() => RentCharge)
export class RentResolver {
  @Mutation(() => [RentCharge], {
    description:
      "Charges a month's rent: per resident household, 30% of the living wage of its members whose support OCMW paid in or before that month. Idempotent: one charge per household and month. HOUSING_COORDINATOR for any site; SITE_COORDINATOR for the households still living at their own sites (a household that left during the month is charged by a HOUSING_COORDINATOR).",
  })
  @Authorized("HOUSING_COORDINATOR", "SITE_COORDINATOR")
  async chargeRent(
    @Arg("input", () => ChargeRentInput) input: ChargeRentInput,
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
        : async (ids: string[]) => {
            const own = await ctx.loaders.ownPerson.loadMany(ids);
            return new Set(ids.filter((_, i) => own[i] === true));
          };
    const { charges, created } = await chargeRent(
      ctx.dataSource,
      ctx.loaders.social,
      ctx.caller,
      input.month,
      siteIds,
      ownPeople,
    );
    for (const c of charges) {
      for (const l of c.lines) {
        if (created.has(c.id)) ctx.access.recordWrite("HOUSING", l.personId, "Mutation.chargeRent", operation);
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
    return charges;
  }

  @FieldResolver(() => Household)
  household(@Root() c: RentCharge): Household {
    return { id: c.householdId };
  }

  @FieldResolver(() => Site)
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
  @FieldResolver(() => Person)
  person(@Root() l: RentLine): Person {
    return { id: l.personId };
  }
}
