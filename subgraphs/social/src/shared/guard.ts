import { AuditAction, DataCategory, fieldName, operationName, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { SocialLoaders } from "../loaders";

type Ctx = SubgraphContext<SocialLoaders>;

/**
 * Checks purpose, role and scope for data about these people and audits the
 * access once per person (with the operation and purpose). With no person
 * (a new household, an empty list) only purpose and role are checked.
 */
export async function guardPeople(
  ctx: Ctx,
  info: GraphQLResolveInfo,
  category: DataCategory,
  action: AuditAction,
  personIds: readonly string[],
): Promise<void> {
  const field = fieldName(info);
  const operation = operationName(ctx, info);
  if (personIds.length === 0) {
    await ctx.access.authorize({ category, action, personId: null, field, operation });
    return;
  }
  await Promise.all(
    [...new Set(personIds)].map((personId) => ctx.access.authorize({ category, action, personId, field, operation })),
  );
}

/** guardPeople for the current members of a household: case files, bookings and claims concern all of them. */
export async function guardHousehold(
  ctx: Ctx,
  info: GraphQLResolveInfo,
  category: DataCategory,
  action: AuditAction,
  householdId: string,
): Promise<void> {
  const members = await ctx.loaders.membersByHousehold.load(householdId);
  await guardPeople(
    ctx,
    info,
    category,
    action,
    members.map((m) => m.id),
  );
}

/**
 * Checks purpose and role for a change before it is made (no audit line yet:
 * the people it concerns are recorded by recordWrites once it succeeded).
 */
export async function guardWrite(ctx: Ctx, info: GraphQLResolveInfo, category: DataCategory): Promise<void> {
  await ctx.access.authorize({
    category,
    action: "WRITE",
    personId: null,
    field: fieldName(info),
    operation: operationName(ctx, info),
  });
}

/** Audits a successful change once per person it concerns. */
export function recordWrites(
  ctx: Ctx,
  info: GraphQLResolveInfo,
  category: DataCategory,
  personIds: readonly string[],
): void {
  const field = fieldName(info);
  const operation = operationName(ctx, info);
  for (const id of new Set(personIds)) ctx.access.recordWrite(category, id, field, operation);
}

/** recordWrites for the current members of a household. */
export async function recordHouseholdWrites(
  ctx: Ctx,
  info: GraphQLResolveInfo,
  category: DataCategory,
  householdId: string,
): Promise<void> {
  const members = await ctx.loaders.membersByHousehold.load(householdId);
  recordWrites(
    ctx,
    info,
    category,
    members.map((m) => m.id),
  );
}
