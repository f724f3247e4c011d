import type { Fetcher, FetcherRequestInit } from "@apollo/utils.fetcher";
import { SubgraphName } from "@reception-graph/kit";
import { Agent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import fetch from "node-fetch";

/** How long the gateway waits for a subgraph's whole answer (headers and body) unless configured otherwise. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 5000;

/**
 * How long an idle keep-alive socket to a subgraph stays open on the gateway's side. The subgraphs keep idle
 * sockets for SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS (65 s, kit's server.ts): the gateway must drop its end first, or
 * it may write a request onto a socket the subgraph is closing at that instant and get ECONNRESET.
 */
export const GATEWAY_IDLE_SOCKET_MS = 30_000;

/**
 * The timeout of each subgraph: `<NAME>_TIMEOUT_MS`, else `SUBGRAPH_TIMEOUT_MS`, else 5000 ms. A value that is
 * not a positive whole number of milliseconds is a configuration error naming the variable and its value.
 */
export function subgraphTimeoutMs(name: SubgraphName | string, env: NodeJS.ProcessEnv = process.env): number {
  const own = `${name.toUpperCase()}_TIMEOUT_MS`;
  for (const variable of [own, "SUBGRAPH_TIMEOUT_MS"]) {
    const raw = env[variable];
    if (raw === undefined || raw === "") continue;
    const ms = Number(raw);
    if (!Number.isInteger(ms) || ms <= 0) {
      throw new Error(`${variable} must be a positive whole number of milliseconds, not ${JSON.stringify(raw)}.`);
    }
    return ms;
  }
  return DEFAULT_SUBGRAPH_TIMEOUT_MS;
}

/**
 * The fetcher the gateway's data source of one subgraph calls it with: node-fetch 2 over node:http keep-alive
 * sockets (Node's built-in fetch costs 1.3–1.5× the CPU per request in a profile, Apollo's default
 * make-fetch-happen about 2×), bounded by `timeoutMs` from the request's start to the end of the body: a
 * subgraph that is stopped, slow or silent ends in an AbortError the data source turns into UNAVAILABLE naming
 * it. The agent drops a socket idle for `idleSocketMs` (its `timeout` applies to free sockets), before the
 * subgraph's server would close it.
 */
export function createSubgraphFetcher(timeoutMs: number, idleSocketMs = GATEWAY_IDLE_SOCKET_MS): Fetcher {
  const agents = {
    http: new Agent({ keepAlive: true, timeout: idleSocketMs }),
    https: new HttpsAgent({ keepAlive: true, timeout: idleSocketMs }),
  };
  return (url: string, init: FetcherRequestInit = {}) =>
    fetch(url, {
      ...init,
      agent: (parsed) => (parsed.protocol === "https:" ? agents.https : agents.http),
      signal: AbortSignal.timeout(timeoutMs),
    });
}
