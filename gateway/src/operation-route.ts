import type { ApolloServer } from "@apollo/server";
import { isPublicErrorCode } from "@reception-graph/kit";

/**
 * What the gateway's download routes (the indicators exports, the subject-access export) share: each runs
 * GraphQL operations through the gateway's own Apollo server, with the context /graphql would build, and
 * answers a failure with an HTTP status and the graph's error body, never a partial file.
 */

/** HTTP status of the graph's error codes, as a reporting tool or a DPO's client expects them. */
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PURPOSE_REQUIRED: 403,
  BAD_USER_INPUT: 400,
  QUERY_TOO_COMPLEX: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** The order in which codes speak for a failed operation: the caller's own problem first. */
const PRECEDENCE = ["UNAUTHENTICATED", "FORBIDDEN", "PURPOSE_REQUIRED", "BAD_USER_INPUT", "NOT_FOUND", "UNAVAILABLE"];

/** The extensions of an operation's error a route passes on (never a value of personal data). */
const PASSED_ON = ["field", "purpose", "category", "service"];

export interface RouteErrorBody {
  message: string;
  extensions: { code: string; [key: string]: unknown };
}

/** A route's refusal or failure: its HTTP status and the `errors` of its JSON body. */
export class RouteError extends Error {
  constructor(
    readonly status: number,
    readonly errors: RouteErrorBody[],
  ) {
    super(errors[0]?.message);
  }
}

/** A route error for a graph error code (an unknown code is 500). */
export function routeError(code: string, message: string, extra: Record<string, unknown> = {}): RouteError {
  return new RouteError(STATUS[code] ?? 500, [{ message, extensions: { code, ...extra } }]);
}

/**
 * Runs one operation through the gateway with the route's context. Any error fails the whole route: a
 * download with a missing part would be read as complete. The error that speaks is the caller's own
 * problem first (see PRECEDENCE); a code callers are not shown becomes INTERNAL.
 */
export async function runOperation<T, C extends object>(
  apollo: ApolloServer<C>,
  contextValue: C,
  query: string,
  operationName: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const response = await apollo.executeOperation<T>({ query, operationName, variables }, { contextValue });
  if (response.body.kind !== "single") throw new Error(`${operationName} answered incrementally.`);
  const { data, errors } = response.body.singleResult;
  if (errors?.length) {
    const codes = errors.map((e) => String(e.extensions?.code ?? "INTERNAL"));
    const code = PRECEDENCE.find((c) => codes.includes(c)) ?? codes[0];
    const first = errors.find((e) => e.extensions?.code === code) ?? errors[0];
    const extra: Record<string, unknown> = {};
    for (const key of PASSED_ON) if (first.extensions && key in first.extensions) extra[key] = first.extensions[key];
    throw routeError(isPublicErrorCode(code) ? code : "INTERNAL", first.message, extra);
  }
  return data as T;
}
