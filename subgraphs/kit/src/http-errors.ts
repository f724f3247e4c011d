import express from "express";
import { describeError } from "./error-log";
import { serviceLogger } from "./observability/logger";

/**
 * Errors raised before GraphQL runs (a body that is not JSON, a body too
 * large) answered as GraphQL errors, instead of express's default HTML page,
 * which shows the stack trace outside production.
 */
export function requestErrorHandler(service: string): express.ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const type = (err as { type?: string }).type;
    const status = (err as { status?: unknown }).status;
    const fail = (code: number, errorCode: string, message: string) =>
      res.status(code).json({ errors: [{ message, extensions: { code: errorCode } }] });
    if (type === "entity.parse.failed") {
      fail(400, "BAD_USER_INPUT", "The request body is not valid JSON.");
    } else if (type === "entity.too.large") {
      fail(413, "BAD_USER_INPUT", "The request body is too large.");
    } else if (typeof status === "number" && status < 500) {
      fail(status, "BAD_USER_INPUT", "The request could not be read.");
    } else {
      serviceLogger(service).error({ error: describeError(err) }, "request failed");
      fail(500, "INTERNAL", "Internal error. It has been logged; please try again or contact the administrator.");
    }
  };
}
