import { assertUuid, hasRole, notFound, operationName, Personal, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from "type-graphql";
import { HousingLoaders } from "../loaders";
import { socialRefusal } from "../peers/social-peer";
import { Household } from "../people/household.entity";
import { Site } from "../sites/site.entity";
import { SiteAssignment } from "./assignment.entity";
import { AssignHouseholdToSiteInput, WithdrawSiteAssignmentInput } from "./assignment.inputs";
import { assignHouseholdToSite, withdrawSiteAssignment } from "./assignment.service";

type Ctx = SubgraphContext<HousingLoaders>;

/**
 * Who hands households over to sites: the city (HOUSING_COORDINATOR) and the
 * OCMW (SOCIAL_WORKER), who both read every household's housing data. A site
 * coordinator never assigns: their scope is handed to them, never taken.
 */
const ASSIGNERS = ["HOUSING_COORDINATOR", "SOCIAL_WORKER"] as const;

@Resolver(() => SiteAssignment)
export class SiteAssignmentResolver {
  // Assigning hands a site its scope; it needs full read access to housing data, which both assigners hold.
  @Personal("HOUSING", { action: "READ" })
  @Mutation(() => SiteAssignment, {
    description:
      "Hands a household over to a site (the city's housing coordinator or an OCMW social worker): the site's " +
      "coordinator may then see its members and place it. CONFLICT when it already lives at a site or is assigned.",
  })
  @Authorized(...ASSIGNERS)
  async assignHouseholdToSite(
    @Arg("input", () => AssignHouseholdToSiteInput, { description: "The household and the site." })
    input: AssignHouseholdToSiteInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SiteAssignment> {
    const operation = operationName(ctx, info);
    const householdId = assertUuid(input.householdId, "input.householdId");
    const siteId = assertUuid(input.siteId, "input.siteId");
    if (!(await ctx.loaders.siteById.load(siteId))) throw notFound("Site", input.siteId);
    let household;
    try {
      household = await ctx.loaders.social.household(householdId, false);
    } catch (e) {
      throw socialRefusal(e, `the members of household ${householdId}`);
    }
    if (!household || household.members.length === 0) throw notFound("Household", input.householdId);
    const role = hasRole(ctx.caller, "HOUSING_COORDINATOR") ? "HOUSING_COORDINATOR" : "SOCIAL_WORKER";
    const memberIds = household.members.map((m) => m.id);
    const id = await ctx.access.transaction(async (m) => {
      const assigned = await assignHouseholdToSite(m, { ...input, householdId, siteId }, memberIds, ctx.caller, role);
      for (const p of memberIds) ctx.access.recordWrite("HOUSING", p, "Mutation.assignHouseholdToSite", operation);
      return assigned;
    });
    ctx.loaders.openAssignmentsBySite.clear(siteId);
    return (await ctx.loaders.assignmentById.load(id))!;
  }

  @Personal("HOUSING", { action: "READ" })
  @Mutation(() => SiteAssignment, { description: "Withdraws an open site assignment; CONFLICT when it is not open." })
  @Authorized(...ASSIGNERS)
  async withdrawSiteAssignment(
    @Arg("input", () => WithdrawSiteAssignmentInput, { description: "The assignment to withdraw." })
    input: WithdrawSiteAssignmentInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SiteAssignment> {
    const id = assertUuid(input.assignmentId, "input.assignmentId");
    const assignment = await ctx.loaders.assignmentById.load(id);
    if (!assignment) throw notFound("SiteAssignment", input.assignmentId);
    const operation = operationName(ctx, info);
    await ctx.access.transaction(async (m) => {
      await withdrawSiteAssignment(m, id, ctx.caller);
      for (const p of assignment.personIds)
        ctx.access.recordWrite("HOUSING", p, "Mutation.withdrawSiteAssignment", operation);
    });
    ctx.loaders.assignmentById.clear(id);
    return (await ctx.loaders.assignmentById.load(id))!;
  }

  @FieldResolver(() => Household, { description: "The household handed over." })
  household(@Root() a: SiteAssignment): Household {
    return { id: a.householdId };
  }

  @FieldResolver(() => Site, { description: "The site it is handed over to." })
  async site(@Root() a: SiteAssignment, @Ctx() ctx: Ctx): Promise<Site> {
    return (await ctx.loaders.siteById.load(a.siteId))!;
  }
}
