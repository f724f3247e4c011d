import { assertUuid, isUuid, operationName, Personal, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, Directive, ID, Info, Query, Resolver } from "type-graphql";
import { requireSiteHousingAccess } from "../access/site-access";
import { HousingLoaders } from "../loaders";

type Ctx = SubgraphContext<HousingLoaders>;

/** Most people education may ask about at once (one period's first enrolments). */
const MAX_ASKED = 50_000;

@Resolver()
export class ArrivalsResolver {
  /**
   * For education's time to school per site: which of the given people
   * arrived at the site (their first placement was there). Housing data about
   * where people lived, so only callers who may read the site's housing data
   * get an answer (housing and site coordinators, social workers, OCMW
   * administration, with a purpose that covers housing); an analyst does not.
   * Each person asked about is audited.
   */
  @Personal("HOUSING", { scopedBy: "resolver" })
  @Directive("@inaccessible")
  @Query(() => [ID], {
    description: "Which of these people arrived at the site (first placement there). For education's time to school.",
  })
  async peopleArrivedAtSite(
    @Arg("siteId", () => ID) siteId: string,
    @Arg("personIds", () => [ID]) personIds: string[],
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string[]> {
    const operation = operationName(ctx, info);
    const field = "Query.peopleArrivedAtSite";
    assertUuid(siteId, "siteId");
    requireSiteHousingAccess(ctx, siteId, "READ", field, operation);
    const ids = [...new Set(personIds.filter(isUuid))].slice(0, MAX_ASKED);
    if (!ids.length) return [];
    const rows: { person_id: string }[] = await ctx.dataSource.query(
      `SELECT person_id FROM (
         SELECT DISTINCT ON (person_id) person_id, site_id FROM placement
         WHERE person_id = ANY($1::uuid[]) ORDER BY person_id, move_in_date, created_at
       ) first WHERE site_id = $2`,
      [ids, siteId],
    );
    for (const personId of ids) {
      ctx.audit.record({ category: "HOUSING", action: "READ", personId, field, operation, outcome: "ALLOWED" });
    }
    return rows.map((r) => r.person_id);
  }
}
