// Scenario: the gateway alone vouches for callers. Internal tokens are signed with the gateway's Ed25519
// private key; subgraphs hold only public keys. A token names the subgraphs it is for, carries a unique id,
// lives seconds, and is bound to one request. Anything else (another key, an HMAC made with the public key,
// a token for another subgraph, an expired or far-future one, a third rotation key) is refused.
import {
  Caller,
  generateInternalKeyPair,
  internalAudience,
  InternalTokenSigner,
  InternalTokenVerifier,
} from "@reception-graph/kit";
import { compactVerify, decodeJwt, decodeProtectedHeader, SignJWT } from "jose";
import { createPrivateKey, createPublicKey, sign } from "node:crypto";

const caller: Caller = {
  sub: "u1",
  org: "OCMW_GENT",
  roles: ["SOCIAL_WORKER"],
  sites: [],
  schools: [],
  organisations: [],
};
const identity = { caller, purpose: "CASE_MANAGEMENT" as const, requestId: "req-1", operation: "Op" };

const gatewayKeys = generateInternalKeyPair();
let signer: InternalTokenSigner;
let verifier: InternalTokenVerifier;

beforeAll(async () => {
  signer = await InternalTokenSigner.fromPem(gatewayKeys.privateKeyPem);
  verifier = await InternalTokenVerifier.fromPem(gatewayKeys.publicKeyPem);
});

describe("internal tokens", () => {
  test("a token signed as the clock turns a second is still accepted: issued and expiry times come from one reading", async () => {
    // Each reading of the clock lands a millisecond later, starting just before a second boundary.
    let ms = Date.UTC(2026, 11, 2, 10, 0, 0) - 1;
    const now = jest.spyOn(Date, "now").mockImplementation(() => ms++);
    let token: string;
    try {
      token = await signer.sign(identity, ["social"]);
    } finally {
      now.mockRestore();
    }
    const claims = decodeJwt(token);
    expect(claims.exp! - claims.iat!).toBe(30);
    expect(claims.iat).toBe(Date.UTC(2026, 11, 2, 10, 0, 0) / 1000 - 1);
  });

  test("round-trip the caller, purpose, request and operation at a subgraph named in the audience", async () => {
    const token = await signer.sign(identity, ["social"]);
    const verified = await verifier.verify(token, "social");
    expect(verified).toMatchObject({ ...identity, audience: ["social"], token });
    const claims = decodeJwt(token);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBeLessThanOrEqual(30);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "EdDSA", kid: signer.keyId });
  });

  test("the token is a standard compact JWS with exactly the claims a subgraph reads; one changed byte is refused", async () => {
    const token = await signer.sign({ ...identity, subjectAccess: "3f1c7c1e-8a52-4d5e-9a0b-2f6a4c1d9e70" }, ["social"]);
    // jose's own JWS check with the public key: the signature is over the header and payload as sent.
    const { payload, protectedHeader } = await compactVerify(token, createPublicKey(gatewayKeys.publicKeyPem));
    expect(protectedHeader).toEqual({ alg: "EdDSA", kid: signer.keyId, typ: "internal+jwt" });
    const claims = JSON.parse(Buffer.from(payload).toString("utf8"));
    expect(Object.keys(claims).sort()).toEqual(
      ["aud", "caller", "exp", "iat", "iss", "jti", "op", "purpose", "rid", "sar", "sub"].sort(),
    );
    expect(claims).toMatchObject({
      iss: "reception-graph-gateway",
      aud: ["social"],
      sub: "u1",
      rid: "req-1",
      op: "Op",
      purpose: "CASE_MANAGEMENT",
    });
    const [header, body, signature] = token.split(".");
    const altered = Buffer.from(body, "base64url").toString("utf8").replace('"u1"', '"u2"');
    const forged = `${header}.${Buffer.from(altered).toString("base64url")}.${signature}`;
    await expect(verifier.verify(forged, "social")).rejects.toThrow(/signature/);
  });

  test("every token has its own id", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add(decodeJwt(await signer.sign(identity, ["social"])).jti as string);
    expect(ids.size).toBe(20);
  });

  test("a token issued for one subgraph is refused by another", async () => {
    const token = await signer.sign(identity, ["housing", "social"]);
    await expect(verifier.verify(token, "housing")).resolves.toBeDefined();
    await expect(verifier.verify(token, "care")).rejects.toThrow(/aud/);
    await expect(verifier.verify(token, "education")).rejects.toThrow(/aud/);
  });

  test("the audience names the target and only the peers it asks for this caller's roles", () => {
    // Any role reads aggregates, and social's narrowed to sites ask housing who lived there.
    expect(internalAudience("social", caller)).toEqual(["social", "housing"]);
    expect(internalAudience("social", { ...caller, roles: ["SITE_COORDINATOR"] })).toEqual(["social", "housing"]);
    expect(internalAudience("care", { ...caller, roles: ["CARE_WORKER"] })).toEqual(["care", "housing", "social"]);
    expect(internalAudience("care", caller)).toEqual(["care", "housing"]);
    expect(internalAudience("housing", caller)).toEqual(["housing", "social"]);
    // The DPO's audit queries gather all four subgraphs' records through social.
    expect(internalAudience("social", { ...caller, roles: ["DPO"] })).toEqual([
      "social",
      "housing",
      "care",
      "education",
    ]);
    expect(internalAudience("care", { ...caller, roles: ["DPO"] })).toEqual(["care", "housing"]);
  });

  test("a key other than the gateway's cannot sign a token a subgraph accepts", async () => {
    const other = await InternalTokenSigner.fromPem(generateInternalKeyPair().privateKeyPem);
    const forged = await other.sign(identity, ["social", "housing", "care", "education"]);
    await expect(verifier.verify(forged, "social")).rejects.toThrow(/unknown key/);
  });

  test("the public key used as an HMAC secret (algorithm confusion) is refused", async () => {
    const forged = await new SignJWT({ caller, purpose: "CASE_MANAGEMENT", rid: "r" })
      .setProtectedHeader({ alg: "HS256", kid: signer.keyId })
      .setIssuer("reception-graph-gateway")
      .setAudience("social")
      .setSubject("u1")
      .setJti("x")
      .setIssuedAt()
      .setExpirationTime("30s")
      .sign(new TextEncoder().encode(gatewayKeys.publicKeyPem));
    await expect(verifier.verify(forged, "social")).rejects.toThrow();
  });

  test("expired, long-lived and future tokens are refused", async () => {
    const key = createPrivateKey(gatewayKeys.privateKeyPem);
    const now = Math.floor(Date.now() / 1000);
    const make = (iat: number, exp: number) =>
      new SignJWT({ caller, purpose: "CASE_MANAGEMENT", rid: "r" })
        .setProtectedHeader({ alg: "EdDSA", kid: signer.keyId })
        .setIssuer("reception-graph-gateway")
        .setAudience("social")
        .setSubject("u1")
        .setJti("j")
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
    await expect(verifier.verify(await make(now - 120, now - 90), "social")).rejects.toThrow(/exp/);
    await expect(verifier.verify(await make(now, now + 3600), "social")).rejects.toThrow(/longer/);
    await expect(verifier.verify(await make(now + 600, now + 620), "social")).rejects.toThrow();
    await expect(verifier.verify(await make(now, now + 20), "social")).resolves.toBeDefined();
  });

  test("tokens signed with the gateway's key but missing a claim, from another issuer, unsigned or with extensions are refused", async () => {
    const key = createPrivateKey(gatewayKeys.privateKeyPem);
    const now = Math.floor(Date.now() / 1000);
    const base = () =>
      new SignJWT({ caller, purpose: "CASE_MANAGEMENT", rid: "r" })
        .setIssuer("reception-graph-gateway")
        .setAudience("social")
        .setSubject("u1")
        .setIssuedAt(now)
        .setExpirationTime(now + 20);
    const header = { alg: "EdDSA", kid: signer.keyId };
    // The same token with and without the one thing wrong: the refusal is about that thing.
    await expect(
      verifier.verify(await base().setJti("j").setProtectedHeader(header).sign(key), "social"),
    ).resolves.toBeDefined();
    await expect(verifier.verify(await base().setProtectedHeader(header).sign(key), "social")).rejects.toThrow(/"jti"/);
    const otherIssuer = await base().setJti("j").setIssuer("someone-else").setProtectedHeader(header).sign(key);
    await expect(verifier.verify(otherIssuer, "social")).rejects.toThrow(/"iss"/);
    const later = await base()
      .setJti("j")
      .setNotBefore(now + 600)
      .setProtectedHeader(header)
      .sign(key);
    await expect(verifier.verify(later, "social")).rejects.toThrow(/"nbf"/);
    // jose will not sign an unknown critical extension: signed here, byte for byte as a JWS.
    const raw = (h: object, claims: object) => {
      const input = [h, claims].map((o) => Buffer.from(JSON.stringify(o)).toString("base64url")).join(".");
      return `${input}.${sign(null, Buffer.from(input), key).toString("base64url")}`;
    };
    const claims = { caller, purpose: "CASE_MANAGEMENT", rid: "r", iss: "reception-graph-gateway", aud: "social" };
    const good = { ...claims, sub: "u1", jti: "j", iat: now, exp: now + 20 };
    await expect(verifier.verify(raw(header, good), "social")).resolves.toBeDefined();
    await expect(verifier.verify(raw({ ...header, crit: ["x-ext"], "x-ext": 1 }, good), "social")).rejects.toThrow(
      /header/,
    );
    await expect(verifier.verify(raw(header, { ...good, exp: String(now + 20) }), "social")).rejects.toThrow(
      /not numbers/,
    );
    const valid = await base().setJti("j").setProtectedHeader(header).sign(key);
    const [, payload] = valid.split(".");
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", kid: signer.keyId })).toString("base64url")}.${payload}.`;
    await expect(verifier.verify(unsigned, "social")).rejects.toThrow(/"none"/);
    await expect(verifier.verify(valid.split(".").slice(0, 2).join("."), "social")).rejects.toThrow(/compact JWS/);
    const truncated = valid.slice(0, -4);
    await expect(verifier.verify(truncated, "social")).rejects.toThrow(/signature/);
  });

  test("rotation: two public keys are valid at once, a third is a configuration error", async () => {
    const next = generateInternalKeyPair();
    const both = await InternalTokenVerifier.fromPem(gatewayKeys.publicKeyPem + next.publicKeyPem);
    const nextSigner = await InternalTokenSigner.fromPem(next.privateKeyPem);
    await expect(both.verify(await signer.sign(identity, ["social"]), "social")).resolves.toBeDefined();
    await expect(both.verify(await nextSigner.sign(identity, ["social"]), "social")).resolves.toBeDefined();
    await expect(
      InternalTokenVerifier.fromPem(
        gatewayKeys.publicKeyPem + next.publicKeyPem + generateInternalKeyPair().publicKeyPem,
      ),
    ).rejects.toThrow(/one or two/);
  });

  test("subgraphs are configured with public keys only: a private key is not accepted as one", async () => {
    await expect(InternalTokenVerifier.fromPem(gatewayKeys.privateKeyPem)).rejects.toThrow();
  });
});

test("keys written on one line with \\n escapes (a .env file) are read like PEM files", async () => {
  const oneLine = (pem: string) => pem.trim().replace(/\n/g, "\\n");
  const pair = generateInternalKeyPair();
  const s = await InternalTokenSigner.fromPem(oneLine(pair.privateKeyPem));
  const v = await InternalTokenVerifier.fromPem(oneLine(pair.publicKeyPem));
  await expect(v.verify(await s.sign(identity, ["care"]), "care")).resolves.toMatchObject({ caller });
});
