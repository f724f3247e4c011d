import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  randomUUID,
  sign,
  verify,
} from "node:crypto";
import { readFileSync } from "node:fs";
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, exportJWK, JWTPayload } from "jose";
import { SubgraphName, SUBGRAPH_NAMES } from "../config";
import { isUuid } from "../validation";
import { Caller, hasRole, isPurpose, isRole, Purpose, Role } from "./caller";

const ISSUER = "reception-graph-gateway";
const ALGORITHM = "EdDSA";
/** Lifetime of a forwarded identity: one request, including the peer questions it asks. */
export const INTERNAL_TOKEN_LIFETIME_SECONDS = 30;
/** Clock difference tolerated between the gateway's host and a subgraph's. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface InternalIdentity {
  caller: Caller;
  purpose: Purpose | null;
  requestId: string;
  /** The client's operation name, for audit lines. */
  operation?: string;
  /**
   * The person of a subject-access export (claim `sar`): signed by the gateway on its export route only,
   * it lets a DPO with purpose AUDIT read that one person's data (see AccessControl.subjectAccess).
   */
  subjectAccess?: string;
}

/** A verified internal token: the identity, the raw token (forwarded to peers as is) and its unique id. */
export interface VerifiedInternalToken extends InternalIdentity {
  token: string;
  tokenId: string;
  audience: SubgraphName[];
}

/**
 * The peers a subgraph may have to ask while answering one caller, by the
 * caller's roles. The gateway names them in the token's audience, so the
 * token can be forwarded there and nowhere else.
 */
const PEER_CALLS: Record<SubgraphName, { peer: SubgraphName; forRoles: readonly Role[] | "any" }[]> = {
  // Own scope of identity data: the site (housing), organisation (care) or school (education) decides.
  // Housing for any role too: indicators and series narrowed to sites ask it who lived there (aggregates, every role).
  // The DPO's audit queries are served by social, which gathers every subgraph's records with the DPO's token.
  social: [
    { peer: "housing", forRoles: "any" },
    { peer: "care", forRoles: ["CARE_WORKER", "DPO"] },
    { peer: "education", forRoles: ["SCHOOL_STAFF", "DPO"] },
  ],
  // Households and rent facts belong to social.
  housing: [{ peer: "social", forRoles: "any" }],
  // Sites are housing's (care stores site IDs, checked there); a site coordinator's residents too.
  // Medical intake: social keeps "done, on date", told by care.
  care: [
    { peer: "housing", forRoles: "any" },
    { peer: "social", forRoles: ["CARE_WORKER"] },
    { peer: "education", forRoles: ["SCHOOL_STAFF"] },
  ],
  // Ages for school-age checks are social's.
  // Sites and move-in days are housing's (activities per site, time to school from arrival).
  education: [
    { peer: "social", forRoles: "any" },
    { peer: "housing", forRoles: "any" },
  ],
};

/** The subgraphs a token for `target` is valid at: the target and the peers it may ask for this caller. */
export function internalAudience(target: SubgraphName, caller: Caller): SubgraphName[] {
  const peers = PEER_CALLS[target]
    .filter((p) => p.forRoles === "any" || hasRole(caller, ...p.forRoles))
    .map((p) => p.peer);
  return [target, ...new Set(peers)];
}

function isSubgraphName(value: unknown): value is SubgraphName {
  return typeof value === "string" && (SUBGRAPH_NAMES as readonly string[]).includes(value);
}

/**
 * A PEM value from the environment: the PEM itself (line breaks written as
 * "\n" are accepted, as in a .env file), or the path of a file holding it.
 */
function pemFrom(value: string): string {
  const text = value.replace(/\\n/g, "\n");
  return text.trimStart().startsWith("-----BEGIN") ? text : readFileSync(value.trim(), "utf8");
}

async function keyId(publicKey: KeyObject): Promise<string> {
  return calculateJwkThumbprint(await exportJWK(publicKey));
}

/**
 * Signs internal tokens. Only the gateway holds one: it has the private key,
 * and no subgraph can mint a token another subgraph accepts.
 */
export class InternalTokenSigner {
  /** The JWS header, the same for every token of this key: encoded once. */
  private readonly header: string;

  private constructor(
    private readonly privateKey: KeyObject,
    readonly keyId: string,
    private readonly lifetimeSeconds: number,
  ) {
    this.header = base64url(JSON.stringify({ alg: ALGORITHM, kid: keyId, typ: "internal+jwt" }));
  }

  /** From an Ed25519 private key (PKCS#8 PEM, or a path to one). */
  static async fromPem(pem: string, lifetimeSeconds = INTERNAL_TOKEN_LIFETIME_SECONDS): Promise<InternalTokenSigner> {
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(pemFrom(pem));
    } catch {
      throw new Error("INTERNAL_TOKEN_PRIVATE_KEY is not a PEM private key (or the path of one).");
    }
    if (privateKey.asymmetricKeyType !== "ed25519") {
      throw new Error(`INTERNAL_TOKEN_PRIVATE_KEY must be an Ed25519 key, not ${privateKey.asymmetricKeyType}.`);
    }
    return new InternalTokenSigner(privateKey, await keyId(createPublicKey(privateKey)), lifetimeSeconds);
  }

  /**
   * Signs one request's identity for the named subgraphs, with a fresh unique id: a compact JWS (RFC 7515)
   * that jose's jwtVerify checks in the subgraphs. Signed here rather than with jose's SignJWT, whose
   * asynchronous signature goes through libuv's thread pool: on a busy core that hand-off (two thread
   * wake-ups per token, four tokens per person-360) cost the gateway more than the Ed25519 signature itself.
   */
  async sign(identity: InternalIdentity, audience: readonly SubgraphName[]): Promise<string> {
    if (audience.length === 0) throw new Error("An internal token must name the subgraphs it is for.");
    // One clock reading for both: read twice, a second boundary between them made the token one second too
    // long-lived, and the subgraph refused it.
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      caller: identity.caller,
      purpose: identity.purpose,
      rid: identity.requestId,
      op: identity.operation ?? null,
      ...(identity.subjectAccess ? { sar: identity.subjectAccess } : {}),
      iss: ISSUER,
      aud: [...audience],
      sub: identity.caller.sub,
      jti: randomUUID(),
      iat: now,
      exp: now + this.lifetimeSeconds,
    };
    const signingInput = `${this.header}.${base64url(JSON.stringify(claims))}`;
    return `${signingInput}.${sign(null, Buffer.from(signingInput), this.privateKey).toString("base64url")}`;
  }
}

function base64url(text: string): string {
  return Buffer.from(text).toString("base64url");
}

/**
 * Verifies internal tokens with the gateway's public keys. Two keys may be
 * valid at once while the gateway's key is rotated (the token's `kid` picks one).
 */
export class InternalTokenVerifier {
  private constructor(private readonly keys: Map<string, KeyObject>) {}

  /** From one or more Ed25519 public keys (SPKI PEM blocks, concatenated, or paths separated by commas). */
  static async fromPem(value: string): Promise<InternalTokenVerifier> {
    const text = value.replace(/\\n/g, "\n");
    const blocks = text.includes("-----BEGIN")
      ? (text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [])
      : value
          .split(",")
          .filter((p) => p.trim())
          .map((p) => pemFrom(p));
    if (blocks.length === 0 || blocks.length > 2) {
      throw new Error(`INTERNAL_TOKEN_PUBLIC_KEYS must hold one or two public keys; it holds ${blocks.length}.`);
    }
    const keys = new Map<string, KeyObject>();
    for (const pem of blocks) {
      let key: KeyObject;
      try {
        key = createPublicKey(pem);
      } catch {
        throw new Error("INTERNAL_TOKEN_PUBLIC_KEYS holds something that is not a PEM public key.");
      }
      if (key.asymmetricKeyType !== "ed25519") {
        throw new Error(`INTERNAL_TOKEN_PUBLIC_KEYS must hold Ed25519 keys, not ${key.asymmetricKeyType}.`);
      }
      keys.set(await keyId(key), key);
    }
    return new InternalTokenVerifier(keys);
  }

  /**
   * Throws on anything but a token from the gateway, unexpired, issued for `self`. The signature is checked
   * with node's synchronous Ed25519 verify, then the claims: jose's jwtVerify does the same checks but
   * verifies through libuv's thread pool, and that hand-off cost each subgraph more per request than the
   * signature itself. jose still decodes the header and the claims.
   */
  async verify(token: string, self: SubgraphName): Promise<VerifiedInternalToken> {
    const parts = token.split(".");
    if (parts.length !== 3) throw new Error("internal token is not a compact JWS");
    const header = decodeProtectedHeader(token);
    if (header.alg !== ALGORITHM) throw new Error(`internal token signed with "${String(header.alg)}", not EdDSA`);
    // No extension of JWS is used here: a header asking for one (crit, unencoded payload) is not ours.
    if (header.crit !== undefined || header.b64 !== undefined)
      throw new Error("internal token has a header we do not process");
    const key = typeof header.kid === "string" ? this.keys.get(header.kid) : undefined;
    if (!key) throw new Error("internal token signed with an unknown key");
    let valid = false;
    try {
      valid = verify(null, Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], "base64url"));
    } catch {
      valid = false;
    }
    if (!valid) throw new Error("internal token signature verification failed");
    const payload = checkClaims(decodeJwt(token), self);
    if ((payload.exp ?? 0) - (payload.iat ?? 0) > INTERNAL_TOKEN_LIFETIME_SECONDS) {
      throw new Error("internal token lives longer than an internal token may");
    }
    if ((payload.iat ?? 0) > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) {
      throw new Error("internal token issued in the future");
    }
    const c = payload.caller as Partial<Caller> | undefined;
    if (!c || typeof c.sub !== "string" || typeof c.org !== "string" || !Array.isArray(c.roles)) {
      throw new Error("internal token carries no caller");
    }
    if (c.sub !== payload.sub) throw new Error("internal token's subject and caller differ");
    const rid = typeof payload.rid === "string" && /^[\w-]{1,64}$/.test(payload.rid) ? payload.rid : null;
    if (!rid) throw new Error("internal token is bound to no request");
    const strings = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
    // Only a person ID: anything else in `sar` opens nothing.
    const sar = typeof payload.sar === "string" && isUuid(payload.sar) ? payload.sar.toLowerCase() : undefined;
    const audience = (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).filter(isSubgraphName);
    return {
      caller: {
        sub: c.sub,
        org: c.org,
        roles: c.roles.filter(isRole),
        sites: strings(c.sites),
        schools: strings(c.schools),
        organisations: strings(c.organisations),
        ...(typeof c.act === "string" && c.act ? { act: c.act } : {}),
      },
      purpose: isPurpose(payload.purpose) ? payload.purpose : null,
      requestId: rid,
      operation: typeof payload.op === "string" ? payload.op : undefined,
      ...(sar ? { subjectAccess: sar } : {}),
      token,
      tokenId: payload.jti!,
      audience,
    };
  }
}

/** The registered claims of a token whose signature holds: issuer, audience, times (RFC 7519 §4.1). */
function checkClaims(payload: JWTPayload, self: SubgraphName): JWTPayload {
  for (const claim of ["exp", "iat", "jti", "sub"] as const) {
    if (payload[claim] === undefined) throw new Error(`internal token has no "${claim}" claim`);
  }
  if (typeof payload.exp !== "number" || typeof payload.iat !== "number")
    throw new Error('internal token\'s "exp" and "iat" are not numbers');
  if (payload.nbf !== undefined && typeof payload.nbf !== "number")
    throw new Error('internal token\'s "nbf" is not a number');
  if (typeof payload.jti !== "string" || typeof payload.sub !== "string")
    throw new Error('internal token\'s "jti" and "sub" are not strings');
  if (payload.iss !== ISSUER) throw new Error('internal token\'s "iss" is not the gateway');
  const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audience.includes(self)) throw new Error(`internal token's "aud" does not name ${self}`);
  const now = Date.now() / 1000;
  if (payload.exp <= now - CLOCK_TOLERANCE_SECONDS) throw new Error('internal token\'s "exp" has passed');
  if (typeof payload.nbf === "number" && payload.nbf > now + CLOCK_TOLERANCE_SECONDS)
    throw new Error('internal token\'s "nbf" is in the future');
  if (now - payload.iat - CLOCK_TOLERANCE_SECONDS > INTERNAL_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS)
    throw new Error('internal token\'s "iat" is too old');
  return payload;
}

/** PEM texts of a fresh Ed25519 key pair (development keys, tests). */
export function generateInternalKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}
