import { Caller, domainError, isPurpose, isRole, Purpose, PURPOSES } from "@reception-graph/kit";
import { createRemoteJWKSet, JWTPayload, jwtVerify } from "jose";

export interface AuthConfig {
  /** HS256 secret (development and tests). */
  jwtSecret?: string;
  /** JWKS URL for RS256/ES256 tokens (production). Takes precedence over jwtSecret. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

/**
 * The caller as the gateway sees it: the kit's Caller, plus the partner app the token was issued to,
 * when it was issued to an app rather than to a person. Only the gateway reads `app` (trusted documents,
 * introspection); the internal tokens name the caller's fields the subgraphs know.
 */
export interface GatewayCaller extends Caller {
  app?: string;
}

export type TokenVerifier = (token: string) => Promise<GatewayCaller>;

/** Longest app name kept (it appears in refusals and logs). */
const MAX_APP_NAME = 100;

/**
 * The partner app a token was issued to: claim `app` ("<name>"), or `client_type: "app"` with the app
 * named by `client_id` or `azp` (the OAuth client), else by the subject. Null for a person's token.
 */
export function appOfClaims(payload: JWTPayload): string | null {
  const named = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, MAX_APP_NAME) : null);
  const app = named(payload.app);
  if (app) return app;
  if (payload.client_type !== "app") return null;
  return named(payload.client_id) ?? named(payload.azp) ?? named(payload.sub) ?? "app";
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The caller a verified token describes; a token without subject, organisation or a known role is refused. */
export function callerFromClaims(payload: JWTPayload): GatewayCaller {
  const roles = strings(payload.roles).filter(isRole);
  if (typeof payload.sub !== "string" || !payload.sub) throw new Error("token has no subject");
  if (typeof payload.org !== "string" || !payload.org) throw new Error("token has no organisation (org)");
  if (roles.length === 0) throw new Error("token carries no known role");
  // RFC 8693: `act.sub` names who acts for the subject (a delegate); the audit records it as on whose behalf.
  const act = (payload.act as { sub?: unknown } | undefined)?.sub;
  const app = appOfClaims(payload);
  return {
    ...(app ? { app } : {}),
    ...(typeof act === "string" && act ? { act: act.slice(0, 200) } : {}),
    sub: payload.sub,
    org: payload.org,
    roles,
    sites: strings(payload.sites),
    schools: strings(payload.schools),
    organisations: strings(payload.organisations),
  };
}

/** Longest lifetime a caller's token may claim: a working day's session, not a permanent pass. */
export const MAX_CALLER_TOKEN_SECONDS = 12 * 60 * 60;
/** Clock difference tolerated between the identity provider and the gateway. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Time claims every caller token must carry and respect: `exp` (no token is
 * valid forever), `iat` not in the future and not older than the longest
 * session, `nbf` (when present) already reached.
 */
export function checkTimeClaims(payload: JWTPayload, now = Date.now() / 1000): void {
  if (typeof payload.exp !== "number") throw new Error("token has no expiry (exp)");
  if (typeof payload.iat !== "number") throw new Error("token has no issue time (iat)");
  if (payload.iat > now + CLOCK_TOLERANCE_SECONDS) throw new Error("token is issued in the future (iat)");
  if (payload.exp - payload.iat > MAX_CALLER_TOKEN_SECONDS) {
    throw new Error(`token lives longer than ${MAX_CALLER_TOKEN_SECONDS / 3600} hours (exp - iat)`);
  }
  if (payload.nbf !== undefined && (typeof payload.nbf !== "number" || payload.nbf > now + CLOCK_TOLERANCE_SECONDS)) {
    throw new Error("token is not valid yet (nbf)");
  }
}

/** How long a verified token is taken on trust again without checking its signature. */
export const VERIFIED_TOKEN_TRUST_MS = 60_000;
/** Most tokens remembered as verified (the oldest go first). */
export const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Remembers the tokens `verify` accepted, for `trustMs` and never past their expiry (with the clock tolerance):
 * an app or a coordinator's browser sends the same token with every request, and checking its signature and
 * claims again was 5% of the gateway's CPU per request. Only the exact token string verified is remembered, so a
 * token differing in one character is checked in full; a refused token is never remembered. The trust is kept
 * short: a signing key the identity provider withdraws stops working within `trustMs`, well inside the 10 minutes
 * a fetched JWKS is kept anyway.
 */
export function rememberingVerifier(
  verify: (token: string) => Promise<{ caller: GatewayCaller; exp: number }>,
  opts: { trustMs?: number; kept?: number; now?: () => number } = {},
): TokenVerifier {
  const { trustMs = VERIFIED_TOKEN_TRUST_MS, kept = VERIFIED_TOKENS_KEPT, now = Date.now } = opts;
  const verified = new Map<string, { caller: GatewayCaller; until: number }>();
  return async (token) => {
    const t = now();
    const known = verified.get(token);
    if (known && t < known.until) return known.caller;
    if (known) verified.delete(token);
    const { caller, exp } = await verify(token);
    if (verified.size >= kept) verified.delete(verified.keys().next().value!);
    // jose accepts a token until exp + the tolerance; so does the memory of it.
    const entry = { caller: frozen(caller), until: Math.min(t + trustMs, (exp + CLOCK_TOLERANCE_SECONDS) * 1000) };
    verified.set(token, entry);
    return entry.caller;
  };
}

/** One caller object serves every request with the token: none may change it. */
function frozen(caller: GatewayCaller): GatewayCaller {
  for (const v of Object.values(caller)) if (Array.isArray(v)) Object.freeze(v);
  return Object.freeze(caller);
}

/** Verifies callers' bearer tokens: JWKS (RS256/ES256) when configured, else HS256 with JWT_SECRET. */
export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const options = {
    issuer: config.issuer || undefined,
    audience: config.audience || undefined,
    requiredClaims: ["exp", "iat"],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  if (config.jwksUrl) {
    // An identity provider signs tokens for many applications: only ours, from our issuer, are callers here.
    if (!config.issuer || !config.audience) {
      throw new Error("With JWKS_URL, set JWT_ISSUER and JWT_AUDIENCE too: tokens are checked against both.");
    }
    const jwks = createRemoteJWKSet(new URL(config.jwksUrl));
    return rememberingVerifier(async (token) => {
      const { payload } = await jwtVerify(token, jwks, { ...options, algorithms: ["RS256", "ES256"] });
      checkTimeClaims(payload);
      return { caller: callerFromClaims(payload), exp: payload.exp! };
    });
  }
  if (!config.jwtSecret) throw new Error("Set JWT_SECRET (development) or JWKS_URL (production) for the gateway.");
  const key = new TextEncoder().encode(config.jwtSecret);
  return rememberingVerifier(async (token) => {
    const { payload } = await jwtVerify(token, key, { ...options, algorithms: ["HS256"] });
    checkTimeClaims(payload);
    return { caller: callerFromClaims(payload), exp: payload.exp! };
  });
}

/** Verifies the Authorization header; UNAUTHENTICATED (401) when missing or not valid. */
export async function authenticate(header: string | undefined, verify: TokenVerifier): Promise<GatewayCaller> {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (!match) {
    throw domainError("UNAUTHENTICATED", "Sign in first: send an Authorization: Bearer <token> header.");
  }
  try {
    return await verify(match[1]);
  } catch (e) {
    throw domainError("UNAUTHENTICATED", `The bearer token was refused: ${(e as Error).message}.`);
  }
}

/** The purpose stated in x-purpose; absent is allowed (then no personal data), unknown is an error. */
export function parsePurpose(header: string | string[] | undefined): Purpose | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const purpose = value.trim().toUpperCase();
  if (!isPurpose(purpose)) {
    throw domainError(
      "BAD_USER_INPUT",
      `Purpose ${JSON.stringify(value)} is not known; use one of ${PURPOSES.join(", ")}.`,
      { field: "x-purpose", http: { status: 400 } },
    );
  }
  return purpose;
}
