import { requireEnv } from "@reception-graph/kit";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AuthConfig } from "./auth";

export const SUPERGRAPH_PATH = join(__dirname, "..", "..", "schema", "supergraph.graphql");

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  return { jwtSecret: env.JWT_SECRET, jwksUrl: env.JWKS_URL, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
}

export function loadSupergraph(path = process.env.SUPERGRAPH_PATH || SUPERGRAPH_PATH): string {
  return readFileSync(path, "utf8");
}

export function internalSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return requireEnv("INTERNAL_TOKEN_SECRET", env);
}
