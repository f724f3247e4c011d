import { GraphQLResolveInfo } from "graphql";
import { AuthChecker } from "type-graphql";
import { forbidden } from "../errors";
import { hasRole, Role } from "./caller";
import type { SubgraphContext } from "../context";

/** Where in the schema a resolver runs, for messages and audit lines: "Query.people". */
export function fieldName(info: GraphQLResolveInfo): string {
  return `${info.parentType.name}.${info.fieldName}`;
}

/** The operation an audit line names: the client's operation name and the root field. */
export function operationName(context: Pick<SubgraphContext, "operation">, info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev) path = path.prev;
  return `${context.operation}/${String(path.key)}`;
}

/**
 * type-graphql's @Authorized(...roles): allows a caller holding any of the
 * roles; a refusal is recorded in the audit trail and answered FORBIDDEN
 * with the roles that would have been allowed.
 */
export const authChecker: AuthChecker<SubgraphContext, Role> = ({ context, info }, roles) => {
  if (roles.length === 0 || hasRole(context.caller, ...roles)) return true;
  context.audit.record({
    personId: null,
    category: "ROLE",
    field: fieldName(info),
    operation: operationName(context, info),
    action: info.parentType.name === "Mutation" ? "WRITE" : "READ",
    outcome: "REFUSED",
    reason: "FORBIDDEN",
  });
  throw forbidden(
    `${fieldName(info)} is for ${roles.join(" or ")}; your role is ${context.caller.roles.join(", ") || "(none)"}.`,
  );
};
