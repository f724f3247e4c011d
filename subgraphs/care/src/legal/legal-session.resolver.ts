import {
  assertUuid,
  ConnectionType,
  fieldName,
  KeyColumn,
  keysetCondition,
  keysetConnection,
  keysetOrder,
  NotPersonal,
  operationName,
  parseKeysetPage,
  Personal,
  SubgraphContext,
  positionalBinder,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { callerOrganisations } from "../access/care-access";
import { authorizeHealthRead } from "../access/health-access";
import { CareLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { AttendeeCount, GroupLegalSession, LegalSession } from "./legal-session.entity";
import { GroupLegalSessionFilter, RecordGroupLegalSessionInput, RecordLegalSessionInput } from "./legal-session.inputs";
import { recordGroupLegalSession, recordLegalSession, validateGroupSession } from "./legal-session.service";
import { suppressCounts } from "./suppression";

type Ctx = SubgraphContext<CareLoaders>;

export const GroupLegalSessionConnection = ConnectionType(
  "GroupLegalSession",
  GroupLegalSession,
  "A page of group legal sessions, newest first, with the total matching the filter.",
  "AGGREGATES",
);

const GROUP_ORDER: KeyColumn[] = [
  { sql: "g.date", cast: "date", desc: true },
  { sql: "g.id", cast: "uuid" },
];

/**
 * Person.legalSessions: the health rule, then only the sessions of the
 * caller's own organisation(s): a partner that took the person on for care
 * does not read another organisation's legal advice.
 */
export async function legalSessionsOf(person: Person, ctx: Ctx, info: GraphQLResolveInfo): Promise<LegalSession[]> {
  const sessions = await ctx.loaders.legalSessionsByPerson.load(person.id);
  const orgs = callerOrganisations(ctx.caller);
  const own = sessions.filter((s) => orgs.includes(s.organisation));
  await authorizeHealthRead(
    ctx,
    { personId: person.id, field: fieldName(info), operation: operationName(ctx, info) },
    () => own.length > 0,
  );
  // The person's own export holds every organisation's sessions; anyone else reads their organisation's.
  return ctx.access.isSubjectAccess(person.id) ? sessions : own;
}

@Resolver(() => LegalSession)
export class LegalSessionResolver {
  @Personal("HEALTH", { person: (_r, _c, args) => args.input.personId })
  @Mutation(() => LegalSession, {
    description:
      "Records an individual legal advice session for a person referred to your organisation (kept as health " +
      "data: only your organisation reads it back). Repeat-safe with idempotencyKey.",
  })
  @Authorized("CARE_WORKER")
  async recordLegalSession(
    @Arg("input", () => RecordLegalSessionInput, { description: "The person, the topic and the outcome." })
    input: RecordLegalSessionInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LegalSession> {
    return ctx.access.transaction(async (m) => {
      const id = await recordLegalSession(m, input, ctx.caller);
      const session = (await m.getRepository(LegalSession).findOneBy({ id }))!;
      ctx.access.recordWrite("HEALTH", session.personId, fieldName(info), operationName(ctx, info));
      return session;
    });
  }

  @FieldResolver(() => Person, { description: "The person advised." })
  person(@Root() session: LegalSession): Person {
    return { id: session.personId };
  }
}

@Resolver(() => GroupLegalSession)
export class GroupLegalSessionResolver {
  @NotPersonal("names nobody: a site, a topic, a date and counts by age band and sex")
  @Mutation(() => GroupLegalSession, {
    description: "Records a group legal information session at a site, with attendees counted by age band and sex.",
  })
  @Authorized("CARE_WORKER")
  async recordGroupLegalSession(
    @Arg("input", () => RecordGroupLegalSessionInput, { description: "The site, the topic and the attendance counts." })
    input: RecordGroupLegalSessionInput,
    @Ctx() ctx: Ctx,
  ): Promise<GroupLegalSession> {
    const { siteId } = validateGroupSession(input);
    await ctx.loaders.housing.requireSite(siteId, "input.siteId");
    const id = await recordGroupLegalSession(ctx.dataSource, input, ctx.caller);
    return (await ctx.dataSource.getRepository(GroupLegalSession).findOneBy({ id }))!;
  }

  @Personal("AGGREGATES")
  @Query(() => GroupLegalSessionConnection, {
    description: "Group legal sessions, newest first, by site, topic and period; small counts suppressed.",
  })
  async groupLegalSessions(
    @Arg("first", () => Int, { description: "How many sessions to return (default 50, at most 100).", nullable: true })
    first?: number,
    @Arg("after", () => String, {
      description: "Cursor of the last session already seen (pageInfo.endCursor); omit for the first page.",
      nullable: true,
    })
    after?: string,
    @Arg("filter", () => GroupLegalSessionFilter, {
      description: "Narrows the list; omit for all sessions.",
      nullable: true,
    })
    filter?: GroupLegalSessionFilter,
    @Ctx() ctx?: Ctx,
  ) {
    const f = filter ?? {};
    const page = parseKeysetPage(first, after, f, GROUP_ORDER.length);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = positionalBinder(params);
    if (f.siteId != null) where.push(`g.site_id = ${param(assertUuid(f.siteId, "filter.siteId"))}`);
    if (f.topic) where.push(`g.topic = ${param(f.topic)}`);
    if (f.from) where.push(`g.date >= ${param(f.from)}::date`);
    if (f.to) where.push(`g.date <= ${param(f.to)}::date`);
    const filtered = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const [{ n }] = await ctx!.dataSource.query(
      `SELECT count(*)::int AS n FROM group_legal_session g ${filtered}`,
      params,
    );
    if (page.after) where.push(keysetCondition(GROUP_ORDER, page.after, param));
    const cond = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const rows: (GroupLegalSession & { k0: string; k1: string })[] = await ctx!.dataSource.query(
      `SELECT g.id, g.site_id AS "siteId", g.organisation, g.topic, g.date::text AS date,
              g.date::text AS k0, g.id::text AS k1
       FROM group_legal_session g ${cond} ORDER BY ${keysetOrder(GROUP_ORDER)} LIMIT ${param(page.limit + 1)}`,
      params,
    );
    return keysetConnection(
      rows.map((r) => ({ key: [r.k0, r.k1], node: r })),
      page,
      n,
    );
  }

  @FieldResolver(() => [AttendeeCount], { description: "Attendees by age band and sex (only non-zero lines)." })
  @Personal("AGGREGATES")
  async attendees(@Root() session: GroupLegalSession, @Ctx() ctx: Ctx): Promise<AttendeeCount[]> {
    const rows = await ctx.loaders.attendanceBySession.load(session.id);
    return suppressCounts(rows.map((r) => ({ ageBand: r.age_band, sex: r.sex, count: r.count }))).attendees;
  }

  @FieldResolver(() => Int, { nullable: true, description: "All attendees; null when below 5 (suppressed)." })
  @Personal("AGGREGATES")
  async totalAttendees(@Root() session: GroupLegalSession, @Ctx() ctx: Ctx): Promise<number | null> {
    const rows = await ctx.loaders.attendanceBySession.load(session.id);
    return suppressCounts(rows.map((r) => ({ ageBand: r.age_band, sex: r.sex, count: r.count }))).total;
  }
}
