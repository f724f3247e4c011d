import { Caller, Purpose, Role, signInternalToken } from "@reception-graph/kit";
import { SignJWT } from "jose";
import { randomUUID } from "node:crypto";

export const TEST_JWT_SECRET = "test-jwt-secret-that-is-long-enough-0123456789";
export const TEST_INTERNAL_SECRET = "test-internal-secret-that-is-long-enough-012345";

export interface TokenClaims {
  sub?: string;
  org?: string;
  roles: Role[];
  sites?: string[];
  schools?: string[];
  organisations?: string[];
}

/** A caller's bearer token, as an identity provider would issue it (HS256 in tests). */
export async function callerToken(claims: TokenClaims, secret = TEST_JWT_SECRET): Promise<string> {
  return new SignJWT({
    org: claims.org ?? "TEST_ORG",
    roles: claims.roles,
    sites: claims.sites ?? [],
    schools: claims.schools ?? [],
    organisations: claims.organisations ?? [],
  })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub ?? `user-${claims.roles[0].toLowerCase()}`)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(secret));
}

/** The internal token the gateway would forward, for calling one subgraph directly in integration tests. */
export async function internalToken(claims: TokenClaims, purpose: Purpose | null = "CASE_MANAGEMENT"): Promise<string> {
  const caller: Caller = {
    sub: claims.sub ?? `user-${claims.roles[0].toLowerCase()}`,
    org: claims.org ?? "TEST_ORG",
    roles: claims.roles,
    sites: claims.sites ?? [],
    schools: claims.schools ?? [],
    organisations: claims.organisations ?? [],
  };
  return signInternalToken({ caller, purpose, requestId: randomUUID(), operation: "test" }, TEST_INTERNAL_SECRET);
}
