import {
  assertUuid,
  badInput,
  DateScalar,
  forbidden,
  hasRole,
  NotPersonal,
  operationName,
  Personal,
  SubgraphContext,
  suppressCount,
  SuppressedCount,
  suppressCounts,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { isCityEducationService } from "../access/education-access";
import { EducationLoaders } from "../loaders";
import { School } from "../schools/school.entity";
import { Site } from "../sites/site.entity";
import { Activity, ActivityAttendanceCount } from "./activity.entity";
import { RecordActivityInput } from "./activity.inputs";
import { activityIds, recordActivity, ValidActivity, validateActivity } from "./activity.service";

type Ctx = SubgraphContext<EducationLoaders>;

/**
 * Who may record an activity at a site: the housing coordinator (any site),
 * the city's education service (any site), a site coordinator for their own
 * sites, and a school's staff for an activity their own school organised.
 * An activity names no one, but a record in another site's name is still
 * refused, audited, and nothing is written.
 */
function authorizeActivityWrite(ctx: Ctx, valid: ValidActivity, field: string, operation: string): void {
  const { caller } = ctx;
  if (hasRole(caller, "HOUSING_COORDINATOR") || isCityEducationService(caller)) return;
  if (hasRole(caller, "SITE_COORDINATOR") && caller.sites.map((s) => s.toLowerCase()).includes(valid.siteId)) return;
  if (hasRole(caller, "SCHOOL_STAFF") && valid.schoolId && caller.schools.includes(valid.schoolId)) return;
  ctx.audit.record({
    category: "AGGREGATES",
    action: "WRITE",
    personId: null,
    field,
    operation,
    outcome: "REFUSED",
    reason: "FORBIDDEN",
  });
  throw forbidden(
    `${field}: site ${valid.siteId} is not one of your sites` +
      (hasRole(caller, "SCHOOL_STAFF") ? " and input.schoolId does not name one of your schools" : "") +
      "; its site coordinator, the housing coordinator or the city education service can record it.",
  );
}

@Resolver(() => Activity)
export class ActivityResolver {
  @NotPersonal("an activity at a site with attendance counts by age band and sex; no participant is named")
  @Mutation(() => Activity, {
    description:
      "Records a recreational or educational activity held at a site, with attendance counted by age band and " +
      "sex (no names). For the site's coordinator, the housing coordinator, the city education service, or a " +
      "school's staff for an activity their school organised. Repeat-safe with idempotencyKey.",
  })
  @Authorized("SITE_COORDINATOR", "HOUSING_COORDINATOR", "SCHOOL_STAFF")
  async recordActivity(
    @Arg("input", () => RecordActivityInput, {
      description: "The activity, its site and day, and the attendance counts.",
    })
    input: RecordActivityInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Activity> {
    const operation = operationName(ctx, info);
    const valid = validateActivity(input);
    authorizeActivityWrite(ctx, valid, "Mutation.recordActivity", operation);
    await ctx.loaders.housing.requireSite(valid.siteId, "input.siteId");
    const id = await recordActivity(ctx.dataSource, input, valid, ctx.caller.sub);
    return (await ctx.loaders.activityById.load(id))!;
  }

  @NotPersonal("activities at sites; their attendance counts are declared on their own fields")
  @Query(() => [Activity], {
    description:
      "Activities held at one site (or every site) between two days, both included, newest first; each with its " +
      "attendance by age band and sex and the total.",
  })
  @Authorized()
  async activities(
    @Ctx() ctx: Ctx,
    @Arg("siteId", () => ID, { description: "Only this site; omit for every site.", nullable: true })
    siteId?: string | null,
    @Arg("from", () => DateScalar, { description: "First day (included); omit for no start.", nullable: true })
    from?: string | null,
    @Arg("to", () => DateScalar, { description: "Last day (included); omit for no end.", nullable: true })
    to?: string | null,
  ): Promise<Activity[]> {
    const site = siteId == null ? null : assertUuid(siteId, "siteId");
    if (from && to && from > to) throw badInput("to", `to ${to} is before from ${from}.`);
    if (site) await ctx.loaders.housing.requireSite(site, "siteId");
    const ids = await activityIds(ctx.dataSource, { siteId: site, from: from ?? null, to: to ?? null });
    const loaded = await ctx.loaders.activityById.loadMany(ids);
    return loaded.filter((a): a is Activity => a !== null && !(a instanceof Error));
  }

  @FieldResolver(() => Site, { nullable: true, description: "The site where it took place." })
  site(@Root() activity: Activity): Site {
    return { id: activity.siteId };
  }

  @FieldResolver(() => School, { nullable: true, description: "The school that organised it, if one did." })
  school(@Root() activity: Activity, @Ctx() ctx: Ctx): Promise<School | null> | null {
    return activity.schoolId ? ctx.loaders.schoolById.load(activity.schoolId) : null;
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => [ActivityAttendanceCount], {
    description:
      "Participants by age band and sex (only the groups that came), youngest band first; groups of 1–4 suppressed, " +
      "and one more when a single one is (totalAttendance would give it back).",
  })
  async attendance(@Root() activity: Activity, @Ctx() ctx: Ctx): Promise<ActivityAttendanceCount[]> {
    const rows = await ctx.loaders.attendanceByActivity.load(activity.id);
    const counts = suppressCounts(rows.map((r) => r.count));
    return rows.map((r, i) => ({ ageBand: r.ageBand, sex: r.sex, count: counts[i] }));
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, { description: "Participants in all; suppressed when 1–4." })
  async totalAttendance(@Root() activity: Activity, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    const rows = await ctx.loaders.attendanceByActivity.load(activity.id);
    return suppressCount(rows.reduce((sum, r) => sum + r.count, 0));
  }
}
