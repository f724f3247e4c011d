// The gateway's token verifier accepts only properly signed, unexpired tokens of the configured issuer and audience (HS256 in development, RS256/ES256 from a JWKS in production), and `npm run token` makes tokens it accepts. A token it accepted is taken on trust again for a minute at most, never past its expiry, and only to the letter.
import { InternalTokenSigner, InternalTokenVerifier } from "@reception-graph/kit";
import { exportJWK, generateKeyPair, JWK, SignJWT, UnsecuredJWT } from "jose";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import {
  authenticate,
  createTokenVerifier,
  GatewayCaller,
  parsePurpose,
  rememberingVerifier,
  VERIFIED_TOKEN_TRUST_MS,
} from "../../gateway/src/auth";
import { ensureDevSecrets, parseTokenArgs, signDevToken } from "../../scripts/token";

const SECRET = "unit-test-secret-that-is-long-enough-0123456789";
const CLAIMS = { org: "OCMW_GENT", roles: ["SOCIAL_WORKER"], sites: ["site-1"], schools: [], organisations: [] };
const hs = (secret = SECRET) => new TextEncoder().encode(secret);

function hsToken(
  claims: Record<string, unknown> = CLAIMS,
  opts: { exp?: string | number; iss?: string; aud?: string } = {},
) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject("user-1").setIssuedAt();
  jwt.setExpirationTime(opts.exp ?? "5m");
  if (opts.iss) jwt.setIssuer(opts.iss);
  if (opts.aud) jwt.setAudience(opts.aud);
  return jwt.sign(hs());
}

describe("HS256 (JWT_SECRET)", () => {
  const verify = createTokenVerifier({ jwtSecret: SECRET });

  test("a valid token gives the caller with roles and scopes", async () => {
    expect(await verify(await hsToken())).toEqual({
      sub: "user-1",
      org: "OCMW_GENT",
      roles: ["SOCIAL_WORKER"],
      sites: ["site-1"],
      schools: [],
      organisations: [],
    });
  });

  test("unknown roles are dropped; a token with no known role is refused", async () => {
    expect((await verify(await hsToken({ ...CLAIMS, roles: ["SOCIAL_WORKER", "ROOT"] }))).roles).toEqual([
      "SOCIAL_WORKER",
    ]);
    await expect(verify(await hsToken({ ...CLAIMS, roles: ["ROOT"] }))).rejects.toThrow(/no known role/);
    await expect(verify(await hsToken({ ...CLAIMS, roles: "SOCIAL_WORKER" }))).rejects.toThrow(/no known role/);
  });

  test("a token without subject or organisation is refused", async () => {
    const noSub = await new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(hs());
    await expect(verify(noSub)).rejects.toThrow(/subject/);
    await expect(verify(await hsToken({ roles: ["SOCIAL_WORKER"] }))).rejects.toThrow(/organisation/);
  });

  test("wrong secret, expired, alg none, tampered: all refused", async () => {
    const other = await new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("u")
      .setExpirationTime("5m")
      .sign(hs("another-secret-that-is-long-enough-0123456789"));
    await expect(verify(other)).rejects.toThrow(/signature/);
    await expect(verify(await hsToken(CLAIMS, { exp: Math.floor(Date.now() / 1000) - 60 }))).rejects.toThrow(/exp/);
    const none = new UnsecuredJWT(CLAIMS).setSubject("u").setExpirationTime("5m").encode();
    await expect(verify(none)).rejects.toThrow();
    const [h, , s] = (await hsToken()).split(".");
    const body = Buffer.from(JSON.stringify({ ...CLAIMS, roles: ["DPO"], sub: "x" })).toString("base64url");
    await expect(verify(`${h}.${body}.${s}`)).rejects.toThrow(/signature/);
  });

  test("issuer and audience are checked when configured", async () => {
    const strict = createTokenVerifier({
      jwtSecret: SECRET,
      issuer: "https://idp.example",
      audience: "reception-graph",
    });
    await expect(
      strict(await hsToken(CLAIMS, { iss: "https://idp.example", aud: "reception-graph" })),
    ).resolves.toMatchObject({
      sub: "user-1",
    });
    await expect(
      strict(await hsToken(CLAIMS, { iss: "https://evil.example", aud: "reception-graph" })),
    ).rejects.toThrow(/iss/);
    await expect(strict(await hsToken(CLAIMS, { iss: "https://idp.example", aud: "other-app" }))).rejects.toThrow(
      /aud/,
    );
    await expect(strict(await hsToken(CLAIMS))).rejects.toThrow(/iss/);
  });

  test("without JWT_SECRET or JWKS_URL the gateway does not start", () => {
    expect(() => createTokenVerifier({})).toThrow(/JWT_SECRET/);
  });
});

describe("RS256 from a JWKS (JWKS_URL, JWT_ISSUER, JWT_AUDIENCE)", () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  let strangerKey: CryptoKey;
  const kid = randomUUID();
  let served = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    privateKey = pair.privateKey as CryptoKey;
    strangerKey = (await generateKeyPair("RS256")).privateKey as CryptoKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg: "RS256", use: "sig" };
    server = createServer((req, res) => {
      served++;
      if (req.url !== "/.well-known/jwks.json") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  const rsToken = (key: CryptoKey, opts: { iss?: string; aud?: string; kid?: string } = {}) =>
    new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: "RS256", kid: opts.kid ?? kid })
      .setSubject("idp-user")
      .setIssuer(opts.iss ?? "https://idp.gent.example")
      .setAudience(opts.aud ?? "reception-graph")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(key);

  const verifier = () =>
    createTokenVerifier({
      jwksUrl,
      issuer: "https://idp.gent.example",
      audience: "reception-graph",
      jwtSecret: SECRET,
    });

  test("a token signed by the identity provider's key is accepted (the key is fetched from the JWKS)", async () => {
    const before = served;
    expect(await verifier()(await rsToken(privateKey))).toMatchObject({ sub: "idp-user", roles: ["SOCIAL_WORKER"] });
    expect(served).toBeGreaterThan(before);
  });

  test("wrong issuer or audience is refused", async () => {
    const verify = verifier();
    await expect(verify(await rsToken(privateKey, { iss: "https://other-idp.example" }))).rejects.toThrow(/iss/);
    await expect(verify(await rsToken(privateKey, { aud: "another-app" }))).rejects.toThrow(/aud/);
  });

  test("with JWKS_URL, JWT_ISSUER and JWT_AUDIENCE are required", () => {
    expect(() => createTokenVerifier({ jwksUrl, audience: "reception-graph" })).toThrow(/JWT_ISSUER/);
    expect(() => createTokenVerifier({ jwksUrl, issuer: "https://idp.gent.example" })).toThrow(/JWT_AUDIENCE/);
  });

  test("a token signed by a key not in the JWKS is refused", async () => {
    await expect(verifier()(await rsToken(strangerKey))).rejects.toThrow();
    await expect(verifier()(await rsToken(strangerKey, { kid: "unknown-kid" }))).rejects.toThrow();
  });

  test("with a JWKS configured, HS256 tokens (even with the development secret) are refused", async () => {
    const token = await new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: "HS256", kid })
      .setSubject("u")
      .setIssuer("https://idp.gent.example")
      .setAudience("reception-graph")
      .setExpirationTime("5m")
      .sign(hs());
    await expect(verifier()(token)).rejects.toThrow();
  });
});

describe("the Authorization and x-purpose headers", () => {
  const verify = createTokenVerifier({ jwtSecret: SECRET });

  test("missing or non-bearer headers are UNAUTHENTICATED with status 401", async () => {
    for (const header of [undefined, "", "Basic abc", "Bearer", "Bearer a b"]) {
      await expect(authenticate(header, verify)).rejects.toMatchObject({
        extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
      });
    }
  });

  test("a refused token is UNAUTHENTICATED, naming why", async () => {
    await expect(authenticate("Bearer x.y.z", verify)).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
      message: expect.stringMatching(/refused/),
    });
    await expect(authenticate(`bearer ${await hsToken()}`, verify)).resolves.toMatchObject({ sub: "user-1" });
  });

  test("purpose: absent is null, known is normalised, unknown is BAD_USER_INPUT on x-purpose", () => {
    expect(parsePurpose(undefined)).toBeNull();
    expect(parsePurpose(" case_management ")).toBe("CASE_MANAGEMENT");
    expect(() => parsePurpose("GOSSIP")).toThrow(/GOSSIP/);
  });
});

describe("npm run token", () => {
  test("reads roles, organisation and scopes", () => {
    expect(
      parseTokenArgs([
        "--role",
        "site_coordinator,SOCIAL_WORKER",
        "--org",
        "IOM",
        "--site",
        "a",
        "--site=b",
        "--ttl",
        "30m",
      ]),
    ).toEqual({
      roles: ["SITE_COORDINATOR", "SOCIAL_WORKER"],
      org: "IOM",
      sub: undefined,
      sites: ["a", "b"],
      schools: [],
      organisations: [],
      ttl: "30m",
    });
  });

  test("an unknown role, a missing organisation or a bad duration is a clear error", () => {
    expect(() => parseTokenArgs(["--role", "KING", "--org", "X"])).toThrow(
      /Unknown role KING; valid roles: SITE_COORDINATOR, .*ADMIN/,
    );
    expect(() => parseTokenArgs(["--role", "DPO"])).toThrow(/--org is required/);
    expect(() => parseTokenArgs(["--org", "X"])).toThrow(/--role is required/);
    expect(() => parseTokenArgs(["--role", "DPO", "--org", "X", "--ttl", "forever"])).toThrow(/--ttl/);
    expect(() => parseTokenArgs(["--role", "DPO", "--org", "X", "--colour", "red"])).toThrow(/Unknown option/);
  });

  test("its tokens are accepted by the gateway's verifier with the same secret", async () => {
    const token = await signDevToken(
      parseTokenArgs(["--role", "SCHOOL_STAFF", "--org", "STAD_GENT", "--school", "s-1"]),
      SECRET,
    );
    expect(await createTokenVerifier({ jwtSecret: SECRET })(token)).toEqual({
      sub: "dev-school-staff",
      org: "STAD_GENT",
      roles: ["SCHOOL_STAFF"],
      sites: [],
      schools: ["s-1"],
      organisations: [],
    });
  });

  test("the development secrets are created once under DATA_DIR, mode 600, and the environment wins", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rg-secrets-"));
    try {
      const env = { DATA_DIR: dir };
      const first = await ensureDevSecrets(env);
      const again = await ensureDevSecrets(env);
      expect(again).toEqual(first);
      expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
      expect(first.internalPrivateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(first.internalPublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      const signer = await InternalTokenSigner.fromPem(first.internalPrivateKey);
      const verifier = await InternalTokenVerifier.fromPem(first.internalPublicKey);
      const caller = {
        sub: "u",
        org: "o",
        roles: ["SOCIAL_WORKER" as const],
        sites: [],
        schools: [],
        organisations: [],
      };
      const internal = await signer.sign({ caller, purpose: null, requestId: "r" }, ["social"]);
      await expect(verifier.verify(internal, "social")).resolves.toMatchObject({ caller });
      expect((await stat(join(dir, "secrets.json"))).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(join(dir, "secrets.json"), "utf8")).jwtSecret).toBe(first.jwtSecret);
      const fromEnv = await ensureDevSecrets({ ...env, JWT_SECRET: "from-the-environment-0123456789abcdef" });
      expect(fromEnv.jwtSecret).toBe("from-the-environment-0123456789abcdef");
      expect(fromEnv.internalPrivateKey).toBe(first.internalPrivateKey);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("as a command: the token alone on stdout; an unknown role exits 1 listing the valid roles", async () => {
    const run = promisify(execFile);
    const root = resolve(__dirname, "..", "..");
    const env = { ...process.env, JWT_SECRET: SECRET };
    const args = ["-r", "@swc-node/register", "scripts/token.ts"];
    const ok = await run(process.execPath, [...args, "--role", "DPO", "--org", "OCMW_GENT"], { cwd: root, env });
    expect(ok.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await createTokenVerifier({ jwtSecret: SECRET })(ok.stdout.trim())).toMatchObject({ roles: ["DPO"] });
    const bad = await run(process.execPath, [...args, "--role", "KING", "--org", "X"], { cwd: root, env }).then(
      () => null,
      (e: { code: number; stderr: string; stdout: string }) => e,
    );
    expect(bad).toMatchObject({ code: 1, stdout: "" });
    expect(bad!.stderr).toMatch(/Unknown role KING; valid roles: SITE_COORDINATOR, HOUSING_COORDINATOR, SOCIAL_WORKER/);
  });
});

describe("verified tokens remembered", () => {
  const caller: GatewayCaller = {
    sub: "u",
    org: "OCMW_GENT",
    roles: ["SOCIAL_WORKER"],
    sites: [],
    schools: [],
    organisations: [],
  };
  /** A verifier that counts its checks; tokens "bad…" are refused; each token expires at `exp` (seconds). */
  function counting(exp: number) {
    const checked: string[] = [];
    const inner = async (token: string) => {
      checked.push(token);
      if (token.startsWith("bad")) throw new Error("signature verification failed");
      return { caller: { ...caller, sub: token }, exp };
    };
    return { checked, inner };
  }

  test("the same token within a minute is checked once; after the minute, again", async () => {
    let now = 1_000_000_000_000;
    const { checked, inner } = counting(now / 1000 + 3600);
    const verify = rememberingVerifier(inner, { now: () => now });
    expect((await verify("t1")).sub).toBe("t1");
    now += VERIFIED_TOKEN_TRUST_MS - 1;
    expect((await verify("t1")).sub).toBe("t1");
    expect(checked).toEqual(["t1"]);
    now += 1;
    await verify("t1");
    expect(checked).toEqual(["t1", "t1"]);
  });

  test("never past the token's expiry (and the 30 s tolerance): then it is checked, and refused if expired", async () => {
    let now = 1_000_000_000_000;
    const exp = now / 1000 + 10;
    const { checked, inner } = counting(exp);
    const verify = rememberingVerifier(
      async (t) => {
        // As jose: expired once now - tolerance reaches exp.
        if (now / 1000 >= exp + 30) throw new Error('"exp" claim timestamp check failed');
        return inner(t);
      },
      { now: () => now },
    );
    await verify("t2");
    now += 39_000;
    await verify("t2");
    expect(checked).toEqual(["t2"]);
    now += 1_000;
    await expect(verify("t2")).rejects.toThrow(/exp/);
  });

  test("a refused token is not remembered, and another token is checked in full", async () => {
    const { checked, inner } = counting(Date.now() / 1000 + 3600);
    const verify = rememberingVerifier(inner);
    await expect(verify("bad-1")).rejects.toThrow(/signature/);
    await expect(verify("bad-1")).rejects.toThrow(/signature/);
    await verify("good");
    await verify("good.");
    expect(checked).toEqual(["bad-1", "bad-1", "good", "good."]);
  });

  test("at most `kept` tokens: the oldest is forgotten first", async () => {
    const { checked, inner } = counting(Date.now() / 1000 + 3600);
    const verify = rememberingVerifier(inner, { kept: 2 });
    for (const t of ["a", "b", "c", "b", "c", "a"]) await verify(t);
    expect(checked).toEqual(["a", "b", "c", "a"]);
  });

  test("the remembered caller cannot be changed by one request for the next", async () => {
    const { inner } = counting(Date.now() / 1000 + 3600);
    const verify = rememberingVerifier(inner);
    const first = await verify("t3");
    expect(() => (first.roles as string[]).push("DPO")).toThrow();
    expect(() => Object.assign(first, { org: "X" })).toThrow();
    expect(await verify("t3")).toEqual({ ...caller, sub: "t3" });
  });

  test("through the real HS256 verifier: a remembered token still refuses a tampered copy", async () => {
    const verify = createTokenVerifier({ jwtSecret: SECRET });
    const token = await hsToken();
    await verify(token);
    const [h, , sig] = token.split(".");
    const body = Buffer.from(JSON.stringify({ ...CLAIMS, roles: ["DPO"], sub: "x", exp: 9e9, iat: 1 })).toString(
      "base64url",
    );
    await expect(verify(`${h}.${body}.${sig}`)).rejects.toThrow(/signature/);
    expect((await verify(token)).roles).toEqual(["SOCIAL_WORKER"]);
  });
});
