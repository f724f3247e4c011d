import { GraphQLError } from "graphql";
import { domainError } from "./errors";

/** PostgreSQL's SQLSTATEs for a connection that failed or a server shutting down, restarting or starting up. */
const UNAVAILABLE_SQL_STATES = new Set(["08000", "08001", "08003", "08004", "08006", "57P01", "57P02", "57P03"]);

/** Socket errors of a database connection that was refused or cut. */
const CONNECTION_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);

/** node-postgres' own words for a connection that went away under a client (they carry no code). */
const CONNECTION_MESSAGES = [
  "Connection terminated",
  "connection error and is not queryable",
  "timeout exceeded when trying to connect",
  "Client was closed and is not queryable",
];

/**
 * Whether an error means the subgraph's database is not reachable right now (refused, cut, shutting down or
 * starting up), as opposed to a statement that failed: looks through GraphQL's originalError, TypeORM's
 * driverError and `cause`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    originalError?: unknown;
    cause?: unknown;
  };
  if (typeof e.code === "string" && (UNAVAILABLE_SQL_STATES.has(e.code) || CONNECTION_ERRORS.has(e.code))) return true;
  if (typeof e.message === "string" && CONNECTION_MESSAGES.some((m) => (e.message as string).includes(m))) return true;
  return [e.driverError, e.originalError, e.cause].some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/**
 * What a caller is told when a subgraph's database does not answer: UNAVAILABLE naming the subgraph (the
 * gateway passes `service` through), in words a coordinator understands.
 */
export function databaseUnavailable(service: string): GraphQLError {
  return domainError(
    "UNAVAILABLE",
    `${service}'s database is not answering (it may be restarting); ${service}'s data cannot be read or written right now. Try again in a minute.`,
    { service },
  );
}
