import { randomUUID } from "node:crypto";
import { domainError } from "./errors";

/**
 * A request ID is copied into audit lines and logs: only a short token of
 * safe characters is kept, so a client cannot write line breaks, markup or
 * personal data into them through the x-request-id header.
 */
export const SAFE_REQUEST_ID = /^[\w-]{1,64}$/;

/** The given request ID when it is a safe token, else a new random one. */
export function safeRequestId(value: unknown): string {
  return typeof value === "string" && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Longest operation name accepted; audit lines carry it for every access of the request. */
export const MAX_OPERATION_NAME_LENGTH = 200;

/** Refuses an operation name over MAX_OPERATION_NAME_LENGTH characters: BAD_USER_INPUT (HTTP 400) naming operationName. */
export function assertOperationName(name: string | null | undefined): void {
  if (name && name.length > MAX_OPERATION_NAME_LENGTH) {
    throw domainError(
      "BAD_USER_INPUT",
      `operationName is ${name.length} characters long (it starts ${JSON.stringify(name.slice(0, 20))}); ` +
        `at most ${MAX_OPERATION_NAME_LENGTH} are allowed.`,
      { field: "operationName", http: { status: 400 } },
    );
  }
}
