import type { ApolloServerPlugin } from "@apollo/server";
import type express from "express";
import type { GatewayCaller, TokenVerifier } from "../auth";
import { RequestCallers } from "./callers";
import { LimitsConfig, limitsFromEnv } from "./config";
import { SubgraphMap, subgraphMapOf } from "./cost";
import { graphqlRequestLimits } from "./graphql-request";
import { limitsParseOptions, limitsPlugin } from "./limits-plugin";
import { rateLimit } from "./rate-limits";
import { TrustedDocuments } from "./trusted-documents";

export interface GatewayLimits<C extends object> {
  config: LimitsConfig;
  /** Express: the per-caller rate limit of every route but the probes. */
  rateLimit: express.RequestHandler;
  /** Express, on /graphql before Apollo: the body's limits and trusted documents. */
  graphqlRequest: express.RequestHandler[];
  /** Apollo: tokens, aliases, directives, cost, introspection and suggestions. */
  plugin: ApolloServerPlugin<C>;
  /** Apollo's parseOptions: the token limit, applied while parsing. */
  parseOptions: { maxTokens: number };
  /** Called with each supergraph the gateway loads: the cost reads which partner resolves which field. */
  onSupergraph(supergraphSdl: string): void;
  /** The caller's token verifier for one request, sharing the verification the limits already made of it. */
  verifierFor(req: express.Request): TokenVerifier;
}

/** The gateway's limits (README, "Limits"), configured from the environment unless given. */
export function gatewayLimits<C extends { caller?: GatewayCaller } & object>(
  verifyToken: TokenVerifier,
  config: LimitsConfig = limitsFromEnv(),
  documents: TrustedDocuments = TrustedDocuments.load(),
): GatewayLimits<C> {
  const callers = new RequestCallers(verifyToken);
  let subgraphs: SubgraphMap | null = null;
  return {
    config,
    rateLimit: rateLimit(callers, config.ratePerMinute),
    graphqlRequest: graphqlRequestLimits(config, documents, callers),
    plugin: limitsPlugin<C>(config, () => subgraphs),
    parseOptions: limitsParseOptions(config),
    onSupergraph(sdl) {
      subgraphs = subgraphMapOf(sdl);
    },
    verifierFor: (req) => callers.verifierFor(req),
  };
}
