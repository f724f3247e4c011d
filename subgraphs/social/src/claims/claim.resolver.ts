import {
  assertUuid,
  ConnectionType,
  inPageOrder,
  KeyColumn,
  keysetCondition,
  keysetConnection,
  keysetPage,
  parseKeysetPage,
  Personal,
  SubgraphContext,
  positionalBinder,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { EntityManager } from "typeorm";
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
  "SOCIAL_FINANCIAL",
);

/** Oldest period first; the keyset cursors follow this order. */
const CLAIM_ORDER: KeyColumn[] = [
  { sql: "c.from_month", cast: "text" },
  { sql: "c.created_at", cast: "timestamptz" },
  { sql: "c.id", cast: "uuid" },
];
const UNCLAIMED_ORDER: KeyColumn[] = [
  { sql: "min(p.month)", cast: "text" },
  { sql: "p.support_decision_id", cast: "uuid" },
];
export const UnclaimedSupportConnection = ConnectionType(
  "UnclaimedSupport",
  UnclaimedSupport,
  "A page of support paid but not yet claimed, one line per decision, with the total.",
  "SOCIAL_FINANCIAL",
);

/** The people the claims' decisions are about, for the access check and audit. */
async function personIdsOf(ctx: Ctx, decisionIds: string[]): Promise<string[]> {
  const decisions = await ctx.loaders.supportDecisionById.loadMany(decisionIds);
  return decisions.filter((d): d is SupportDecision => !!d && !(d instanceof Error)).map((d) => d.personId);
}

@Resolver(() => ReimbursementClaim)
export class ReimbursementClaimResolver {
  @Personal("SOCIAL_FINANCIAL", { scopedBy: "resolver" })
  @Query(() => ReimbursementClaimConnection, { description: "Reimbursement claims, oldest period first." })
  @Authorized(...SOCIAL)
  async reimbursementClaims(
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, { description: "How many claims to return (default 50, at most 100).", nullable: true })
    first?: number,
    @Arg("after", () => String, {
      description: "Cursor of the last claim already seen (pageInfo.endCursor); omit for the first page.",
      nullable: true,
    })
    after?: string,
    @Arg("filter", () => ReimbursementClaimFilter, {
      description: "Narrows the list; omit for all claims.",
      nullable: true,
    })
    filter?: ReimbursementClaimFilter,
  ) {
    const page = parseKeysetPage(first, after, filter ?? {}, CLAIM_ORDER.length);
    const qb = ctx.dataSource.getRepository(ReimbursementClaim).createQueryBuilder("c");
    if (filter?.status) qb.andWhere("c.status = :status", { status: filter.status });
    if (filter?.supportDecisionId)
      qb.andWhere("c.support_decision_id = :d", {
        d: assertUuid(filter.supportDecisionId, "filter.supportDecisionId"),
      });
    const { total, rows } = await keysetPage(qb, "c.id", CLAIM_ORDER, page);
    const found = inPageOrder(rows, await ctx.loaders.claimById.loadMany(rows.map((r) => r.id)));
    const items = found.slice(0, page.limit).map((r) => r.node);
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
    return keysetConnection(found, page, total);
  }

  @Personal("SOCIAL_FINANCIAL", { scopedBy: "resolver" })
  @Query(() => UnclaimedSupportConnection, {
    description: "Support paid but not yet claimed from the federal service, one line per decision, oldest first.",
  })
  @Authorized(...SOCIAL)
  async unclaimedSupport(
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, { description: "How many lines to return (default 50, at most 100).", nullable: true })
    first?: number,
    @Arg("after", () => String, {
      description: "Cursor of the last line already seen (pageInfo.endCursor); omit for the first page.",
      nullable: true,
    })
    after?: string,
  ) {
    const page = parseKeysetPage(first, after, {}, UNCLAIMED_ORDER.length);
    const params: unknown[] = [];
    const param = positionalBinder(params);
    const having = page.after ? `HAVING ${keysetCondition(UNCLAIMED_ORDER, page.after, param)}` : "";
    const rows: UnclaimedSupport[] = await ctx.dataSource.query(
      `SELECT p.support_decision_id AS "supportDecisionId", min(p.month) AS "fromMonth", max(p.month) AS "toMonth",
              count(*)::int AS payments, sum(p.amount) AS amount
       FROM support_payment p WHERE ${UNCLAIMED}
       GROUP BY p.support_decision_id ${having} ORDER BY min(p.month), p.support_decision_id
       LIMIT ${param(page.limit + 1)}`,
      params,
    );
    const [{ n: total }] = await ctx.dataSource.query(
      `SELECT count(DISTINCT p.support_decision_id) AS n FROM support_payment p WHERE ${UNCLAIMED}`,
    );
    const items = rows.slice(0, page.limit);
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
    return keysetConnection(
      rows.map((line) => ({ key: [line.fromMonth, line.supportDecisionId], node: line })),
      page,
      total,
    );
  }

  @FieldResolver(() => SupportDecision, { description: "The support decision the claim is for." })
  async supportDecision(@Root() claim: ReimbursementClaim, @Ctx() ctx: Ctx): Promise<SupportDecision> {
    return (await ctx.loaders.supportDecisionById.load(claim.supportDecisionId))!;
  }

  @FieldResolver(() => [SupportPayment], { description: "The monthly payments this claim covers." })
  payments(@Root() claim: ReimbursementClaim, @Ctx() ctx: Ctx): Promise<SupportPayment[]> {
    return ctx.loaders.paymentsByClaim.load(claim.id);
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => ReimbursementClaim, {
    description: "Claims the unclaimed payments of a support decision between two months (status TO_SUBMIT).",
  })
  @Authorized(...SOCIAL)
  async createReimbursementClaim(
    @Arg("input", () => CreateReimbursementClaimInput, { description: "The support decision to claim for." })
    input: CreateReimbursementClaimInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReimbursementClaim> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    return this.change(ctx, info, (m) => createClaim(m, input, ctx.caller.sub));
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => ReimbursementClaim, {
    description: "Moves a claim to SUBMITTED, ACCEPTED or REJECTED (CONFLICT on a step not allowed from its status).",
  })
  @Authorized(...SOCIAL)
  async updateReimbursementClaim(
    @Arg("input", () => UpdateReimbursementClaimInput, { description: "The claim and its new status." })
    input: UpdateReimbursementClaimInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReimbursementClaim> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    return this.change(ctx, info, (m) => updateClaim(m, input));
  }

  /** Makes a change to a claim and records it for the decision's person, in one transaction. */
  private change(
    ctx: Ctx,
    info: GraphQLResolveInfo,
    write: (m: EntityManager) => Promise<string>,
  ): Promise<ReimbursementClaim> {
    return ctx.access.transaction(async (m) => {
      const claim = (await m.getRepository(ReimbursementClaim).findOneBy({ id: await write(m) }))!;
      recordWrites(ctx, info, "SOCIAL_FINANCIAL", await personIdsOf(ctx, [claim.supportDecisionId]));
      return claim;
    });
  }
}

@Resolver(() => UnclaimedSupport)
export class UnclaimedSupportResolver {
  @FieldResolver(() => SupportDecision, { description: "The support decision whose payments are not yet claimed." })
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
