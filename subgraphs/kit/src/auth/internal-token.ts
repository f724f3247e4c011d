import { jwtVerify, SignJWT } from "jose";
import { Caller, isPurpose, isRole, Purpose } from "./caller";

const ISSUER = "reception-graph-gateway";
const AUDIENCE = "reception-graph-subgraph";
/** Lifetime of a forwarded identity: one request, with slack for slow resolvers. */
const LIFETIME_SECONDS = 120;

export interface InternalIdentity {
  caller: Caller;
  purpose: Purpose | null;
  requestId: string;
  /** The client's operation name, for audit lines. */
  operation?: string;
}

function key(secret: string): Uint8Array {
  if (!secret || secret.length < 32) throw new Error("INTERNAL_TOKEN_SECRET must be at least 32 characters.");
  return new TextEncoder().encode(secret);
}

/** Signs the caller the gateway verified, for the subgraphs of this one request. */
export async function signInternalToken(identity: InternalIdentity, secret: string): Promise<string> {
  return new SignJWT({
    caller: identity.caller,
    purpose: identity.purpose,
    rid: identity.requestId,
    op: identity.operation ?? null,
  })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(identity.caller.sub)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(key(secret));
}

/** Verifies an internal token; throws on anything but a valid, unexpired token from the gateway. */
export async function verifyInternalToken(token: string, secret: string): Promise<InternalIdentity> {
  const { payload } = await jwtVerify(token, key(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ["HS256"],
  });
  const c = payload.caller as Partial<Caller> | undefined;
  if (!c || typeof c.sub !== "string" || typeof c.org !== "string" || !Array.isArray(c.roles)) {
    throw new Error("internal token carries no caller");
  }
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  return {
    caller: {
      sub: c.sub,
      org: c.org,
      roles: c.roles.filter(isRole),
      sites: strings(c.sites),
      schools: strings(c.schools),
      organisations: strings(c.organisations),
    },
    purpose: isPurpose(payload.purpose) ? payload.purpose : null,
    requestId: typeof payload.rid === "string" ? payload.rid : "",
    operation: typeof payload.op === "string" ? payload.op : undefined,
  };
}
