import {
  assertUuid,
  badInput,
  CoordinationFilter,
  isSiteFilter,
  suppressCount,
  SuppressedCount,
  suppressCounts,
  ConnectionType,
  DateScalar,
  inPageOrder,
  isIsoDate,
  KeyColumn,
  keysetConnection,
  keysetPage,
  notFound,
  parseKeysetPage,
  Personal,
  SubgraphContext,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { EntityManager } from "typeorm";
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { SocialLoaders } from "../loaders";
import { Household } from "../people/household.entity";
import { guardHousehold, guardPeople, guardWrite, recordHouseholdWrites } from "../shared/guard";
import { StaffMember } from "../staff/staff.entity";
import { CaseFile, CaseFileEvent, SocialInquiry } from "./case-file.entity";
import {
  AssignSocialWorkerInput,
  CaseFileFilter,
  CloseCaseFileInput,
  OpenCaseFileInput,
  RecordSocialInquiryInput,
  TransferCaseFileInput,
} from "./case-file.inputs";
import { assignSocialWorker, endCaseFile, openCaseFile, recordSocialInquiry } from "./case-file.service";

type Ctx = SubgraphContext<SocialLoaders>;

export const CaseFileConnection = ConnectionType(
  "CaseFile",
  CaseFile,
  "A page of case files, with the total.",
  "SOCIAL_FINANCIAL",
);

/** Most recently opened first; the keyset cursors follow this order. */
const CASE_FILE_ORDER: KeyColumn[] = [
  { sql: "c.opened_on", cast: "date", desc: true },
  { sql: "c.id", cast: "uuid" },
];

@ObjectType({
  description:
    "Case files opened (inflow) and transferred or closed (outflow) in one ISO week. Each is a count of households " +
    "served: 1–4 is suppressed, and transferred and closed are suppressed together when one of them is (outflow is " +
    "their total).",
})
@Personal("AGGREGATES")
export class WeeklyCaseFlow {
  @Field({ description: 'ISO 8601 week, e.g. "2026-W48".' })
  isoWeek: string;

  @Field(() => DateScalar, { description: "Monday of the week." })
  weekStart: string;

  @Field(() => SuppressedCount, { description: "Case files opened (inflow)." })
  opened: SuppressedCount;

  @Field(() => SuppressedCount, { description: "Case files transferred to a regular welfare office that week." })
  transferred: SuppressedCount;

  @Field(() => SuppressedCount, { description: "Case files closed that week." })
  closed: SuppressedCount;

  @Field(() => SuppressedCount, { description: "Transferred plus closed (outflow)." })
  outflow: SuppressedCount;
}

const SOCIAL = ["SOCIAL_WORKER", "OCMW_ADMIN"] as const;

@Resolver(() => CaseFile)
export class CaseFileResolver {
  @Personal("SOCIAL_FINANCIAL", { scopedBy: "resolver" })
  @Query(() => CaseFile, { nullable: true, description: "One case file by ID; null when unknown." })
  @Authorized(...SOCIAL)
  async caseFile(
    @Arg("id", () => ID, { description: "The case file's identifier." }) id: string,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CaseFile | null> {
    const caseFile = await ctx.loaders.caseFileById.load(assertUuid(id, "id"));
    if (caseFile) await guardHousehold(ctx, info, "SOCIAL_FINANCIAL", "READ", caseFile.householdId);
    return caseFile;
  }

  @Personal("SOCIAL_FINANCIAL", { scopedBy: "resolver" })
  @Query(() => CaseFileConnection, { description: "Case files, most recently opened first." })
  @Authorized(...SOCIAL)
  async caseFiles(
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, {
      description: "How many case files to return (default 50, at most 100).",
      nullable: true,
    })
    first?: number,
    @Arg("after", () => String, {
      description: "Cursor of the last case file already seen (pageInfo.endCursor); omit for the first page.",
      nullable: true,
    })
    after?: string,
    @Arg("filter", () => CaseFileFilter, {
      description: "Narrows the list; omit for all case files you may read.",
      nullable: true,
    })
    filter?: CaseFileFilter,
  ) {
    const f = filter ?? {};
    const page = parseKeysetPage(first, after, f, CASE_FILE_ORDER.length);
    const qb = ctx.dataSource.getRepository(CaseFile).createQueryBuilder("c");
    if (f.status) qb.andWhere("c.status = :status", { status: f.status });
    if (f.source) qb.andWhere("c.source = :source", { source: f.source });
    if (f.socialWorkerId)
      qb.andWhere("c.social_worker_id = :sw", { sw: assertUuid(f.socialWorkerId, "filter.socialWorkerId") });
    if (f.householdId) qb.andWhere("c.household_id = :hh", { hh: assertUuid(f.householdId, "filter.householdId") });
    if (f.unassigned) qb.andWhere("c.status = 'OPEN' AND c.social_worker_id IS NULL");
    const { total, rows } = await keysetPage(qb, "c.id", CASE_FILE_ORDER, page);
    const found = inPageOrder(rows, await ctx.loaders.caseFileById.loadMany(rows.map((r) => r.id)));
    const items = found.slice(0, page.limit).map((r) => r.node);
    const members = await Promise.all(items.map((c) => ctx.loaders.membersByHousehold.load(c.householdId)));
    await guardPeople(
      ctx,
      info,
      "SOCIAL_FINANCIAL",
      "READ",
      members.flat().map((m) => m.id),
    );
    return keysetConnection(found, page, total);
  }

  @Personal("AGGREGATES")
  @Query(() => [WeeklyCaseFlow], {
    description:
      "Inflow (opened) and outflow (transferred or closed) of case files per ISO week, Monday to Sunday; counts of " +
      "1–4 suppressed. With filter: case files of households with a member placed at the selected sites in the period.",
  })
  @Authorized(...SOCIAL, "ANALYST")
  async caseFileFlow(
    @Arg("from", () => DateScalar, { description: "First day of the period (included)." }) from: string,
    @Arg("to", () => DateScalar, { description: "Last day of the period (included)." }) to: string,
    @Ctx() ctx: Ctx,
    @Arg("filter", () => CoordinationFilter, {
      nullable: true,
      description: "Only case files of households with a member placed at the selected sites during the period.",
    })
    filter?: CoordinationFilter | null,
  ): Promise<WeeklyCaseFlow[]> {
    if (!isIsoDate(from)) throw badInput("from", `from ${JSON.stringify(from)} is not a date.`);
    if (!isIsoDate(to)) throw badInput("to", `to ${JSON.stringify(to)} is not a date.`);
    if (to < from) throw badInput("to", `to ${to} is before from ${from}.`);
    const days = (Date.parse(to) - Date.parse(from)) / 86400000;
    if (days > 731) throw badInput("to", `The period ${from} to ${to} is longer than two years.`);
    if (filter?.siteId != null) assertUuid(filter.siteId, "filter.siteId");
    // Narrowed to sites: housing says who lived there; unfiltered, no ID list at all.
    const among = isSiteFilter(filter) ? [...(await ctx.loaders.sites.residents(filter, from, to))] : null;
    const rows: { isoWeek: string; weekStart: string; opened: number; transferred: number; closed: number }[] =
      await ctx.dataSource.query(
        `WITH weeks AS (
           SELECT generate_series(date_trunc('week', $1::date), date_trunc('week', $2::date), interval '1 week')::date AS week_start
         ), scoped AS (
           SELECT c.* FROM case_file c
           WHERE $3::uuid[] IS NULL
              OR c.household_id IN (SELECT p.household_id FROM person p WHERE p.id = ANY($3::uuid[]))
         )
         SELECT to_char(w.week_start, 'IYYY-"W"IW') AS "isoWeek", w.week_start::text AS "weekStart",
                count(*) FILTER (WHERE c.opened_on >= w.week_start AND c.opened_on < w.week_start + 7
                                 AND c.opened_on BETWEEN $1 AND $2)::int AS opened,
                count(*) FILTER (WHERE c.status = 'TRANSFERRED' AND c.ended_on >= w.week_start
                                 AND c.ended_on < w.week_start + 7 AND c.ended_on BETWEEN $1 AND $2)::int AS transferred,
                count(*) FILTER (WHERE c.status = 'CLOSED' AND c.ended_on >= w.week_start
                                 AND c.ended_on < w.week_start + 7 AND c.ended_on BETWEEN $1 AND $2)::int AS closed
         FROM weeks w
         LEFT JOIN scoped c ON (c.opened_on >= w.week_start AND c.opened_on < w.week_start + 7)
                            OR (c.ended_on >= w.week_start AND c.ended_on < w.week_start + 7)
         GROUP BY w.week_start ORDER BY w.week_start`,
        [from, to, among],
      );
    return rows.map((r) => {
      const [transferred, closed] = suppressCounts([r.transferred, r.closed]);
      return {
        isoWeek: r.isoWeek,
        weekStart: r.weekStart,
        opened: suppressCount(r.opened),
        transferred,
        closed,
        outflow: suppressCount(r.transferred + r.closed),
      };
    });
  }

  @FieldResolver(() => Household, { description: "The household the case file is about." })
  async household(@Root() caseFile: CaseFile, @Ctx() ctx: Ctx): Promise<Household> {
    return (await ctx.loaders.householdById.load(caseFile.householdId))!;
  }

  @FieldResolver(() => StaffMember, { nullable: true, description: "The assigned social worker." })
  socialWorker(@Root() caseFile: CaseFile, @Ctx() ctx: Ctx): Promise<StaffMember | null> {
    return caseFile.socialWorkerId ? ctx.loaders.staffById.load(caseFile.socialWorkerId) : Promise.resolve(null);
  }

  @FieldResolver(() => [CaseFileEvent], { description: "Every step, oldest first: opened, (re)assigned, ended." })
  history(@Root() caseFile: CaseFile, @Ctx() ctx: Ctx): Promise<CaseFileEvent[]> {
    return ctx.loaders.caseFileEvents.load(caseFile.id);
  }

  @FieldResolver(() => [SocialInquiry], { description: "Social inquiries on this case file, oldest first." })
  inquiries(@Root() caseFile: CaseFile, @Ctx() ctx: Ctx): Promise<SocialInquiry[]> {
    return ctx.loaders.inquiriesByCaseFile.load(caseFile.id);
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => CaseFile, {
    description: "Opens a case file for a household. CONFLICT when the household already has an open one.",
  })
  @Authorized(...SOCIAL)
  async openCaseFile(
    @Arg("input", () => OpenCaseFileInput, { description: "The household, who referred it, and when." })
    input: OpenCaseFileInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CaseFile> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    return this.change(ctx, info, (m) => openCaseFile(m, input, ctx.caller.sub));
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => CaseFile, { description: "Assigns or reassigns an open case file to a social worker." })
  @Authorized(...SOCIAL)
  async assignSocialWorker(
    @Arg("input", () => AssignSocialWorkerInput, { description: "The case file and the social worker." })
    input: AssignSocialWorkerInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CaseFile> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    return this.change(ctx, info, (m) => assignSocialWorker(m, input, ctx.caller.sub));
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => CaseFile, {
    description: "Transfers an open case file to a regular welfare office (CONFLICT when not open).",
  })
  @Authorized(...SOCIAL)
  async transferCaseFile(
    @Arg("input", () => TransferCaseFileInput, { description: "The case file and where it goes." })
    input: TransferCaseFileInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CaseFile> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    return this.change(ctx, info, (m) => endCaseFile(m, input, ctx.caller.sub));
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => CaseFile, { description: "Closes an open case file with a reason (CONFLICT when not open)." })
  @Authorized(...SOCIAL)
  async closeCaseFile(
    @Arg("input", () => CloseCaseFileInput, { description: "The case file and why it closes." })
    input: CloseCaseFileInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CaseFile> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    return this.change(ctx, info, (m) => endCaseFile(m, input, ctx.caller.sub));
  }

  /** Makes a change to a case file and records it for the household's members, in one transaction. */
  private async change(
    ctx: Ctx,
    info: GraphQLResolveInfo,
    write: (m: EntityManager) => Promise<string>,
  ): Promise<CaseFile> {
    const id = await ctx.access.transaction(async (m) => {
      const changed = await write(m);
      const caseFile = await m.getRepository(CaseFile).findOneBy({ id: changed });
      if (!caseFile) throw notFound("Case file", changed);
      await recordHouseholdWrites(ctx, info, "SOCIAL_FINANCIAL", caseFile.householdId);
      return changed;
    });
    ctx.loaders.caseFileById.clear(id);
    return (await ctx.loaders.caseFileById.load(id))!;
  }
}

@Resolver(() => SocialInquiry)
export class SocialInquiryResolver {
  @FieldResolver(() => StaffMember, { description: "Who carried out the inquiry." })
  async investigator(@Root() inquiry: SocialInquiry, @Ctx() ctx: Ctx): Promise<StaffMember> {
    return (await ctx.loaders.staffById.load(inquiry.investigatorId))!;
  }

  @Personal("SOCIAL_FINANCIAL", { scopedBy: "resolver" })
  @FieldResolver(() => CaseFile, { description: "The case file the inquiry belongs to." })
  async caseFile(@Root() inquiry: SocialInquiry, @Ctx() ctx: Ctx): Promise<CaseFile> {
    return (await ctx.loaders.caseFileById.load(inquiry.caseFileId))!;
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => SocialInquiry, {
    description: "Records a social inquiry. UNQUALIFIED when the investigator holds no qualifying diploma.",
  })
  @Authorized(...SOCIAL)
  async recordSocialInquiry(
    @Arg("input", () => RecordSocialInquiryInput, {
      description: "The case file, the day and the summary of the inquiry.",
    })
    input: RecordSocialInquiryInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SocialInquiry> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    return ctx.access.transaction(async (m) => {
      const id = await recordSocialInquiry(m, input, ctx.caller.sub);
      const inquiry = (await m.getRepository(SocialInquiry).findOneBy({ id }))!;
      const caseFile = (await m.getRepository(CaseFile).findOneBy({ id: inquiry.caseFileId }))!;
      await recordHouseholdWrites(ctx, info, "SOCIAL_FINANCIAL", caseFile.householdId);
      return inquiry;
    });
  }
}

@Resolver(() => CaseFileEvent)
export class CaseFileEventResolver {
  @FieldResolver(() => StaffMember, { nullable: true, description: "Social worker assigned after this step." })
  socialWorker(@Root() event: CaseFileEvent, @Ctx() ctx: Ctx): Promise<StaffMember | null> {
    return event.socialWorkerId ? ctx.loaders.staffById.load(event.socialWorkerId) : Promise.resolve(null);
  }
}
