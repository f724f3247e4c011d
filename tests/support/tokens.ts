import {
  Caller,
  generateInternalKeyPair,
  InternalTokenSigner,
  InternalTokenVerifier,
  Purpose,
  Role,
  SubgraphName,
  SUBGRAPH_NAMES,
} from "@reception-graph/kit";
import { SignJWT } from "jose";
import { randomUUID } from "node:crypto";

export const TEST_JWT_SECRET = "test-jwt-secret-that-is-long-enough-0123456789";
/** The gateway's internal-token key pair of this test process (a new one per Jest worker). */
export const TEST_INTERNAL_KEYS = generateInternalKeyPair();
let signer: Promise<InternalTokenSigner> | null = null;
let verifier: Promise<InternalTokenVerifier> | null = null;

/** The gateway's signer, as a gateway under test holds it. */
export function testInternalSigner(): Promise<InternalTokenSigner> {
  return (signer ??= InternalTokenSigner.fromPem(TEST_INTERNAL_KEYS.privateKeyPem));
}

/** The public key every subgraph under test verifies with. */
export function testInternalVerifier(): Promise<InternalTokenVerifier> {
  return (verifier ??= InternalTokenVerifier.fromPem(TEST_INTERNAL_KEYS.publicKeyPem));
}

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

/**
 * The internal token the gateway would forward, for calling subgraphs directly
 * in integration tests; valid at the named subgraphs (all four by default).
 */
export async function internalToken(
  claims: TokenClaims,
  purpose: Purpose | null = "CASE_MANAGEMENT",
  audience: readonly SubgraphName[] = SUBGRAPH_NAMES,
): Promise<string> {
  const caller: Caller = {
    sub: claims.sub ?? `user-${claims.roles[0].toLowerCase()}`,
    org: claims.org ?? "TEST_ORG",
    roles: claims.roles,
    sites: claims.sites ?? [],
    schools: claims.schools ?? [],
    organisations: claims.organisations ?? [],
  };
  return (await testInternalSigner()).sign({ caller, purpose, requestId: randomUUID(), operation: "test" }, audience);
}
