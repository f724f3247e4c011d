import { assertUuid, notFound, operationName, Personal, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from "type-graphql";
import { requireSiteManager } from "../access/site-access";
import { HousingLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { requireResident } from "../placements/placement.service";
import { Site } from "../sites/site.entity";
import { CommitteeMember, ResidentsCommittee } from "./committee.entity";
import { ElectCommitteeInput } from "./committee.inputs";
import { electCommittee, validateElection } from "./committee.service";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver(() => ResidentsCommittee)
export class CommitteeResolver {
  @Personal("HOUSING")
  @Mutation(() => ResidentsCommittee, {
    description:
      "Records an elected residents' committee for a site (the site's coordinator or a HOUSING_COORDINATOR). Every member must live at the site.",
  })
  @Authorized("HOUSING_COORDINATOR", "SITE_COORDINATOR")
  async electCommittee(
    @Arg("input", () => ElectCommitteeInput, { description: "The site, the members and the term." })
    input: ElectCommitteeInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ResidentsCommittee> {
    const operation = operationName(ctx, info);
    const siteId = assertUuid(input.siteId, "input.siteId");
    requireSiteManager(ctx, siteId, "Mutation.electCommittee", operation);
    if (!(await ctx.loaders.siteById.load(siteId))) throw notFound("Site", input.siteId);
    const election = validateElection(input);
    const ids = election.personIds;
    for (const id of ids) {
      await ctx.access.authorize({
        category: "HOUSING",
        action: "WRITE",
        personId: id,
        field: "Mutation.electCommittee",
        operation,
      });
    }
    const placements = await ctx.loaders.placementsByPerson.loadMany(ids);
    ids.forEach((id, i) => requireResident(placements[i], id, siteId, `input.members[${i}].personId`));
    return ctx.access.transaction(async (m) => {
      const committee = await electCommittee(m, siteId, input, election, ctx.caller);
      for (const pid of ids) ctx.access.recordWrite("HOUSING", pid, "Mutation.electCommittee", operation);
      return committee;
    });
  }

  @FieldResolver(() => Site, { description: "The site whose residents the committee represents." })
  async site(@Root() c: ResidentsCommittee, @Ctx() ctx: Ctx): Promise<Site> {
    return (await ctx.loaders.siteById.load(c.siteId))!;
  }

  @Personal("HOUSING")
  @FieldResolver(() => [CommitteeMember], { description: "Elected residents." })
  members(@Root() c: ResidentsCommittee, @Ctx() ctx: Ctx): Promise<CommitteeMember[]> {
    return ctx.loaders.committeeMembers.load(c.id);
  }
}

@Resolver(() => CommitteeMember)
export class CommitteeMemberResolver {
  // Membership tells who lives at the site: housing data of the person, scoped and audited like a placement.
  @FieldResolver(() => Person, {
    description: "The elected resident. Personal housing data: a SITE_COORDINATOR sees their own sites only; audited.",
  })
  @Personal("HOUSING", { person: (m: CommitteeMember) => m.personId })
  person(@Root() m: CommitteeMember): Person {
    return { id: m.personId };
  }
}
