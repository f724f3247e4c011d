import type express from "express";
import { TokenBucketLimiter } from "../feedback/rate-limit";
import { clientAddress, refuse, RequestCallers } from "./callers";

/** Routes an orchestrator or a scraper polls: never limited, so that a busy caller cannot make a replica look dead. */
const UNLIMITED_PATHS = new Set(["/health", "/ready", "/metrics"]);

const ONE_MINUTE_MS = 60_000;

/**
 * The per-caller rate limit of every route but the probes: a signed-in caller (a valid bearer token) is
 * counted by organisation and subject (`org:sub`), whichever address it calls from; anyone else by
 * client address. `perMinute` requests a minute, in a token bucket (a burst of `perMinute`, refilled
 * evenly). A refusal is 429 RATE_LIMITED with Retry-After in seconds, and a message saying when to retry.
 */
export function rateLimit(
  callers: RequestCallers,
  perMinute: number,
  limiter = new TokenBucketLimiter(perMinute, ONE_MINUTE_MS),
): express.RequestHandler {
  return (req, res, next) => {
    if (UNLIMITED_PATHS.has(req.path)) return next();
    callers.of(req).then((caller) => {
      const key = caller ? `caller:${caller.org}:${caller.sub}` : `address:${clientAddress(req)}`;
      if (limiter.take(key)) return next();
      const seconds = limiter.retryAfterSeconds(key);
      res.set("retry-after", String(seconds));
      const who = caller ? `caller ${caller.org}:${caller.sub}` : `address ${clientAddress(req)}`;
      refuse(
        res,
        429,
        "RATE_LIMITED",
        `Too many requests from ${who}: at most ${perMinute} a minute are served. ` +
          `Retry after ${seconds} second${seconds === 1 ? "" : "s"}.`,
        { retryAfter: seconds, limit: perMinute },
      );
    }, next);
  };
}
