import { Purpose } from "@reception-graph/kit";
import { TokenClaims } from "../../tests/support/tokens";
import { INDICATORS } from "../awaiting-school";

/** What the seeded data offers the operations to vary over (discovered from the data, whatever seeded it). */
export interface BenchData {
  personIds: string[];
  /** Cursors of successive 20-person pages of `people` (null: the first page). */
  peopleCursors: (string | null)[];
  /** Sites and the cursors of successive 51-resident pages of their residents. */
  residentPages: { siteId: string; after: string | null }[];
  searchTerms: string[];
  siteIds: string[];
  months: { from: string; to: string }[];
}

export interface Operation {
  name: string;
  operationName: string;
  query: string;
  as: TokenClaims;
  purpose: Purpose;
  /** The i-th request's variables: consecutive requests differ, so no two requests in flight are identical. */
  variables(data: BenchData, i: number): Record<string, unknown>;
  /** The answer's expected shape; returns what is wrong, or null. */
  check(data: any): string | null;
  /** Also sent straight to this subgraph (with an internal token) for the "through the gateway / direct" ratio. */
  direct?: "social";
}

export const SOCIAL_WORKER: TokenClaims = { sub: "bench-social-worker", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] };
const ANALYST: TokenClaims = { sub: "bench-analyst", org: "STAD_GENT", roles: ["ANALYST"] };
export const pick = <T>(list: T[], i: number): T => list[i % list.length];

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
export const person360Fields = `id givenName familyName birthYear household { composition }
  placement { moveInDate site { name } room { label } }
  referrals { status service { name } }
  enrolments { status school { name } }`;

/** A Person with the fields of all four subgraphs present (placement may be null: not everyone is placed). */
export function checkPerson360(p: unknown): string | null {
  if (!isObject(p)) return "person missing";
  if (typeof p.id !== "string" || typeof p.givenName !== "string") return "social's fields missing";
  if (!("household" in p)) return "household missing";
  if (!("placement" in p)) return "housing's placement missing";
  if (!Array.isArray(p.referrals)) return "care's referrals missing";
  if (!Array.isArray(p.enrolments)) return "education's enrolments missing";
  return null;
}

export function checkEdges(conn: unknown, max: number, each: (node: unknown) => string | null): string | null {
  if (!isObject(conn) || !Array.isArray(conn.edges)) return "connection missing";
  if (conn.edges.length === 0 || conn.edges.length > max) return `${conn.edges.length} edges (1–${max} expected)`;
  for (const e of conn.edges) {
    const wrong = each((e as { node: unknown }).node);
    if (wrong) return wrong;
  }
  return null;
}

/** The request that does nothing but arrive and be answered (see its entry below). */
export const FLOOR_OPERATION = "floor-typename";

export const OPERATIONS: Operation[] = [
  {
    name: "person-360",
    operationName: "Person360",
    query: `query Person360($id: ID!) { person(id: $id) { ${person360Fields} } }`,
    as: SOCIAL_WORKER,
    purpose: "CASE_MANAGEMENT",
    variables: (d, i) => ({ id: pick(d.personIds, i) }),
    check: (data) => checkPerson360(data?.person),
  },
  {
    name: "list-20-four-subgraphs",
    operationName: "People20",
    query: `query People20($after: String) { people(first: 20, after: $after) { totalCount
      pageInfo { endCursor } edges { node { ${person360Fields} } } } }`,
    as: SOCIAL_WORKER,
    purpose: "CASE_MANAGEMENT",
    variables: (d, i) => ({ after: pick(d.peopleCursors, i) }),
    check: (data) => checkEdges(data?.people, 20, checkPerson360),
  },
  {
    name: "site-residents-51",
    operationName: "SiteResidents",
    query: `query SiteResidents($siteId: ID!, $after: String) { site(id: $siteId) { name
      residents(first: 51, after: $after) { edges { node { moveInDate room { label }
        person { ${person360Fields} } } } } } }`,
    as: SOCIAL_WORKER,
    purpose: "CASE_MANAGEMENT",
    variables: (d, i) => pick(d.residentPages, i),
    check: (data) =>
      checkEdges(data?.site?.residents, 51, (n) => (isObject(n) ? checkPerson360(n.person) : "resident missing")),
  },
  {
    name: "people-search",
    operationName: "SearchPeople",
    query: `query SearchPeople($search: String!) { people(first: 20, filter: { search: $search }) { totalCount
      edges { node { id givenName familyName birthYear household { composition } } } } }`,
    as: SOCIAL_WORKER,
    purpose: "CASE_MANAGEMENT",
    variables: (d, i) => ({ search: pick(d.searchTerms, i) }),
    check: (data) => checkEdges(data?.people, 20, (n) => (isObject(n) && typeof n.id === "string" ? null : "no id")),
  },
  {
    name: "list-20-social-only",
    operationName: "People20Social",
    query: `query People20Social($after: String) { people(first: 20, after: $after) { totalCount
      pageInfo { endCursor } edges { node { id givenName familyName birthYear } } } }`,
    as: SOCIAL_WORKER,
    purpose: "CASE_MANAGEMENT",
    variables: (d, i) => ({ after: pick(d.peopleCursors, i) }),
    check: (data) =>
      checkEdges(data?.people, 20, (n) => (isObject(n) && typeof n.givenName === "string" ? null : "no name")),
    direct: "social",
  },
  {
    name: "indicators-month",
    operationName: "Indicators",
    query: INDICATORS,
    as: ANALYST,
    purpose: "REPORTING",
    // Every month with every site and with all sites: the report cache answers a repeat, so repeats are spread out.
    variables: (d, i) => ({
      ...pick(d.months, i),
      siteId: [null, ...d.siteIds][Math.floor(i / d.months.length) % (d.siteIds.length + 1)],
    }),
    check: (data) =>
      isObject(data?.indicators) && isObject(data.indicators.personsServed) ? null : "indicators missing",
  },
  {
    name: "children-awaiting-school",
    operationName: "AwaitingSchool",
    query: `query AwaitingSchool($days: Int!) { childrenAwaitingSchool(daysSinceArrival: $days) {
      id givenName awaitingSchool { daysWaiting waitingSince site { id } } } }`,
    as: SOCIAL_WORKER,
    purpose: "CASE_MANAGEMENT",
    variables: (_d, i) => ({ days: 7 + (i % 60) }),
    check: (data) =>
      Array.isArray(data?.childrenAwaitingSchool) &&
      data.childrenAwaitingSchool.every((c: unknown) => isObject(c) && typeof c.id === "string")
        ? null
        : "childrenAwaitingSchool missing",
  },
  {
    // The fixed cost of one request and nothing else: the gateways answer it without a subgraph, and sent
    // straight to social it is one subgraph request with no statement and no audit record. It has no
    // variable to vary; no gateway here caches answers, so identical requests cost what different ones do.
    name: FLOOR_OPERATION,
    operationName: "Floor",
    query: `query Floor { __typename }`,
    as: SOCIAL_WORKER,
    purpose: "CASE_MANAGEMENT",
    variables: () => ({}),
    check: (data) => (data?.__typename === "Query" ? null : "__typename missing"),
    direct: "social",
  },
];
