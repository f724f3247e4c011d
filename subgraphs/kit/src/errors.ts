import { GraphQLError } from "graphql";

/** The error codes partner apps switch on (graph.md, "Conventions"). */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "PURPOSE_REQUIRED",
  "NOT_FOUND",
  "BAD_USER_INPUT",
  "CONFLICT",
  "CAPACITY_EXCEEDED",
  "UNQUALIFIED",
  "RATE_LIMITED",
  "QUERY_TOO_COMPLEX",
  // A trusted document (persisted query) named by a hash the gateway's manifest does not hold.
  "PERSISTED_QUERY_NOT_FOUND",
  // A partner's service did not answer: the message names it and what is missing because of it.
  "UNAVAILABLE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isPublicErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code);
}

export function domainError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  const http = code === "UNAUTHENTICATED" ? { http: { status: 401 } } : {};
  return new GraphQLError(message, { extensions: { code, ...extra, ...http } });
}

/** Bad input: `field` is the input path, e.g. "input.members[1].birthDate". */
export function badInput(field: string, message: string): GraphQLError {
  return domainError("BAD_USER_INPUT", message, { field });
}

export function notFound(what: string, id: string): GraphQLError {
  return domainError("NOT_FOUND", `${what} ${JSON.stringify(id)} was not found.`);
}

export function conflict(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return domainError("CONFLICT", message, extra);
}

export function forbidden(message: string): GraphQLError {
  return domainError("FORBIDDEN", message);
}

/** The PostgreSQL error behind a TypeORM QueryFailedError (code, constraint), for mapping violations to domain errors. */
export function driverErrorOf(e: unknown): { code?: string; constraint?: string; message?: string } {
  return (e as { driverError?: { code?: string; constraint?: string; message?: string } })?.driverError ?? {};
}
