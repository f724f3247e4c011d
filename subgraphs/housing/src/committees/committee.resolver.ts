import {
  assertUuid,
  badInput,
  DateScalar,
  isIsoDate,
  notFound,
  once,
  operationName,
  PersonalData,
  requireText,
  SubgraphContext,
  todayInBrussels,
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
  UseMiddleware,
} from "type-graphql";
import { HousingLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { requireSiteManager } from "../site-access";
import { Site } from "../sites/site.entity";
import { CommitteeMember, ResidentsCommittee } from "./committee.entity";

type Ctx = SubgraphContext<HousingLoaders>;

@InputType({ description: "A committee member and their role." })
export class CommitteeMemberInput {
  @Field(() => ID)
  personId: string;

  @Field(() => String, { nullable: true, description: "e.g. chair, secretary, member." })
  role?: string | null;
}

@InputType({ description: "The result of a residents' election: members (residents of the site) and term." })
export class ElectCommitteeInput {
  @Field(() => ID)
  siteId: string;

  @Field(() => [CommitteeMemberInput])
  members: CommitteeMemberInput[];

  @Field(() => DateScalar)
  termStart: string;

  @Field(() => DateScalar)
  termEnd: string;

  @Field(() => DateScalar, { nullable: true, description: "Day of the election; default today." })
  electedOn?: string | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

@Resolver(() => ResidentsCommittee)
export class CommitteeResolver {
  @Mutation(() => ResidentsCommittee, {
    description:
      "Records an elected residents' committee for a site (the site's coordinator or a HOUSING_COORDINATOR). Every member must live at the site.",
  })
  @Authorized("HOUSING_COORDINATOR", "SITE_COORDINATOR")
  async electCommittee(
    @Arg("input", () => ElectCommitteeInput) input: ElectCommitteeInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ResidentsCommittee> {
    const operation = operationName(ctx, info);
    const siteId = assertUuid(input.siteId, "input.siteId");
    requireSiteManager(ctx, siteId, "Mutation.electCommittee", operation);
    if (!(await ctx.loaders.siteById.load(siteId))) throw notFound("Site", input.siteId);
    if (input.members.length === 0) throw badInput("input.members", "A committee needs at least one member.");
    if (input.members.length > 30) throw badInput("input.members", `${input.members.length} members is more than 30.`);
    if (!isIsoDate(input.termStart)) throw badInput("input.termStart", `termStart ${input.termStart} is not a date.`);
    if (!isIsoDate(input.termEnd)) throw badInput("input.termEnd", `termEnd ${input.termEnd} is not a date.`);
    if (input.termEnd <= input.termStart)
      throw badInput("input.termEnd", `termEnd ${input.termEnd} is not after termStart ${input.termStart}.`);
    const electedOn = input.electedOn ?? todayInBrussels();
    const ids = input.members.map((m, i) => assertUuid(m.personId, `input.members[${i}].personId`));
    const roles = input.members.map((m, i) =>
      m.role != null && m.role.trim() ? requireText(m.role, `input.members[${i}].role`, 100) : null,
    );
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) throw badInput("input.members", `Person ${dup} is listed twice.`);
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
    ids.forEach((id, i) => {
      const list = placements[i];
      const resident = !(list instanceof Error) && list.some((p) => p.siteId === siteId && p.moveOutDate === null);
      if (!resident) throw badInput(`input.members[${i}].personId`, `Person ${id} does not live at site ${siteId}.`);
    });
    const id = await ctx.dataSource.transaction(async (manager) => {
      const r = await once(
        manager,
        { subject: ctx.caller.sub, operation: "electCommittee" },
        input.idempotencyKey,
        input,
        async () => {
          const [c] = await manager.query(
            `INSERT INTO residents_committee (site_id, elected_on, term_start, term_end, created_by)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
            [siteId, electedOn, input.termStart, input.termEnd, ctx.caller.sub],
          );
          await manager.query(
            `INSERT INTO committee_member (committee_id, person_id, role)
           SELECT $1, m.person_id, m.role FROM jsonb_to_recordset($2::jsonb) AS m(person_id uuid, role text)`,
            [c.id, JSON.stringify(ids.map((personId, i) => ({ person_id: personId, role: roles[i] })))],
          );
          return c.id as string;
        },
      );
      return r.id;
    });
    for (const pid of ids) ctx.access.recordWrite("HOUSING", pid, "Mutation.electCommittee", operation);
    return (await ctx.dataSource.getRepository(ResidentsCommittee).findOneBy({ id }))!;
  }

  @FieldResolver(() => Site)
  async site(@Root() c: ResidentsCommittee, @Ctx() ctx: Ctx): Promise<Site> {
    return (await ctx.loaders.siteById.load(c.siteId))!;
  }

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
  @UseMiddleware(PersonalData("HOUSING", (m: CommitteeMember) => m.personId))
  person(@Root() m: CommitteeMember): Person {
    return { id: m.personId };
  }
}
