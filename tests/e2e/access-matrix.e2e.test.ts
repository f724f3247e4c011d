// Scenario: an inspector checks access.md's matrix cell by cell on a running graph. One child is placed at a
// site, referred to a care organisation and enrolled at a school, so that each scoped role has them as "own";
// a stranger is nobody's own. For every category a field carries today, every role reads it for both people,
// once through the gateway and once directly at the owning subgraph with a validly signed internal token, as
// a compromised or curious partner could: what access.md allows is answered, everything else is FORBIDDEN and
// recorded in the owning subgraph's audit log. The purpose used is one that covers the category, so only the
// role and the scope decide (the purpose table has tests of its own).
import { DataCategory, internalAudience, Purpose, Role, ROLES, SubgraphName } from "@reception-graph/kit";
import { parseMatrix } from "../support/access-spec";
import { HOUSING, ok, registerHousehold, SOCIAL, validatedSite } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, postGraphql } from "../support/graphql";
import { internalToken, TokenClaims } from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

const matrix = parseMatrix();

/** A field of Person that carries the category, and the subgraph that owns it. */
const PROBES: Partial<Record<DataCategory, { owner: SubgraphName; field: string; selection: string }>> = {
  IDENTITY_BASIC: { owner: "social", field: "givenName", selection: "givenName" },
  IDENTITY_FULL: { owner: "social", field: "birthDate", selection: "birthDate" },
  HOUSING: { owner: "housing", field: "placement", selection: "placement { id }" },
  SOCIAL_FINANCIAL: { owner: "social", field: "supportHistory", selection: "supportHistory { id }" },
  REFERRAL: { owner: "care", field: "referrals", selection: "referrals { id }" },
  EDUCATION: { owner: "education", field: "enrolments", selection: "enrolments { id }" },
  PROTECTION: { owner: "care", field: "livingConditions", selection: "livingConditions { id }" },
};

const ORGANISATION = "CAW_MATRIX";
let graph: RunningGraph;
let siteId: string;
let schoolId: string;
let child: string;
let stranger: string;

function claimsOf(role: Role, mode: string): TokenClaims {
  const sub = `matrix-${mode}-${role.toLowerCase()}`;
  if (role === "SITE_COORDINATOR") return { sub, org: "IOM", roles: [role], sites: [siteId] };
  if (role === "CARE_WORKER") return { sub, org: ORGANISATION, roles: [role], organisations: [ORGANISATION] };
  if (role === "SCHOOL_STAFF") return { sub, org: "SCHOOL", roles: [role], schools: [schoolId] };
  return { sub, org: "MATRIX", roles: [role] };
}

const ADMIN: TokenClaims = { sub: "matrix-admin", org: "CITY_GHENT", roles: ["ADMIN"] };

beforeAll(async () => {
  graph = await startGraph();
  const family = await registerHousehold(graph, 2, "Matrix");
  child = family.memberIds[1];
  stranger = (await registerHousehold(graph, 1, "Stranger")).memberIds[0];
  siteId = await validatedSite(graph, "Matrix centre", [2, 2]);
  ok(
    await graph.query(
      `mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id } }`,
      { input: { householdId: family.householdId, siteId, moveInDate: "2022-05-02" } },
      HOUSING,
      "PLACEMENT",
    ),
  );
  const serviceId = ok(
    await graph.query(
      `mutation S($input: RegisterServiceInput!) { registerService(input: $input) { id } }`,
      {
        input: {
          name: "Matrix counselling",
          organisation: ORGANISATION,
          type: "MENTAL_HEALTH",
          languages: ["uk"],
          contact: "09 000 00 00",
          openingHours: "Mon-Fri 9:00-17:00",
        },
      },
      ADMIN,
      null,
    ),
  ).registerService.id;
  ok(
    await graph.query(
      `mutation C($input: CreateReferralInput!) { createReferral(input: $input) { id } }`,
      { input: { personId: child, serviceId, reason: "MENTAL_HEALTH", consent: true } },
      SOCIAL,
      "CASE_MANAGEMENT",
    ),
  );
  schoolId = ok(
    await graph.query(
      `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
      { input: { name: "Matrix school", nisCode: "44021", offersOkan: false, okanCapacity: 0 } },
      ADMIN,
      null,
    ),
  ).registerSchool.id;
  ok(
    await graph.query(
      `mutation R($input: RequestEnrolmentInput!) { requestEnrolment(input: $input) { id } }`,
      { input: { personId: child, schoolId } },
      SOCIAL,
      "CASE_MANAGEMENT",
    ),
  );
  ok(
    await graph.query(
      `mutation E($input: EnrolInput!) { enrol(input: $input) { id } }`,
      { input: { personId: child, schoolId, programme: "PRIMARY", startDate: "2022-09-01" } },
      claimsOf("SCHOOL_STAFF", "setup"),
      "ENROLMENT",
    ),
  );
}, 120_000);
afterAll(async () => {
  await graph?.stop();
});

const cells = (Object.keys(PROBES) as DataCategory[]).flatMap((category) =>
  [...ROLES].map((role) => [category, role] as const),
);

/** What access.md says one role may read of one person in one category. */
function expected(category: DataCategory, role: Role, personId: string): "ALLOWED" | "FORBIDDEN" {
  const cell = matrix[category][role];
  return cell.read && (!cell.own || personId === child) ? "ALLOWED" : "FORBIDDEN";
}

const purpose: Purpose = "CASE_MANAGEMENT";

describe.each(cells)("%s read by %s", (category, role) => {
  const probe = PROBES[category]!;

  test("through the gateway", async () => {
    const as = claimsOf(role, "gateway");
    for (const personId of [child, stranger]) {
      const res = await graph.query(
        `query M($id: ID!) { person(id: $id) { id ${probe.selection} } }`,
        { id: personId },
        as,
        purpose,
      );
      if (expected(category, role, personId) === "ALLOWED") {
        expect(res.errors).toBeUndefined();
        expect(res.data.person).toHaveProperty(probe.field);
      } else {
        expect(errorCodes(res)).toContain("FORBIDDEN");
        expect(res.data?.person?.[probe.field] ?? null).toBeNull();
      }
    }
  });

  test(`directly at ${probe.owner}, with a token the gateway would have signed`, async () => {
    const as = claimsOf(role, "direct");
    const caller = {
      sub: as.sub!,
      org: as.org!,
      roles: as.roles,
      sites: as.sites ?? [],
      schools: as.schools ?? [],
      organisations: as.organisations ?? [],
    };
    const token = await internalToken(as, purpose, internalAudience(probe.owner, caller));
    for (const personId of [child, stranger]) {
      const res = await postGraphql(
        graph.subgraphUrls[probe.owner],
        `query D($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { ${probe.selection} } } }`,
        { reps: [{ __typename: "Person", id: personId }] },
        { authorization: `Bearer ${token}` },
      );
      if (expected(category, role, personId) === "ALLOWED") {
        expect(res.errors).toBeUndefined();
        expect(res.data._entities[0]).toHaveProperty(probe.field);
      } else {
        expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
        expect(res.data?._entities?.[0]?.[probe.field] ?? null).toBeNull();
        const refused = await graph.dataSources[probe.owner].query(
          `SELECT 1 FROM ${AUDIT_LINES} WHERE subject = $1 AND person_id = $2 AND category = $3 AND outcome = 'REFUSED'`,
          [as.sub, personId, category],
        );
        expect(refused.length).toBeGreaterThan(0);
      }
    }
  });
});

describe.each([...ROLES])("aggregates read by %s", (role) => {
  const allowed = matrix.AGGREGATES[role].read;
  const QUERY = `{ occupancySeries(from: "2022-05-02", to: "2022-05-02") { date occupied { value suppressed } available } }`;

  test(`through the gateway and directly at housing: ${allowed ? "answered" : "FORBIDDEN"}`, async () => {
    const gateway = await graph.query(QUERY, {}, claimsOf(role, "aggregate"), "REPORTING");
    const as = claimsOf(role, "aggregate-direct");
    const direct = await postGraphql(
      graph.subgraphUrls.housing,
      QUERY,
      {},
      {
        authorization: `Bearer ${await internalToken(as, "REPORTING", ["housing"])}`,
      },
    );
    for (const res of [gateway, direct]) {
      if (allowed) {
        expect(res.errors).toBeUndefined();
        // The child's household (2 people) lives there from that day: a real count, 1–4 people, so suppressed
        // (a default would be a shown 0), and available withheld with it.
        expect(res.data.occupancySeries[0]).toMatchObject({
          occupied: { value: null, suppressed: true },
          available: null,
        });
      } else {
        expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
      }
    }
  });
});
