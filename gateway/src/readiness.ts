import type express from "express";
import { authenticate, TokenVerifier } from "./auth";

/**
 * How long /ready waits for each subgraph's own /ready: short, so that a stopped (SIGSTOP) or silent
 * subgraph makes the gateway unready at once instead of making /ready itself hang.
 */
export const READY_PROBE_TIMEOUT_MS = 1000;

/** What /ready says of one subgraph to a signed-in caller. */
export type SubgraphReadiness = "ready" | "not answering" | "database unavailable" | "unavailable";

/** The subgraph's readiness URL next to its GraphQL URL. */
export function readyUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, "") + "/ready";
  return url.toString();
}

/** Asks one subgraph's /ready, which checks its own database (kit's server.ts). */
export async function probeSubgraph(
  graphqlUrl: string,
  timeoutMs = READY_PROBE_TIMEOUT_MS,
): Promise<SubgraphReadiness> {
  try {
    const res = await fetch(readyUrl(graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    if (res.ok) {
      await res.body?.cancel();
      return "ready";
    }
    const body = (await res.json().catch(() => null)) as { reason?: unknown } | null;
    return body?.reason === "database" ? "database unavailable" : "unavailable";
  } catch {
    return "not answering";
  }
}

/** Whether the request carries a valid caller token (the same verification as /graphql). */
async function signedIn(req: express.Request, verifyToken: TokenVerifier): Promise<boolean> {
  if (!req.headers.authorization) return false;
  try {
    await authenticate(req.headers.authorization, verifyToken);
    return true;
  } catch {
    return false;
  }
}

/**
 * GET /ready: 200 `{status: "ready"}` when every subgraph and its database answer, else 503
 * `{status: "unavailable"}`. Which part is down is said only to a signed-in caller (`subgraphs`, by name):
 * anonymous callers, who may be anyone on the network, learn nothing of the graph's inside.
 * GET /ready?partial: 200 while at least one subgraph answers. It is what a load balancer in front of several
 * gateways asks: with one partner down a gateway still gives the others' data (partial answers), and taking
 * every gateway out of service for it would cut them all off.
 */
export function gatewayReadiness(opts: {
  subgraphUrls: () => ReadonlyMap<string, string>;
  verifyToken: TokenVerifier;
  timeoutMs?: number;
}): express.RequestHandler {
  return async (req, res) => {
    const urls = [...opts.subgraphUrls()];
    const [checks, detailed] = await Promise.all([
      Promise.all(urls.map(async ([name, url]) => [name, await probeSubgraph(url, opts.timeoutMs)] as const)),
      signedIn(req, opts.verifyToken),
    ]);
    const partial = req.query.partial !== undefined;
    const up = ([, state]: readonly [string, SubgraphReadiness]) => state === "ready";
    const ready = checks.length > 0 && (partial ? checks.some(up) : checks.every(up));
    const status = ready ? "ready" : "unavailable";
    res
      .status(ready ? 200 : 503)
      .set("cache-control", "no-store")
      .json(detailed ? { status, subgraphs: Object.fromEntries(checks) } : { status });
  };
}
