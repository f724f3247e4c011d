import { DEFAULT_PORTS, requireEnv, SUBGRAPH_NAMES } from "@reception-graph/kit";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AuthConfig } from "./auth";

export const SUPERGRAPH_PATH = join(__dirname, "..", "..", "schema", "supergraph.graphql");

/** Subgraph URLs from the environment: <NAME>_URL, else 127.0.0.1 on <NAME>_PORT (or its default). */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const upper = name.toUpperCase();
    urls[name] = env[`${upper}_URL`] || `http://127.0.0.1:${env[`${upper}_PORT`] || DEFAULT_PORTS[name]}/graphql`;
  }
  return urls;
}

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  return { jwtSecret: env.JWT_SECRET, jwksUrl: env.JWKS_URL, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
}

export function loadSupergraph(path = process.env.SUPERGRAPH_PATH || SUPERGRAPH_PATH): string {
  return readFileSync(path, "utf8");
}

export function internalSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return requireEnv("INTERNAL_TOKEN_SECRET", env);
}
