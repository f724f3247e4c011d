import { MiddlewareFn } from "type-graphql";
import { fieldName, operationName } from "../auth/auth-checker";
import type { SubgraphContext } from "../context";
import { DataCategory } from "./access-matrix";

/**
 * Guards a field that carries personal data: checks purpose, role and own
 * scope for the person the parent object belongs to, and audits the read.
 * `personIdOf` finds the person's ID on the parent (default: `root.id`).
 */
export function PersonalData(
  category: DataCategory,
  personIdOf: (root: any) => string | null = (root) => root?.id ?? null,
): MiddlewareFn<SubgraphContext> {
  return async ({ root, context, info }, next) => {
    await context.access.authorize({
      category,
      action: "READ",
      personId: personIdOf(root),
      field: fieldName(info),
      operation: operationName(context, info),
    });
    return next();
  };
}
