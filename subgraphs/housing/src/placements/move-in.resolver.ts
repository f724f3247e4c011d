import {
  assertUuid,
  badInput,
  DateScalar,
  hasRole,
  operationName,
  Personal,
  SubgraphContext,
  todayInBrussels,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, Directive, Field, ID, Info, ObjectType, Query, Resolver } from "type-graphql";
import { residentsOfCallerSites } from "../access/own-scope";
import { HousingLoaders } from "../loaders";

type Ctx = SubgraphContext<HousingLoaders>;

/** Most people one call may ask about: education asks about one page of candidates at a time. */
export const MOVE_INS_MAX = 1000;

/**
 * Internal, for education's compulsory-schooling alert: the day a child moved
 * in at their current site. The day alone is used as education data (when the
 * child's wait for a school began), checked under EDUCATION in the resolver;
 * the site is housing data, checked per person under HOUSING.
 */
@ObjectType({ description: "Internal: the day a person moved in at their current site (education's alert)." })
@Personal("EDUCATION", { scopedBy: "resolver" })
export class MoveInForSchooling {
  @Field(() => ID, { description: "The person who moved in." })
  personId: string;

  @Field(() => DateScalar, { description: "Move-in day of the open placement." })
  moveInDate: string;

  @Field(() => ID, { description: "The site; housing data (only for callers who may read the person's placement)." })
  @Personal("HOUSING", { person: (r: { personId: string }) => r.personId })
  siteId: string;
}

@Resolver()
export class MoveInResolver {
  @Query(() => [MoveInForSchooling], {
    description:
      "Internal (education's compulsory-schooling alert): the open placement's move-in day of each of personIds " +
      "the caller may read education data of (social workers: all; site coordinators: their residents; school " +
      "staff: their schools' children, asked of education). People without an open placement are left out.",
  })
  @Directive("@inaccessible")
  @Authorized()
  @Personal("EDUCATION", { scopedBy: "resolver" })
  async _moveIns(
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg("personIds", () => [ID]) personIds: string[],
  ): Promise<MoveInForSchooling[]> {
    if (personIds.length > MOVE_INS_MAX)
      throw badInput("personIds", `personIds has ${personIds.length} IDs; at most ${MOVE_INS_MAX} are allowed.`);
    let ids = [...new Set(personIds.map((id, i) => assertUuid(id, `personIds[${i}]`)))];
    if (ctx.access.level("EDUCATION") === "OWN") {
      // The caller's own for education data: a site coordinator's residents (here), school staff's pupils (education).
      const own = new Set<string>();
      if (hasRole(ctx.caller, "SITE_COORDINATOR"))
        for (const id of await residentsOfCallerSites(ctx.dataSource, ctx.caller, ids)) own.add(id);
      if (ctx.loaders.educationPupils) for (const id of await ctx.loaders.educationPupils.ownAmong(ids)) own.add(id);
      ids = ids.filter((id) => own.has(id));
    }
    if (ids.length === 0) return [];
    const rows: { person_id: string; move_in_date: string; site_id: string }[] = await ctx.dataSource.query(
      `SELECT person_id, to_char(move_in_date, 'YYYY-MM-DD') AS move_in_date, site_id FROM placement
       WHERE person_id = ANY($1::uuid[]) AND move_out_date IS NULL AND move_in_date <= $2::date`,
      [ids, todayInBrussels()],
    );
    const operation = operationName(ctx, info);
    for (const r of rows) {
      ctx.audit.record({
        category: "EDUCATION",
        action: "READ",
        personId: r.person_id,
        field: "Query._moveIns",
        operation,
        outcome: "ALLOWED",
      });
    }
    return rows.map((r) => ({ personId: r.person_id, moveInDate: r.move_in_date, siteId: r.site_id }));
  }
}
