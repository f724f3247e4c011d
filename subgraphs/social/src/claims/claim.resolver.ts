import { assertUuid, ConnectionType, parsePage, SubgraphContext, toConnection } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { SocialLoaders } from "../loaders";
import { guardPeople, guardWrite, recordWrites } from "../shared/guard";
import { SupportDecision, SupportPayment } from "../support/support.entity";
import { ReimbursementClaim, UnclaimedSupport } from "./claim.entity";
import { CreateReimbursementClaimInput, ReimbursementClaimFilter, UpdateReimbursementClaimInput } from "./claim.inputs";
import { createClaim, UNCLAIMED, updateClaim } from "./claim.service";

type Ctx = SubgraphContext<SocialLoaders>;
const SOCIAL = ["SOCIAL_WORKER", "OCMW_ADMIN"] as const;

export const ReimbursementClaimConnection = ConnectionType(
  "ReimbursementClaim",
  ReimbursementClaim,
  "A page of reimbursement claims, with the total.",
);
export const UnclaimedSupportConnection = ConnectionType(
  "UnclaimedSupport",
  UnclaimedSupport,
  "A page of support paid but not yet claimed, one line per decision, with the total.",
);

/** The people the claims' decisions are about, for the access check and audit. */
async function personIdsOf(ctx: Ctx, decisionIds: string[]): Promise<string[]> {
  const decisions = await ctx.loaders.supportDecisionById.loadMany(decisionIds);
  return decisions.filter((d): d is SupportDecision => !!d && !(d instanceof Error)).map((d) => d.personId);
}

@Resolver(() => ReimbursementClaim)
export class ReimbursementClaimResolver {
  @Query(() => ReimbursementClaimConnection, { description: "Reimbursement claims, oldest period first." })
  @Authorized(...SOCIAL)
  async reimbursementClaims(
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
    @Arg("filter", () => ReimbursementClaimFilter, { nullable: true }) filter?: ReimbursementClaimFilter,
  ) {
    const page = parsePage(first, after);
    const qb = ctx.dataSource.getRepository(ReimbursementClaim).createQueryBuilder("c");
    if (filter?.status) qb.andWhere("c.status = :status", { status: filter.status });
    if (filter?.supportDecisionId)
      qb.andWhere("c.support_decision_id = :d", {
        d: assertUuid(filter.supportDecisionId, "filter.supportDecisionId"),
      });
    const [items, total] = await qb
      .orderBy("c.from_month")
      .addOrderBy("c.created_at")
      .addOrderBy("c.id")
      .skip(page.offset)
      .take(page.limit)
      .getManyAndCount();
    await guardPeople(
      ctx,
      info,
      "SOCIAL_FINANCIAL",
      "READ",
      await personIdsOf(
        ctx,
        items.map((c) => c.supportDecisionId),
      ),
    );
    return toConnection(items, total, page);
  }

  @Query(() => UnclaimedSupportConnection, {
    description: "Support paid but not yet claimed from the federal service, one line per decision, oldest first.",
  })
  @Authorized(...SOCIAL)
  async unclaimedSupport(
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    const page = parsePage(first, after);
    const rows: (UnclaimedSupport & { total: number })[] = await ctx.dataSource.query(
      `SELECT p.support_decision_id AS "supportDecisionId", min(p.month) AS "fromMonth", max(p.month) AS "toMonth",
              count(*)::int AS payments, sum(p.amount) AS amount, count(*) OVER () AS total
       FROM support_payment p WHERE ${UNCLAIMED}
       GROUP BY p.support_decision_id ORDER BY min(p.month), p.support_decision_id
       LIMIT $1 OFFSET $2`,
      [page.limit, page.offset],
    );
    let total = rows[0]?.total ?? 0;
    if (!rows.length && page.offset > 0) {
      const [{ n }] = await ctx.dataSource.query(
        `SELECT count(DISTINCT p.support_decision_id) AS n FROM support_payment p WHERE ${UNCLAIMED}`,
      );
      total = n;
    }
    const items = rows.map(({ total: _t, ...line }) => line);
    await guardPeople(
      ctx,
      info,
      "SOCIAL_FINANCIAL",
      "READ",
      await personIdsOf(
        ctx,
        items.map((l) => l.supportDecisionId),
      ),
    );
    return toConnection(items, total, page);
  }

  @FieldResolver(() => SupportDecision)
  async supportDecision(@Root() claim: ReimbursementClaim, @Ctx() ctx: Ctx): Promise<SupportDecision> {
    return (await ctx.loaders.supportDecisionById.load(claim.supportDecisionId))!;
  }

  @FieldResolver(() => [SupportPayment], { description: "The monthly payments this claim covers." })
  payments(@Root() claim: ReimbursementClaim, @Ctx() ctx: Ctx): Promise<SupportPayment[]> {
    return ctx.loaders.paymentsByClaim.load(claim.id);
  }

  @Mutation(() => ReimbursementClaim, {
    description: "Claims the unclaimed payments of a support decision between two months (status TO_SUBMIT).",
  })
  @Authorized(...SOCIAL)
  async createReimbursementClaim(
    @Arg("input", () => CreateReimbursementClaimInput) input: CreateReimbursementClaimInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReimbursementClaim> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    const id = await createClaim(ctx.dataSource, input, ctx.caller.sub);
    return this.afterChange(id, ctx, info);
  }

  @Mutation(() => ReimbursementClaim, {
    description: "Moves a claim to SUBMITTED, ACCEPTED or REJECTED (CONFLICT on a step not allowed from its status).",
  })
  @Authorized(...SOCIAL)
  async updateReimbursementClaim(
    @Arg("input", () => UpdateReimbursementClaimInput) input: UpdateReimbursementClaimInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReimbursementClaim> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    const id = await updateClaim(ctx.dataSource, input);
    return this.afterChange(id, ctx, info);
  }

  private async afterChange(id: string, ctx: Ctx, info: GraphQLResolveInfo): Promise<ReimbursementClaim> {
    const claim = (await ctx.dataSource.getRepository(ReimbursementClaim).findOneBy({ id }))!;
    recordWrites(ctx, info, "SOCIAL_FINANCIAL", await personIdsOf(ctx, [claim.supportDecisionId]));
    return claim;
  }
}

@Resolver(() => UnclaimedSupport)
export class UnclaimedSupportResolver {
  @FieldResolver(() => SupportDecision)
  async supportDecision(@Root() line: UnclaimedSupport, @Ctx() ctx: Ctx): Promise<SupportDecision> {
    return (await ctx.loaders.supportDecisionById.load(line.supportDecisionId))!;
  }
}

@Resolver(() => SupportDecision)
export class SupportDecisionClaimResolver {
  @FieldResolver(() => [ReimbursementClaim], { description: "Reimbursement claims on this decision." })
  claims(@Root() decision: SupportDecision, @Ctx() ctx: Ctx): Promise<ReimbursementClaim[]> {
    return ctx.loaders.claimsByDecision.load(decision.id);
  }
}
