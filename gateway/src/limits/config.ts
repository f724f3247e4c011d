/** How the gateway treats documents that are not in the trusted-documents manifest. */
export const TRUSTED_DOCUMENT_MODES = ["apps", "off", "all"] as const;
export type TrustedDocumentMode = (typeof TRUSTED_DOCUMENT_MODES)[number];

/** The gateway's limits on what one request may ask, and how often a caller may ask. */
export interface LimitsConfig {
  /** Largest cost of one operation (see cost.ts): list sizes multiply, crossings between subgraphs weigh extra. */
  maxCost: number;
  /** Most aliased fields in one operation. */
  maxAliases: number;
  /** Most directives (`@include`, `@skip`…) in one operation. */
  maxDirectives: number;
  /** Most lexical tokens in one document (names, punctuation, values). */
  maxTokens: number;
  /** Largest request body of /graphql, in bytes. */
  maxBodyBytes: number;
  /** Requests per minute per caller (token subject) or, without a valid token, per client address. */
  ratePerMinute: number;
  /** apps: apps run manifest documents only; all: everyone does; off: anyone may send any document. */
  trustedDocuments: TrustedDocumentMode;
}

/**
 * Defaults: far above every operation the repository's own code sends (the unit test
 * gateway-cost.unit.test.ts checks them all against these), far below what hurt the subgraphs:
 * the heaviest real question, the people list of 100 across the four partners, costs about 17,000.
 */
export const DEFAULT_LIMITS: LimitsConfig = {
  maxCost: 25_000,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 3_000,
  maxBodyBytes: 1024 * 1024,
  ratePerMinute: 600,
  trustedDocuments: "apps",
};

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name}=${JSON.stringify(raw)} is not a positive whole number.`);
  }
  return value;
}

/** The limits from the environment (see the README's Configuration table); a bad value stops the gateway at start. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): LimitsConfig {
  const mode = (env.TRUSTED_DOCUMENTS ?? "").trim().toLowerCase() || DEFAULT_LIMITS.trustedDocuments;
  if (!(TRUSTED_DOCUMENT_MODES as readonly string[]).includes(mode)) {
    throw new Error(
      `TRUSTED_DOCUMENTS=${JSON.stringify(env.TRUSTED_DOCUMENTS)} is not one of ${TRUSTED_DOCUMENT_MODES.join(", ")}.`,
    );
  }
  return {
    maxCost: positiveInteger(env, "GRAPHQL_MAX_COST", DEFAULT_LIMITS.maxCost),
    maxAliases: positiveInteger(env, "GRAPHQL_MAX_ALIASES", DEFAULT_LIMITS.maxAliases),
    maxDirectives: positiveInteger(env, "GRAPHQL_MAX_DIRECTIVES", DEFAULT_LIMITS.maxDirectives),
    maxTokens: positiveInteger(env, "GRAPHQL_MAX_TOKENS", DEFAULT_LIMITS.maxTokens),
    maxBodyBytes: positiveInteger(env, "GRAPHQL_MAX_BODY_BYTES", DEFAULT_LIMITS.maxBodyBytes),
    ratePerMinute: positiveInteger(env, "RATE_LIMIT_PER_MINUTE", DEFAULT_LIMITS.ratePerMinute),
    trustedDocuments: mode as TrustedDocumentMode,
  };
}
