// Issue 7, bypass by bypass: each way a token, a scoped caller or a failing peer got past the trust rules is tried again through the running graph, refused with its code and nothing written, while the legitimate path next to it still works.
import {
  createModuleServer,
  generateInternalKeyPair,
  InternalTokenSigner,
  Purpose,
  SubgraphServer,
} from "@reception-graph/kit";
import { decodeJwt, decodeProtectedHeader, SignJWT } from "jose";
import { createPrivateKey, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { join } from "node:path";
import { createTokenVerifier } from "../../gateway/src/auth";
import { createGatewayServer, GatewayServer } from "../../gateway/src/server";
import { ALL_SUBGRAPHS } from "../../scripts/subgraphs";
import { HOUSING, ok, place, siteCoordinator, SOCIAL, validatedSite } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, GqlResponse, postGraphql } from "../support/graphql";
import {
  callerToken,
  internalToken,
  TEST_INTERNAL_KEYS,
  TEST_JWT_SECRET,
  testInternalSigner,
  testInternalVerifier,
  TokenClaims,
} from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
}, 120_000);
afterAll(async () => {
  await graph?.stop();
});

const SUBGRAPHS = ["social", "housing", "care", "education"] as const;
const ANALYST: TokenClaims = { sub: "analyst-bypass", org: "CITY_GHENT", roles: ["ANALYST"] };
const SCHOOL_ADMIN: TokenClaims = { sub: "admin-bypass", org: "CITY_GENT", roles: ["ADMIN"] };
const CARE_ADMIN: TokenClaims = { sub: "caw-admin-bypass", org: "CAW_OOST_VLAANDEREN", roles: ["ADMIN"] };
const staffOf = (schoolId: string): TokenClaims => ({
  sub: `staff-${schoolId.slice(0, 8)}`,
  org: "BASISSCHOOL",
  roles: ["SCHOOL_STAFF"],
  schools: [schoolId],
});

const REGISTER = `mutation H($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`;
const ASSIGN = `mutation A($input: AssignHouseholdToSiteInput!) { assignHouseholdToSite(input: $input) { id status } }`;
const REQUEST = `mutation R($input: RequestEnrolmentInput!) { requestEnrolment(input: $input) { id status } }`;
const ENROL = `mutation E($input: EnrolInput!) { enrol(input: $input) { id status } }`;
const ASSESS = `mutation A($input: RecordEducationAssessmentInput!) { recordEducationAssessment(input: $input) { id } }`;
const GIVEN_NAME = `query N($id: ID!) { person(id: $id) { givenName } }`;

interface Member {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: "FEMALE" | "MALE";
  certificateNumber?: string;
  phone?: string;
}

/** Registers a household as the OCMW would; member IDs by given name. */
async function register(members: Member[]): Promise<{ householdId: string; ids: Record<string, string> }> {
  const h = ok(await graph.query(REGISTER, { input: { members } }, SOCIAL, "CASE_MANAGEMENT")).registerHousehold;
  return { householdId: h.id, ids: Object.fromEntries(h.members.map((m: any) => [m.givenName, m.id])) };
}

/** One number from a COUNT(*)::int AS n query on a subgraph's own database. */
async function count(db: "social" | "housing" | "care" | "education", sql: string, params: unknown[] = []) {
  const [row] = await graph.dataSources[db].query(sql, params);
  return row.n as number;
}

async function registerSchool(name: string): Promise<string> {
  return ok(
    await graph.query(
      `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
      { input: { name, nisCode: "44021", offersOkan: true, okanCapacity: 20 } },
      SCHOOL_ADMIN,
      null,
    ),
  ).registerSchool.id;
}

function expectUnauthenticated(res: GqlResponse): void {
  expect(res.status).toBe(401);
  expect(res.data ?? null).toBeNull();
  expect(errorCodes(res)).toEqual(["UNAUTHENTICATED"]);
}

/** Calls a subgraph directly with a bearer token, as a peer or an intruder on the network would. */
function atSubgraph(name: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  return postGraphql(graph.subgraphUrls[name], query, variables, { authorization: `Bearer ${token}` });
}

/** A second gateway over the given subgraph URLs (the same key pair and caller secret as `graph`). */
async function extraGateway(subgraphUrls: Record<string, string>) {
  const gateway: GatewayServer = await createGatewayServer({
    supergraphSdl: readFileSync(join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8"),
    subgraphUrls,
    verifyToken: createTokenVerifier({ jwtSecret: TEST_JWT_SECRET }),
    internalTokens: await testInternalSigner(),
  });
  const graphqlUrl = `${await gateway.listen(0)}/graphql`;
  return {
    async query(query: string, variables: Record<string, unknown>, as: TokenClaims, purpose: Purpose) {
      return postGraphql(graphqlUrl, query, variables, {
        authorization: `Bearer ${await callerToken(as)}`,
        "x-purpose": purpose,
      });
    },
    stop: () => gateway.stop(),
  };
}

async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Sits between the gateway and a subgraph and keeps the bearer tokens it forwards. */
async function tokenCapture(target: string): Promise<{ url: string; tokens: string[]; stop(): Promise<void> }> {
  const tokens: string[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const authorization = String(req.headers.authorization ?? "");
    tokens.push(authorization.replace(/^Bearer\s+/i, ""));
    const upstream = await fetch(target, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization,
        "x-request-id": String(req.headers["x-request-id"] ?? ""),
      },
      body: Buffer.concat(chunks),
    });
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  const url = await listenOnLoopback(server);
  return { url, tokens, stop: () => closeServer(server) };
}

describe("1. internal tokens: only the gateway signs, per subgraph, for 30 seconds", () => {
  const CALLER = {
    sub: "intruder",
    org: "OCMW_GHENT",
    roles: ["SOCIAL_WORKER" as const],
    sites: [],
    schools: [],
    organisations: [],
  };

  // Subgraphs log each refused token; the log is expected here.
  let warned: jest.SpyInstance;
  beforeEach(() => {
    warned = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterEach(() => warned.mockRestore());

  test.each(SUBGRAPHS)("%s refuses (401) a token signed with any key but the gateway's", async (name) => {
    // Scenario: a compromised subgraph (or anyone on the network) mints an internal token for a powerful caller with a key of its own.
    const gatewayKid = (await testInternalSigner()).keyId;
    const own = await InternalTokenSigner.fromPem(generateInternalKeyPair().privateKeyPem);
    const forged = await own.sign(
      { caller: CALLER, purpose: "CASE_MANAGEMENT", requestId: randomUUID(), operation: "forged" },
      [...SUBGRAPHS],
    );
    // The same, pretending to be signed with the gateway's key (its key id in the header).
    const otherKey = createPrivateKey(generateInternalKeyPair().privateKeyPem);
    const claims = { caller: CALLER, purpose: "CASE_MANAGEMENT", rid: randomUUID(), op: "forged" };
    const withGatewayKid = await new SignJWT(claims)
      .setProtectedHeader({ alg: "EdDSA", kid: gatewayKid, typ: "internal+jwt" })
      .setIssuer("reception-graph-gateway")
      .setAudience([...SUBGRAPHS])
      .setSubject(CALLER.sub)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime("30s")
      .sign(otherKey);
    // The old way: a shared HMAC secret; here the gateway's public key, which every subgraph holds, used as one.
    const hmacWithPublicKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", kid: gatewayKid, typ: "internal+jwt" })
      .setIssuer("reception-graph-gateway")
      .setAudience([...SUBGRAPHS])
      .setSubject(CALLER.sub)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime("30s")
      .sign(new TextEncoder().encode(TEST_INTERNAL_KEYS.publicKeyPem));
    for (const token of [forged, withGatewayKid, hmacWithPublicKey]) {
      expectUnauthenticated(await atSubgraph(name, token, `query T { __typename }`));
    }
    // Control: the same caller, signed by the gateway for this subgraph, is let in.
    const genuine = await internalToken(CALLER, "CASE_MANAGEMENT", [name]);
    const res = await atSubgraph(name, genuine, `query T { __typename }`);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });

  test("a token seen on the wire lives at most 30 s and works only at the subgraph it was issued for", async () => {
    // Scenario: someone who can read the traffic between the gateway and care replays the token care received at the other subgraphs.
    const proxies = Object.fromEntries(
      await Promise.all(SUBGRAPHS.map(async (n) => [n, await tokenCapture(graph.subgraphUrls[n])] as const)),
    );
    const gateway = await extraGateway(Object.fromEntries(SUBGRAPHS.map((n) => [n, proxies[n].url])));
    try {
      const { ids } = await register([
        { givenName: "Wiretap", familyName: "Savchenko", birthDate: "1990-01-01", sex: "FEMALE" },
      ]);
      const res = await gateway.query(
        `query P($id: ID!) { person(id: $id) { givenName referrals { id } } }`,
        { id: ids.Wiretap },
        SOCIAL,
        "CASE_MANAGEMENT",
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.person).toEqual({ givenName: "Wiretap", referrals: [] });
      const careToken = proxies.care.tokens[0];
      const socialToken = proxies.social.tokens[0];
      expect(careToken).toBeTruthy();
      expect(socialToken).toBeTruthy();
      for (const token of [careToken, socialToken]) {
        expect(decodeProtectedHeader(token).alg).toBe("EdDSA");
        const payload = decodeJwt(token);
        expect(payload.exp! - payload.iat!).toBeGreaterThan(0);
        expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(30);
      }
      // Care may ask housing whether a site exists, and social who lived at a site (indicators narrowed to a
      // site), for any caller: their tokens name housing as well, nothing else.
      expect(decodeJwt(careToken).aud).toEqual(["care", "housing"]);
      expect(decodeJwt(socialToken).aud).toEqual(["social", "housing"]);
      const query = `query T { __typename }`;
      for (const other of ["social", "education"]) {
        expectUnauthenticated(await atSubgraph(other, careToken, query));
      }
      for (const other of ["care", "education"]) {
        expectUnauthenticated(await atSubgraph(other, socialToken, query));
      }
      // Control: at the subgraph it was issued for, within its 30 seconds, the token still works.
      const replayAtCare = await atSubgraph("care", careToken, query);
      expect(replayAtCare.status).toBe(200);
      expect(replayAtCare.errors).toBeUndefined();
    } finally {
      await gateway.stop();
      await Promise.all(Object.values(proxies).map((p) => p.stop()));
    }
  });

  test.each(SUBGRAPHS)("%s refuses a gateway-signed token living two minutes, or issued a minute ago", async (name) => {
    // Scenario: a token valid for two minutes (the old lifetime), or one seen a minute ago, is replayed; even the gateway's key does not make it valid.
    const twoMinutes = await InternalTokenSigner.fromPem(TEST_INTERNAL_KEYS.privateKeyPem, 120);
    const identity = { caller: CALLER, purpose: "CASE_MANAGEMENT" as const, requestId: randomUUID() };
    const long = await twoMinutes.sign(identity, [name]);
    const now = Math.floor(Date.now() / 1000);
    const old = await new SignJWT({ caller: CALLER, purpose: "CASE_MANAGEMENT", rid: randomUUID(), op: "old" })
      .setProtectedHeader({ alg: "EdDSA", kid: (await testInternalSigner()).keyId, typ: "internal+jwt" })
      .setIssuer("reception-graph-gateway")
      .setAudience([name])
      .setSubject(CALLER.sub)
      .setJti(randomUUID())
      .setIssuedAt(now - 60)
      .setExpirationTime(now - 30)
      .sign(createPrivateKey(TEST_INTERNAL_KEYS.privateKeyPem));
    expectUnauthenticated(await atSubgraph(name, long, `query T { __typename }`));
    expectUnauthenticated(await atSubgraph(name, old, `query T { __typename }`));
    // Control: the gateway's 30-second token for the same identity is accepted.
    const res = await atSubgraph(
      name,
      await (await testInternalSigner()).sign(identity, [name]),
      `query T { __typename }`,
    );
    expect(res.status).toBe(200);
  });
});

describe("2. a scoped caller cannot widen their own scope with a write", () => {
  let schoolA: string;
  let schoolB: string;
  let family: { householdId: string; ids: Record<string, string> };
  let pupilOfB: string;

  beforeAll(async () => {
    schoolA = await registerSchool("Basisschool Scope A");
    schoolB = await registerSchool("Basisschool Scope B");
    family = await register([
      { givenName: "Halyna", familyName: "Tkachenko", birthDate: "1983-05-05", sex: "FEMALE" },
      { givenName: "Danylo", familyName: "Tkachenko", birthDate: "2014-03-01", sex: "MALE" },
    ]);
    pupilOfB = (
      await register([{ givenName: "Yeva", familyName: "Kovalenko", birthDate: "2013-02-02", sex: "FEMALE" }])
    ).ids.Yeva;
    ok(await graph.query(REQUEST, { input: { personId: pupilOfB, schoolId: schoolB } }, SOCIAL, "CASE_MANAGEMENT"));
    ok(
      await graph.query(
        ENROL,
        { input: { personId: pupilOfB, schoolId: schoolB, programme: "PRIMARY", startDate: "2022-09-01" } },
        staffOf(schoolB),
        "ENROLMENT",
      ),
    );
    const service = ok(
      await graph.query(
        `mutation S($input: RegisterServiceInput!) { registerService(input: $input) { id } }`,
        {
          input: {
            name: "Scope speech therapy",
            organisation: "CAW_OOST_VLAANDEREN",
            type: "MENTAL_HEALTH",
            languages: ["uk"],
            contact: "09 000 00 01",
            openingHours: "Mon-Fri 9-17",
          },
        },
        CARE_ADMIN,
        "CARE",
      ),
    ).registerService;
    ok(
      await graph.query(
        `mutation C($input: CreateReferralInput!) { createReferral(input: $input) { id } }`,
        { input: { personId: family.ids.Danylo, serviceId: service.id, reason: "MENTAL_HEALTH", consent: true } },
        SOCIAL,
        "CASE_MANAGEMENT",
      ),
    );
  });

  test("school staff enrolling a child nobody handed over: FORBIDDEN, no enrolment, name and referrals still hidden; after a hand-over they may", async () => {
    // Scenario: school staff hold a child's ID and try to make the child theirs by enrolling them (and the mother too).
    const staff = staffOf(schoolA);
    const enrolments = () =>
      count("education", `SELECT count(*)::int AS n FROM enrolment WHERE person_id = ANY($1::uuid[])`, [
        Object.values(family.ids),
      ]);
    const requests = () =>
      count("education", `SELECT count(*)::int AS n FROM enrolment_request WHERE person_id = ANY($1::uuid[])`, [
        Object.values(family.ids),
      ]);
    for (const [personId, programme] of [
      [family.ids.Danylo, "PRIMARY"],
      [family.ids.Halyna, "SECONDARY"],
    ]) {
      const res = await graph.query(
        ENROL,
        { input: { personId, schoolId: schoolA, programme, startDate: "2022-09-01" } },
        staff,
        "ENROLMENT",
      );
      expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
      expect(res.data?.enrol ?? null).toBeNull();
    }
    // Nor can they hand the child over to themselves.
    const selfRequest = await graph.query(
      REQUEST,
      { input: { personId: family.ids.Danylo, schoolId: schoolA } },
      staff,
      "ENROLMENT",
    );
    expect(errorCodes(selfRequest)).toEqual(["FORBIDDEN"]);
    expect(await enrolments()).toBe(0);
    expect(await requests()).toBe(0);
    for (const id of Object.values(family.ids)) {
      const name = await graph.query(GIVEN_NAME, { id }, staff, "ENROLMENT");
      expect(errorCodes(name)).toContain("FORBIDDEN");
      expect(name.data?.person?.givenName ?? null).toBeNull();
    }
    const referrals = await graph.query(
      `query F($id: ID!) { person(id: $id) { id referrals { id } } }`,
      { id: family.ids.Danylo },
      staff,
      "ENROLMENT",
    );
    expect(errorCodes(referrals)).toContain("FORBIDDEN");
    expect(referrals.data?.person?.referrals ?? null).toBeNull();
    // Care refuses on its own too, asked directly with a validly signed token, as the gateway would ask it.
    const REFERRALS_AT_CARE = `query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { referrals { id } } } }`;
    const atCare = await atSubgraph(
      "care",
      await internalToken(staff, "ENROLMENT", ["care", "education"]),
      REFERRALS_AT_CARE,
      { reps: [{ __typename: "Person", id: family.ids.Danylo }] },
    );
    expect(errorCodes(atCare)).toEqual(["FORBIDDEN"]);
    expect(atCare.data?._entities?.[0]?.referrals ?? null).toBeNull();

    // Control: a social worker hands the child over; now the school enrols and sees them (and their referral).
    ok(
      await graph.query(
        REQUEST,
        { input: { personId: family.ids.Danylo, schoolId: schoolA } },
        SOCIAL,
        "CASE_MANAGEMENT",
      ),
    );
    const enrolled = ok(
      await graph.query(
        ENROL,
        { input: { personId: family.ids.Danylo, schoolId: schoolA, programme: "PRIMARY", startDate: "2022-09-01" } },
        staff,
        "ENROLMENT",
      ),
    ).enrol;
    expect(enrolled.status).toBe("ENROLLED");
    expect(await enrolments()).toBe(1);
    const seen = ok(
      await graph.query(
        `query F($id: ID!) { person(id: $id) { givenName referrals { id } } }`,
        { id: family.ids.Danylo },
        staff,
        "ENROLMENT",
      ),
    ).person;
    expect(seen.givenName).toBe("Danylo");
    expect(seen.referrals).toHaveLength(1);
    const atCareNow = await atSubgraph(
      "care",
      await internalToken(staff, "ENROLMENT", ["care", "education"]),
      REFERRALS_AT_CARE,
      { reps: [{ __typename: "Person", id: family.ids.Danylo }] },
    );
    expect(atCareNow.errors).toBeUndefined();
    expect(atCareNow.data._entities[0].referrals).toHaveLength(1);
    // The mother was not handed over: still hidden.
    expect(errorCodes(await graph.query(GIVEN_NAME, { id: family.ids.Halyna }, staff, "ENROLMENT"))).toContain(
      "FORBIDDEN",
    );
  });

  test("school staff recording an assessment for another school's pupil: FORBIDDEN, nothing written; their own pupil: recorded", async () => {
    // Scenario: staff of school A record an assessment for a pupil of school B (naming either school), to gain sight of the child.
    const assessments = () =>
      count("education", `SELECT count(*)::int AS n FROM education_assessment WHERE person_id = $1`, [pupilOfB]);
    const input = {
      personId: pupilOfB,
      priorSchoolingYears: 2,
      languages: ["uk"],
      recommendedLevel: "PRIMARY",
      date: "2022-09-05",
    };
    for (const schoolId of [schoolA, schoolB, null]) {
      const res = await graph.query(ASSESS, { input: { ...input, schoolId } }, staffOf(schoolA), "ENROLMENT");
      expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
    }
    expect(await assessments()).toBe(0);
    expect(errorCodes(await graph.query(GIVEN_NAME, { id: pupilOfB }, staffOf(schoolA), "ENROLMENT"))).toContain(
      "FORBIDDEN",
    );
    // Control: school B's staff assess their own pupil.
    ok(await graph.query(ASSESS, { input: { ...input, schoolId: schoolB } }, staffOf(schoolB), "ENROLMENT"));
    expect(await assessments()).toBe(1);
  });

  test("a site coordinator placing a household nobody assigned to their site: FORBIDDEN, no placement, full identity still hidden; after the city assigns it they may", async () => {
    // Scenario: a site coordinator holds the ID of an unplaced household and places it at their site to read the members' full identity.
    const siteId = await validatedSite(graph, "Scope centre", [3]);
    const coord = siteCoordinator(siteId);
    const h = await register([
      {
        givenName: "Nadiia",
        familyName: "Shevchuk",
        birthDate: "1979-08-08",
        sex: "FEMALE",
        certificateNumber: "UA-BE-2022-SCOPE",
        phone: "+32 470 11 22 33",
      },
    ]);
    const personId = h.ids.Nadiia;
    const placements = () =>
      count("housing", `SELECT count(*)::int AS n FROM placement WHERE household_id = $1`, [h.householdId]);
    const assignments = () =>
      count("housing", `SELECT count(*)::int AS n FROM site_assignment WHERE household_id = $1`, [h.householdId]);
    const FULL = `query F($id: ID!) { person(id: $id) { birthDate phone temporaryProtection { certificateNumber } } }`;

    const placed = await place(graph, h.householdId, siteId, coord);
    expect(errorCodes(placed)).toEqual(["FORBIDDEN"]);
    // Nor can they hand it to their own site.
    const selfAssigned = await graph.query(
      ASSIGN,
      { input: { householdId: h.householdId, siteId } },
      coord,
      "PLACEMENT",
    );
    expect(errorCodes(selfAssigned)).toEqual(["FORBIDDEN"]);
    expect(await placements()).toBe(0);
    expect(await assignments()).toBe(0);
    const full = await graph.query(FULL, { id: personId }, coord, "PLACEMENT");
    expect(errorCodes(full)).toContain("FORBIDDEN");
    expect(full.data?.person ?? null).toBeNull();
    expect(JSON.stringify(full)).not.toMatch(/1979-08-08|470 11 22 33|UA-BE-2022-SCOPE/);

    // Control: the city hands the household to the site; the coordinator places it and reads full identity.
    ok(await graph.query(ASSIGN, { input: { householdId: h.householdId, siteId } }, HOUSING, "PLACEMENT"));
    ok(await place(graph, h.householdId, siteId, coord));
    expect(await placements()).toBe(1);
    expect(ok(await graph.query(FULL, { id: personId }, coord, "PLACEMENT")).person).toEqual({
      birthDate: "1979-08-08",
      phone: "+32 470 11 22 33",
      temporaryProtection: { certificateNumber: "UA-BE-2022-SCOPE" },
    });
  });
});

describe("3. households: members, former members and household(id) are guarded and audited", () => {
  let h: { householdId: string; ids: Record<string, string> };
  const HOUSEHOLD = `query H($id: ID!) { household(id: $id) { id members { id givenName } formerMembers { id givenName } } }`;

  beforeAll(async () => {
    h = await register([
      { givenName: "Olena", familyName: "Moroz", birthDate: "1980-01-01", sex: "FEMALE" },
      { givenName: "Taras", familyName: "Moroz", birthDate: "1978-01-01", sex: "MALE" },
      { givenName: "Ivanna", familyName: "Moroz", birthDate: "2012-01-01", sex: "FEMALE" },
    ]);
    ok(
      await graph.query(
        `mutation D($input: RecordDepartureInput!) { recordHouseholdDeparture(input: $input) { id } }`,
        { input: { personId: h.ids.Taras, note: "left for Poland" } },
        SOCIAL,
        "CASE_MANAGEMENT",
      ),
    );
  });

  test("an analyst without a purpose, with REPORTING or with a case purpose is refused, and each refusal is in social's audit log", async () => {
    // Scenario: an analyst's token (no personal-data role) asks for a household and its current and former members.
    const refusalsBefore = await count(
      "social",
      `SELECT count(*)::int AS n FROM ${AUDIT_LINES} WHERE subject = $1 AND outcome = 'REFUSED'`,
      [ANALYST.sub],
    );
    const expected: [Purpose | null, string][] = [
      [null, "PURPOSE_REQUIRED"],
      ["REPORTING", "FORBIDDEN"],
      ["CASE_MANAGEMENT", "FORBIDDEN"],
    ];
    for (const [purpose, code] of expected) {
      const res = await graph.query(HOUSEHOLD, { id: h.householdId }, ANALYST, purpose);
      expect(errorCodes(res)).toEqual([code]);
      expect(res.data?.household ?? null).toBeNull();
      expect(JSON.stringify(res)).not.toMatch(/Olena|Taras|Ivanna/);
    }
    const rows = await graph.dataSources.social.query(
      `SELECT category, outcome, reason, purpose FROM ${AUDIT_LINES} WHERE subject = $1 AND outcome = 'REFUSED' ORDER BY id`,
      [ANALYST.sub],
    );
    expect(rows.length - refusalsBefore).toBeGreaterThanOrEqual(3);
    expect(rows).toContainEqual({
      category: "IDENTITY_BASIC",
      outcome: "REFUSED",
      reason: "PURPOSE_REQUIRED",
      purpose: null,
    });
    expect(rows).toContainEqual({
      category: "IDENTITY_BASIC",
      outcome: "REFUSED",
      reason: "FORBIDDEN",
      purpose: "REPORTING",
    });
    expect(rows).toContainEqual({
      category: "IDENTITY_BASIC",
      outcome: "REFUSED",
      reason: "FORBIDDEN",
      purpose: "CASE_MANAGEMENT",
    });
  });

  test("a site coordinator of an unrelated site is refused members and former members, and each refusal names the person in the audit log", async () => {
    // Scenario: a scoped caller (a site the household never lived at) asks for the household's members, then for its former members.
    const siteId = await validatedSite(graph, "Household guard centre", [1]);
    const coord = siteCoordinator(siteId);
    for (const field of ["members", "formerMembers"]) {
      const query = `query H($id: ID!) { household(id: $id) { id ${field} { id givenName } } }`;
      const res = await graph.query(query, { id: h.householdId }, coord, "PLACEMENT");
      expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
      // The field is nullable (a partner's outage must not null the household), so the refusal nulls it alone.
      expect(res.data?.household ?? null).toEqual({ id: h.householdId, [field]: null });
      expect(JSON.stringify(res)).not.toMatch(/Olena|Taras|Ivanna/);
    }
    const refused = await graph.dataSources.social.query(
      `SELECT DISTINCT person_id FROM ${AUDIT_LINES}
       WHERE subject = $1 AND outcome = 'REFUSED' AND reason = 'FORBIDDEN' AND category = 'IDENTITY_BASIC'`,
      [coord.sub],
    );
    expect(refused.map((r: any) => r.person_id).sort()).toEqual([h.ids.Olena, h.ids.Taras, h.ids.Ivanna].sort());
  });

  test("one refused household read leaves a REFUSED line for every person it asked about, also when a sibling field failed first", async () => {
    // Scenario: the same scoped caller asks for members and former members in one query; each field is refused on its own.
    const siteId = await validatedSite(graph, "Household race centre", [1]);
    const coord = siteCoordinator(siteId);
    const res = await graph.query(HOUSEHOLD, { id: h.householdId }, coord, "PLACEMENT");
    expect(errorCodes(res)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    expect(res.data?.household ?? null).toEqual({ id: h.householdId, members: null, formerMembers: null });
    expect(JSON.stringify(res)).not.toMatch(/Olena|Taras|Ivanna/);
    const refused = await graph.dataSources.social.query(
      `SELECT DISTINCT person_id FROM ${AUDIT_LINES} WHERE subject = $1 AND outcome = 'REFUSED' AND category = 'IDENTITY_BASIC'`,
      [coord.sub],
    );
    // Each of the three was checked and refused; the audit log must say so for each of them.
    expect(refused.map((r: any) => r.person_id).sort()).toEqual([h.ids.Olena, h.ids.Taras, h.ids.Ivanna].sort());
  });

  test("a social worker reads members and former members, and the read is audited per person", async () => {
    // Scenario: the control: a social worker on the case reads the household; every member read is recorded.
    const worker: TokenClaims = { sub: "sw-household-reader", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] };
    const household = ok(await graph.query(HOUSEHOLD, { id: h.householdId }, worker, "CASE_MANAGEMENT")).household;
    expect(household.members.map((m: any) => m.givenName).sort()).toEqual(["Ivanna", "Olena"]);
    expect(household.formerMembers).toEqual([{ id: h.ids.Taras, givenName: "Taras" }]);
    const rows = await graph.dataSources.social.query(
      `SELECT DISTINCT person_id FROM ${AUDIT_LINES}
       WHERE subject = $1 AND outcome = 'ALLOWED' AND category = 'IDENTITY_BASIC' AND purpose = 'CASE_MANAGEMENT'`,
      [worker.sub],
    );
    expect(rows.map((r: any) => r.person_id).sort()).toEqual([h.ids.Olena, h.ids.Taras, h.ids.Ivanna].sort());
  });
});

describe("4. the purpose binds categories: REPORTING reads no certificate", () => {
  let personId: string;
  const CERT = `query C($id: ID!) { person(id: $id) { temporaryProtection { certificateNumber } } }`;

  beforeAll(async () => {
    personId = (
      await register([
        {
          givenName: "Svitlana",
          familyName: "Lysenko",
          birthDate: "1975-07-07",
          sex: "FEMALE",
          certificateNumber: "UA-BE-2022-REPORT",
        },
      ])
    ).ids.Svitlana;
  });

  test("a social worker stating REPORTING is FORBIDDEN naming the purpose, through the gateway and at social, and it is audited REFUSED", async () => {
    // Scenario: a social worker (who may read certificates) states x-purpose: REPORTING and asks for a certificate number.
    const viaGateway = await graph.query(CERT, { id: personId }, SOCIAL, "REPORTING");
    expect(errorCodes(viaGateway)).toEqual(["FORBIDDEN"]);
    expect(viaGateway.errors![0].extensions!.purpose).toBe("REPORTING");
    expect(JSON.stringify(viaGateway)).not.toContain("UA-BE-2022-REPORT");
    // The field itself, as the gateway fetches it from social for a Person it already has.
    const direct = await atSubgraph(
      "social",
      await internalToken(SOCIAL, "REPORTING", ["social"]),
      `query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { temporaryProtection { certificateNumber } } } }`,
      { reps: [{ __typename: "Person", id: personId }] },
    );
    expect(errorCodes(direct)).toEqual(["FORBIDDEN"]);
    expect(direct.errors![0].extensions).toMatchObject({ purpose: "REPORTING", category: "IDENTITY_FULL" });
    expect(direct.errors![0].message).toMatch(/REPORTING/);
    expect(JSON.stringify(direct)).not.toContain("UA-BE-2022-REPORT");
    const refused = await graph.dataSources.social.query(
      `SELECT category, outcome, reason FROM ${AUDIT_LINES} WHERE person_id = $1 AND purpose = 'REPORTING'`,
      [personId],
    );
    expect(refused).toContainEqual({ category: "IDENTITY_FULL", outcome: "REFUSED", reason: "FORBIDDEN" });
    expect(refused.every((r: any) => r.outcome === "REFUSED")).toBe(true);
  });

  test("a purpose without full identity (ENROLMENT) is refused the certificate with category IDENTITY_FULL; CASE_MANAGEMENT reads it", async () => {
    // Scenario: the same social worker under a purpose that covers basic identity only, then under case management (control).
    const enrolment = await graph.query(
      `query C($id: ID!) { person(id: $id) { givenName temporaryProtection { certificateNumber } } }`,
      { id: personId },
      SOCIAL,
      "ENROLMENT",
    );
    expect(errorCodes(enrolment)).toEqual(["FORBIDDEN"]);
    expect(enrolment.errors![0].extensions).toMatchObject({ purpose: "ENROLMENT", category: "IDENTITY_FULL" });
    expect(enrolment.data?.person?.givenName).toBe("Svitlana");
    expect(enrolment.data?.person?.temporaryProtection ?? null).toBeNull();
    const read = ok(await graph.query(CERT, { id: personId }, SOCIAL, "CASE_MANAGEMENT"));
    expect(read.person.temporaryProtection.certificateNumber).toBe("UA-BE-2022-REPORT");
    const allowed = await graph.dataSources.social.query(
      `SELECT category, outcome FROM ${AUDIT_LINES} WHERE person_id = $1 AND purpose = 'CASE_MANAGEMENT' AND category = 'IDENTITY_FULL' AND action = 'READ'`,
      [personId],
    );
    expect(allowed).toContainEqual({ category: "IDENTITY_FULL", outcome: "ALLOWED" });
  });
});

describe("5. rent: housing learns the rent due, never social's financial facts", () => {
  let family: { householdId: string; ids: Record<string, string> };
  const ENTITY = (fields: string) =>
    `query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { ${fields} } } }`;

  beforeAll(async () => {
    const siteId = await validatedSite(graph, "Rent facts centre", [2]);
    family = await register([
      { givenName: "Mariia", familyName: "Bondar", birthDate: "1986-03-03", sex: "FEMALE" },
      { givenName: "Artem", familyName: "Bondar", birthDate: "2016-03-03", sex: "MALE" },
    ]);
    ok(await place(graph, family.householdId, siteId));
    const decision = ok(
      await graph.query(
        `mutation D($input: DecideSupportInput!) { decideSupport(input: $input) { id } }`,
        { input: { personId: family.ids.Mariia, category: "WITH_FAMILY_DEPENDANTS", startDate: "2022-05-01" } },
        SOCIAL,
        "CASE_MANAGEMENT",
      ),
    ).decideSupport;
    ok(
      await graph.query(
        `mutation P($input: RecordSupportPaymentInput!) { recordSupportPayment(input: $input) { id } }`,
        { input: { supportDecisionId: decision.id, month: "2022-06" } },
        SOCIAL,
        "CASE_MANAGEMENT",
      ),
    );
    ok(
      await graph.query(
        `mutation C($input: ChargeRentInput!) { chargeRent(input: $input) { id } }`,
        { input: { month: "2022-06", siteId } },
        HOUSING,
        "PLACEMENT",
      ),
    );
  });

  test("asking social for rentFacts, or for anything but paid and amount on rentDue, is a validation error; the gateway does not expose rentDue", async () => {
    // Scenario: a housing coordinator's token (as housing forwards it) asks social for the support category, living wage and payment status.
    const token = await internalToken(HOUSING, "PLACEMENT", ["social"]);
    const reps = { reps: [{ __typename: "Person", id: family.ids.Mariia }] };
    for (const fields of [
      `rentFacts(month: "2022-06") { category livingWage paid }`,
      `rentDue(month: "2022-06") { category }`,
      `rentDue(month: "2022-06") { paid amount livingWage }`,
    ]) {
      const res = await atSubgraph("social", token, ENTITY(fields), reps);
      expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
      expect(res.data ?? null).toBeNull();
      expect(JSON.stringify(res)).not.toContain("WITH_FAMILY_DEPENDANTS");
    }
    // Social's own financial fields stay refused to housing roles.
    const support = await atSubgraph("social", token, ENTITY(`support { category monthlyAmount }`), reps);
    expect(errorCodes(support)).toEqual(["FORBIDDEN"]);
    expect(JSON.stringify(support)).not.toContain("WITH_FAMILY_DEPENDANTS");
    // Public graph: rentDue is not there at all.
    const viaGateway = await graph.query(
      `query R($id: ID!) { person(id: $id) { rentDue(month: "2022-06") { paid amount } } }`,
      { id: family.ids.Mariia },
      HOUSING,
      "PLACEMENT",
    );
    expect(errorCodes(viaGateway)).toEqual(["BAD_USER_INPUT"]);
    expect(viaGateway.data ?? null).toBeNull();
    // Control: paid and amount are what social answers housing.
    const due = await atSubgraph("social", token, ENTITY(`id rentDue(month: "2022-06") { paid amount }`), reps);
    expect(due.errors).toBeUndefined();
    expect(due.data._entities[0].rentDue).toEqual({ paid: true, amount: expect.any(Number) });
    expect(due.data._entities[0].rentDue.amount).toBeGreaterThan(0);
  });

  test("housing's stored rent lines hold only the person and the amount", async () => {
    // Scenario: after chargeRent, the rent charge rows in housing's database are read for copied support facts.
    const rows: { amount: string; lines: Record<string, unknown>[] }[] = await graph.dataSources.housing.query(
      `SELECT amount::text AS amount, lines FROM rent_charge WHERE household_id = $1`,
      [family.householdId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].lines).toHaveLength(1);
    for (const line of rows[0].lines) expect(Object.keys(line).sort()).toEqual(["amount", "personId"]);
    expect(rows[0].lines[0].personId).toBe(family.ids.Mariia);
    expect(Number(rows[0].lines[0].amount)).toBe(Number(rows[0].amount));
    expect(JSON.stringify(rows)).not.toMatch(/WITH_FAMILY_DEPENDANTS|category|livingWage|paid/i);
  });
});

describe("6. caller tokens without expiry or from the future are refused at the gateway", () => {
  test("no exp, or iat in the future: 401 and nothing registered; the same claims with a proper lifetime are accepted", async () => {
    // Scenario: a stolen token that never expires, or one minted to start in the future, is used to register a household.
    const key = new TextEncoder().encode(TEST_JWT_SECRET);
    const claims = { org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"], sites: [], schools: [], organisations: [] };
    const now = Math.floor(Date.now() / 1000);
    const base = () => new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject("sw-timeless");
    const noExp = await base().setIssuedAt(now).sign(key);
    const future = await base()
      .setIssuedAt(now + 3600)
      .setExpirationTime(now + 7200)
      .sign(key);
    const input = {
      members: [{ givenName: "Zoriana", familyName: "Bezterminova", birthDate: "1991-09-09", sex: "FEMALE" }],
    };
    const people = () => count("social", `SELECT count(*)::int AS n FROM person WHERE family_name = 'Bezterminova'`);
    for (const token of [noExp, future]) {
      const res = await postGraphql(
        graph.graphqlUrl,
        REGISTER,
        { input },
        {
          authorization: `Bearer ${token}`,
          "x-purpose": "CASE_MANAGEMENT",
        },
      );
      expectUnauthenticated(res);
    }
    expect(await people()).toBe(0);
    // Control: a token of ten minutes with the same claims registers.
    const good = await base()
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key);
    const res = await postGraphql(
      graph.graphqlUrl,
      REGISTER,
      { input },
      {
        authorization: `Bearer ${good}`,
        "x-purpose": "CASE_MANAGEMENT",
      },
    );
    expect(res.errors).toBeUndefined();
    expect(await people()).toBe(1);
  });
});

describe("7. idempotency keys belong to their caller", () => {
  test("another social worker replaying the same key and input gets a household of their own, never the first one", async () => {
    // Scenario: social worker two sends the idempotency key social worker one used, hoping to be answered with the first household.
    const second: TokenClaims = { sub: "sw-2", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] };
    const input = {
      idempotencyKey: "shared-key-bypass-seven",
      members: [{ givenName: "Roksolana", familyName: "Klymenko", birthDate: "1988-08-08", sex: "FEMALE" }],
    };
    const first = ok(await graph.query(REGISTER, { input }, SOCIAL, "CASE_MANAGEMENT")).registerHousehold;
    // Control: the first caller's own replay is answered with the first household.
    const replay = ok(await graph.query(REGISTER, { input }, SOCIAL, "CASE_MANAGEMENT")).registerHousehold;
    expect(replay.id).toBe(first.id);
    const other = ok(await graph.query(REGISTER, { input }, second, "CASE_MANAGEMENT")).registerHousehold;
    expect(other.id).not.toBe(first.id);
    expect(other.members[0].id).not.toBe(first.members[0].id);
    const rows = await graph.dataSources.social.query(
      `SELECT household_id FROM person WHERE family_name = 'Klymenko' ORDER BY household_id`,
    );
    expect(rows.map((r: any) => r.household_id).sort()).toEqual([first.id, other.id].sort());
  });
});

describe("8. scoped lists: peers failing are errors, lists are complete", () => {
  let siteId: string;
  let residents: string[];

  beforeAll(async () => {
    siteId = await validatedSite(graph, "List centre", [3]);
    const h = await register([
      { givenName: "Oleksii", familyName: "Pavlenko", birthDate: "1982-04-04", sex: "MALE" },
      { givenName: "Iryna", familyName: "Pavlenko", birthDate: "1984-04-04", sex: "FEMALE" },
      { givenName: "Bohdan", familyName: "Pavlenko", birthDate: "2011-04-04", sex: "MALE" },
    ]);
    residents = Object.values(h.ids);
    ok(await graph.query(ASSIGN, { input: { householdId: h.householdId, siteId } }, HOUSING, "PLACEMENT"));
    ok(await place(graph, h.householdId, siteId, siteCoordinator(siteId)));
  });

  describe("with housing stopped, failing or hanging", () => {
    const PEOPLE = `query L { people(first: 10) { totalCount edges { node { id } } } }`;
    let social: SubgraphServer;
    let gateway: Awaited<ReturnType<typeof extraGateway>>;
    const peers: Record<string, string> = {};

    beforeAll(async () => {
      // A second social process on the same database, whose view of its peers the tests change, behind a second gateway.
      Object.assign(peers, graph.subgraphUrls);
      social = await createModuleServer(
        ALL_SUBGRAPHS.find((m) => m.name === "social")!,
        graph.dataSources.social,
        await testInternalVerifier(),
        peers,
      );
      gateway = await extraGateway({ ...graph.subgraphUrls, social: await social.listen(0) });
    });
    afterAll(async () => {
      await gateway?.stop();
      await social?.stop();
    });

    async function expectHousingUnavailable(): Promise<void> {
      const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
      try {
        const list = await gateway.query(PEOPLE, {}, siteCoordinator(siteId), "PLACEMENT");
        expect(errorCodes(list)).toEqual(["UNAVAILABLE"]);
        expect(list.errors![0].extensions!.service).toBe("housing");
        expect(list.errors![0].message).toMatch(/housing/);
        expect(list.data?.people ?? null).toBeNull();
        // One person: not a FORBIDDEN (which would read as "not yours"), not data.
        const one = await gateway.query(GIVEN_NAME, { id: residents[0] }, siteCoordinator(siteId), "PLACEMENT");
        expect(errorCodes(one)).toEqual(["UNAVAILABLE"]);
        expect(one.data?.person ?? null).toBeNull();
      } finally {
        logged.mockRestore();
      }
    }

    test("control: with housing answering, the coordinator's list holds their three residents", async () => {
      // Scenario: the same second social process and gateway, housing up: the list is the site's residents.
      const list = ok(await gateway.query(PEOPLE, {}, siteCoordinator(siteId), "PLACEMENT")).people;
      expect(list.totalCount).toBe(3);
      expect(list.edges.map((e: any) => e.node.id).sort()).toEqual([...residents].sort());
    });

    test("housing stopped: UNAVAILABLE naming housing, never an empty list", async () => {
      // Scenario: the housing process social asks for the coordinator's scope has stopped.
      const housing = await createModuleServer(
        ALL_SUBGRAPHS.find((m) => m.name === "housing")!,
        graph.dataSources.housing,
        await testInternalVerifier(),
        graph.subgraphUrls,
      );
      peers.housing = await housing.listen(0);
      try {
        expect(ok(await gateway.query(PEOPLE, {}, siteCoordinator(siteId), "PLACEMENT")).people.totalCount).toBe(3);
        await housing.stop();
        await expectHousingUnavailable();
      } finally {
        peers.housing = graph.subgraphUrls.housing;
      }
    });

    test("housing failing (500): UNAVAILABLE naming housing", async () => {
      // Scenario: housing answers, but with a server error instead of the scope.
      const failing = createServer((_req, res) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: "boom", extensions: { code: "INTERNAL" } }] }));
      });
      peers.housing = await listenOnLoopback(failing);
      try {
        await expectHousingUnavailable();
      } finally {
        peers.housing = graph.subgraphUrls.housing;
        await closeServer(failing);
      }
    });

    test("housing hanging: after the peer timeout, UNAVAILABLE naming housing", async () => {
      // Scenario: housing accepts the connection and never answers.
      const hanging = createServer(() => undefined);
      peers.housing = await listenOnLoopback(hanging);
      try {
        await expectHousingUnavailable();
      } finally {
        peers.housing = graph.subgraphUrls.housing;
        await closeServer(hanging);
      }
    }, 60_000);
  });

  test("pages of a site coordinator's list give each resident exactly once; a cursor under another filter is BAD_USER_INPUT", async () => {
    // Scenario: the coordinator pages through their people two at a time, then replays a cursor with a filter added.
    const coord = siteCoordinator(siteId);
    const PAGE = `query L($first: Int, $after: String, $filter: PersonFilter) {
      people(first: $first, after: $after, filter: $filter) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
    }`;
    const first = ok(await graph.query(PAGE, { first: 2 }, coord, "PLACEMENT")).people;
    expect(first.totalCount).toBe(3);
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = ok(
      await graph.query(PAGE, { first: 2, after: first.pageInfo.endCursor }, coord, "PLACEMENT"),
    ).people;
    expect(second.totalCount).toBe(3);
    expect(second.edges).toHaveLength(1);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.edges, ...second.edges].map((e: any) => e.node.id);
    expect(ids.sort()).toEqual([...residents].sort());
    const replayed = await graph.query(
      PAGE,
      { first: 2, after: first.pageInfo.endCursor, filter: { ageFrom: 0 } },
      coord,
      "PLACEMENT",
    );
    expect(errorCodes(replayed)).toEqual(["BAD_USER_INPUT"]);
    expect(replayed.data?.people ?? null).toBeNull();
  });
});

describe("9. refusals reveal nothing out of scope", () => {
  test("where a household lives is not named to the coordinator of another site, nor in the assignment CONFLICT", async () => {
    // Scenario: the OCMW hands a household to site B, the city then places it at site A; B's coordinator tries to place it, and the OCMW tries to assign it to B again.
    const siteA = await validatedSite(graph, "Kattenberg", [2]);
    const siteB = await validatedSite(graph, "Wondelgem", [2]);
    const h = await register([{ givenName: "Vira", familyName: "Hordiienko", birthDate: "1970-10-10", sex: "FEMALE" }]);
    ok(await graph.query(ASSIGN, { input: { householdId: h.householdId, siteId: siteB } }, SOCIAL, "CASE_MANAGEMENT"));
    ok(await place(graph, h.householdId, siteA));
    const where = (res: GqlResponse) => JSON.stringify(res.errors);
    const openAt = (site: string) =>
      count(
        "housing",
        `SELECT count(*)::int AS n FROM placement WHERE household_id = $1 AND site_id = $2 AND move_out_date IS NULL`,
        [h.householdId, site],
      );
    const openAssignments = () =>
      count("housing", `SELECT count(*)::int AS n FROM site_assignment WHERE household_id = $1 AND status = 'OPEN'`, [
        h.householdId,
      ]);

    const byCoordinatorB = await place(graph, h.householdId, siteB, siteCoordinator(siteB));
    expect(errorCodes(byCoordinatorB)).toEqual(["FORBIDDEN"]);
    expect(where(byCoordinatorB)).not.toContain(siteA);
    expect(where(byCoordinatorB)).not.toContain("Kattenberg");

    const reassigned = await graph.query(
      ASSIGN,
      { input: { householdId: h.householdId, siteId: siteB } },
      SOCIAL,
      "CASE_MANAGEMENT",
    );
    expect(errorCodes(reassigned)).toEqual(["CONFLICT"]);
    expect(where(reassigned)).not.toContain(siteA);
    expect(where(reassigned)).not.toContain("Kattenberg");
    expect(reassigned.errors![0].extensions!.existingId).toBeUndefined();

    expect(await openAt(siteA)).toBe(1);
    expect(await openAt(siteB)).toBe(0);
    expect(await openAssignments()).toBe(0);

    // Control: the city, which sees every site, is told where the household lives (so the checks above can see a name).
    const byCity = await place(graph, h.householdId, siteB, HOUSING);
    expect(errorCodes(byCity)).toEqual(["CONFLICT"]);
    expect(where(byCity)).toContain(siteA);
    expect(await openAt(siteB)).toBe(0);
  });
});
