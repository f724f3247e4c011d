import {
  assertUuid,
  ConnectionType,
  forbidden,
  inPageOrder,
  KeyColumn,
  keysetCondition,
  keysetConnection,
  keysetOrder,
  notFound,
  operationName,
  parseKeysetPage,
  Personal,
  SubgraphContext,
  todayInBrussels,
  positionalBinder,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { callerOrganisations } from "../access/care-access";
import { CareLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { Service } from "../services/service.entity";
import { validOrganisation } from "../services/service.service";
import { CLOSED, isOverdue, RECEIVER_ONLY } from "./lifecycle";
import { Referral, ReferralTransition } from "./referral.entity";
import { CreateReferralInput, ReferralFilter, TransitionReferralInput } from "./referral.inputs";
import { createReferral, transitionReferral, validateReferral } from "./referral.service";

type Ctx = SubgraphContext<CareLoaders>;

export const ReferralConnection = ConnectionType(
  "Referral",
  Referral,
  "A page of referrals, newest first, with the total matching the filter.",
  "REFERRAL",
);

/** Newest first; the keyset cursors follow this order. */
const REFERRAL_ORDER: KeyColumn[] = [
  { sql: "r.created_at", cast: "timestamptz", desc: true },
  { sql: "r.id", cast: "uuid" },
];

const REFERRING_ROLES = ["SITE_COORDINATOR", "SOCIAL_WORKER", "CARE_WORKER", "SCHOOL_STAFF"] as const;

/**
 * Referrals are personal data (category REFERRAL): they are reached only
 * through guarded entry points (queries, mutations, Person.referrals, the
 * reference resolver), so the object's own fields need no guard.
 */
@Resolver(() => Referral)
export class ReferralResolver {
  @Personal("REFERRAL", { scopedBy: "resolver" })
  @Query(() => Referral, { nullable: true, description: "One referral by ID; null when unknown." })
  @Authorized()
  async referral(
    @Arg("id", () => ID, { description: "The referral's identifier." }) id: string,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Referral | null> {
    const referral = await ctx.loaders.referralById.load(assertUuid(id, "id"));
    if (!referral) return null;
    await ctx.access.authorize({
      category: "REFERRAL",
      action: "READ",
      personId: referral.personId,
      field: "Query.referral",
      operation: operationName(ctx, info),
    });
    return referral;
  }

  @Personal("REFERRAL", { scopedBy: "resolver" })
  @Query(() => ReferralConnection, {
    description:
      "Referrals, newest first, by status, receiving organisation or overdue. Lists only referrals of people " +
      "you may see (all for social workers; your own site's, school's or organisation's people otherwise).",
  })
  @Authorized()
  async referrals(
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, { description: "How many referrals to return (default 50, at most 100).", nullable: true })
    first?: number,
    @Arg("after", () => String, {
      description: "Cursor of the last referral already seen (pageInfo.endCursor); omit for the first page.",
      nullable: true,
    })
    after?: string,
    @Arg("filter", () => ReferralFilter, {
      description: "Narrows the list; omit for all the referrals you may read.",
      nullable: true,
    })
    filter?: ReferralFilter,
  ) {
    const f = filter ?? {};
    const page = parseKeysetPage(first, after, f, REFERRAL_ORDER.length);
    const operation = operationName(ctx, info);
    const check = { category: "REFERRAL" as const, action: "READ" as const, field: "Query.referrals", operation };
    const level = ctx.access.authorizeCategory(check);

    const where: string[] = [];
    const params: unknown[] = [];
    const param = positionalBinder(params);
    if (f.status) where.push(`r.status = ${param(f.status)}`);
    if (f.organisation != null)
      where.push(`s.organisation = ${param(validOrganisation(f.organisation, "filter.organisation"))}`);
    if (f.personId != null) where.push(`r.person_id = ${param(assertUuid(f.personId, "filter.personId"))}`);
    if (f.overdue != null) {
      const overdue = `(r.due_date IS NOT NULL AND r.due_date < ${param(todayInBrussels())}::date AND r.status <> ALL(${param(CLOSED)}::text[]))`;
      where.push(f.overdue ? overdue : `NOT ${overdue}`);
    }
    const from = `FROM referral r JOIN service s ON s.id = r.service_id`;
    if (level === "OWN") {
      // The people the caller's site, school or organisation holds, asked once and filtered in SQL.
      const own = ctx.loaders.ownScope ? await ctx.loaders.ownScope.all() : [];
      where.push(`r.person_id = ANY(${param(own)}::uuid[])`);
    }
    const filtered = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const [{ n }] = await ctx.dataSource.query(`SELECT count(*) AS n ${from} ${filtered}`, params);
    if (page.after) where.push(keysetCondition(REFERRAL_ORDER, page.after, param));
    const cond = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const rows: { id: string; k0: string; k1: string }[] = await ctx.dataSource.query(
      `SELECT r.id, r.created_at::text AS k0, r.id::text AS k1 ${from} ${cond}
       ORDER BY ${keysetOrder(REFERRAL_ORDER)} LIMIT ${param(page.limit + 1)}`,
      params,
    );
    const found = inPageOrder(
      rows.map((r) => ({ id: r.id, key: [r.k0, r.k1] })),
      await ctx.loaders.referralById.loadMany(rows.map((r) => r.id)),
    );
    await Promise.all(
      found.slice(0, page.limit).map((r) => ctx.access.authorize({ ...check, personId: r.node.personId })),
    );
    return keysetConnection(found, page, n);
  }

  @Personal("REFERRAL")
  @Mutation(() => Referral, {
    description:
      "Refers a person to a partner's service. Sent at once with the person's consent (or kept as a DRAFT with " +
      "send: false). Repeat-safe with idempotencyKey.",
  })
  @Authorized(...REFERRING_ROLES)
  async createReferral(
    @Arg("input", () => CreateReferralInput, { description: "The person, the service and the reason." })
    input: CreateReferralInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Referral> {
    const operation = operationName(ctx, info);
    const personId = assertUuid(input.personId, "input.personId");
    const serviceId = assertUuid(input.serviceId, "input.serviceId");
    validateReferral(input);
    if (!(await ctx.loaders.serviceById.load(serviceId))) throw notFound("Service", input.serviceId);
    const field = "Mutation.createReferral";
    await ctx.access.authorize({ category: "REFERRAL", action: "WRITE", personId, field, operation });
    const { id } = await ctx.access.transaction(async (m) => {
      const created = await createReferral(m, { ...input, personId, serviceId }, ctx.caller);
      ctx.access.recordWrite("REFERRAL", personId, field, operation);
      return created;
    });
    return (await ctx.loaders.referralById.load(id))!;
  }

  @Personal("REFERRAL")
  @Mutation(() => Referral, {
    description:
      "Moves a referral on: DRAFT → SENT → ACCEPTED | DECLINED (by the receiving partner only); ACCEPTED → " +
      "IN_PROGRESS → COMPLETED; CANCELLED from any open status. CONFLICT on a move the lifecycle does not allow.",
  })
  @Authorized(...REFERRING_ROLES)
  async transitionReferral(
    @Arg("input", () => TransitionReferralInput, { description: "The referral and its next status." })
    input: TransitionReferralInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Referral> {
    const operation = operationName(ctx, info);
    const id = assertUuid(input.referralId, "input.referralId");
    const referral = await ctx.loaders.referralById.load(id);
    if (!referral) throw notFound("Referral", input.referralId);
    const field = "Mutation.transitionReferral";
    await ctx.access.authorize({
      category: "REFERRAL",
      action: "WRITE",
      personId: referral.personId,
      field,
      operation,
    });
    const service = (await ctx.loaders.serviceById.load(referral.serviceId))!;
    if (RECEIVER_ONLY.has(input.to) && !callerOrganisations(ctx.caller).includes(service.organisation)) {
      ctx.audit.record({
        category: "REFERRAL",
        action: "WRITE",
        personId: referral.personId,
        field,
        operation,
        outcome: "REFUSED",
        reason: "FORBIDDEN",
      });
      throw forbidden(`Only the receiving partner (${service.organisation}) may set referral ${id} to ${input.to}.`);
    }
    await ctx.access.transaction(async (m) => {
      await transitionReferral(m, { ...input, referralId: id }, ctx.caller);
      ctx.access.recordWrite("REFERRAL", referral.personId, field, operation);
    });
    ctx.loaders.referralById.clear(id);
    ctx.loaders.historyByReferral.clear(id);
    return (await ctx.loaders.referralById.load(id))!;
  }

  @FieldResolver(() => Person, { description: "The person referred." })
  person(@Root() referral: Referral): Person {
    return { id: referral.personId };
  }

  @FieldResolver(() => Service, { description: "The service the person is referred to." })
  async service(@Root() referral: Referral, @Ctx() ctx: Ctx): Promise<Service> {
    return (await ctx.loaders.serviceById.load(referral.serviceId))!;
  }

  @FieldResolver(() => [ReferralTransition], {
    description: "Every status the referral went through, oldest first, with who, when and why.",
  })
  history(@Root() referral: Referral, @Ctx() ctx: Ctx): Promise<ReferralTransition[]> {
    return ctx.loaders.historyByReferral.load(referral.id);
  }

  @FieldResolver(() => Boolean, {
    description: "The due date has passed and the referral is not completed, declined or cancelled.",
  })
  overdue(@Root() referral: Referral): boolean {
    return isOverdue(referral, todayInBrussels());
  }
}
