import { InternalTokenSigner, requireEnv } from "@reception-graph/kit";
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

/** The gateway's private key for internal tokens (PEM, or a path to one). */
export function internalSignerFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<InternalTokenSigner> {
  return InternalTokenSigner.fromPem(requireEnv("INTERNAL_TOKEN_PRIVATE_KEY", env));
}
