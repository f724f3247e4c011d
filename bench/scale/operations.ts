import {
  BenchData,
  checkEdges,
  checkPerson360,
  isObject,
  Operation,
  person360Fields,
  pick,
  SOCIAL_WORKER,
} from "../side-by-side/operations";

/**
 * The list-like operations of side-by-side's OPERATIONS with the page size a variable (`first`), to count SQL
 * statements per request at page sizes 10 and 100: the counts must not grow with the page (no query per row).
 * The cursors and resident pages are those discover() found with 20- and 51-row pages; any cursor is valid
 * whatever the page size.
 */
export function pagedOperations(first: number): Operation[] {
  const each = { as: SOCIAL_WORKER, purpose: "CASE_MANAGEMENT" as const };
  return [
    {
      ...each,
      name: `list-four-subgraphs/${first}`,
      operationName: "PeoplePage",
      query: `query PeoplePage($first: Int!, $after: String) { people(first: $first, after: $after) { totalCount
        pageInfo { endCursor } edges { node { ${person360Fields} } } } }`,
      variables: (d: BenchData, i: number) => ({ first, after: pick(d.peopleCursors, i) }),
      check: (data) => checkEdges(data?.people, first, checkPerson360),
    },
    {
      ...each,
      name: `list-social-only/${first}`,
      operationName: "PeoplePageSocial",
      query: `query PeoplePageSocial($first: Int!, $after: String) { people(first: $first, after: $after) { totalCount
        pageInfo { endCursor } edges { node { id givenName familyName birthYear } } } }`,
      variables: (d: BenchData, i: number) => ({ first, after: pick(d.peopleCursors, i) }),
      check: (data) =>
        checkEdges(data?.people, first, (n) => (isObject(n) && typeof n.givenName === "string" ? null : "no name")),
    },
    {
      ...each,
      name: `site-residents/${first}`,
      operationName: "SiteResidentsPage",
      query: `query SiteResidentsPage($siteId: ID!, $first: Int!, $after: String) { site(id: $siteId) { name
        residents(first: $first, after: $after) { edges { node { moveInDate room { label }
          person { ${person360Fields} } } } } } }`,
      variables: (d: BenchData, i: number) => ({ first, ...pick(d.residentPages, i) }),
      check: (data) =>
        checkEdges(data?.site?.residents, first, (n) => (isObject(n) ? checkPerson360(n.person) : "resident missing")),
    },
    {
      ...each,
      name: `people-search/${first}`,
      operationName: "SearchPeoplePage",
      query: `query SearchPeoplePage($search: String!, $first: Int!) { people(first: $first, filter: { search: $search }) {
        totalCount edges { node { id givenName familyName birthYear household { composition } } } } }`,
      variables: (d: BenchData, i: number) => ({ first, search: pick(d.searchTerms, i) }),
      check: (data) =>
        checkEdges(data?.people, first, (n) => (isObject(n) && typeof n.id === "string" ? null : "no id")),
    },
  ];
}
