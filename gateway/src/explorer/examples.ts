import type { Purpose, Role } from "@reception-graph/kit";

/**
 * An example operation the explorer opens with. Each one runs as shipped for a caller of `role`
 * with `purpose` (tests/e2e/explorer.browser.e2e.test.ts runs every one of them on a seeded graph).
 */
export interface ExampleOperation {
  name: string;
  query: string;
  variables?: string;
  /** A mutation: the explorer marks its tab, and the document says so in its first line. */
  writes: boolean;
  /** Who the example is written for: the explorer shows no data to other roles, or less. */
  role: Role;
  purpose: Purpose | null;
  /**
   * A variable the explorer fills from a list when the variables leave it out, instead of a
   * placeholder the coordinator must replace: `query` is run with the same token and purpose and
   * `path` names the value in its data.
   */
  pick?: { variable: string; operation: string; query: string; path: (string | number)[] };
}

/** Example operations the explorer opens with: what a coordinator asks first. */
export const EXAMPLE_OPERATIONS: ExampleOperation[] = [
  {
    name: "People and their whole situation",
    role: "SOCIAL_WORKER",
    purpose: "CASE_MANAGEMENT",
    writes: false,
    query: `# One query across all four partners: identity (OCMW),
# placement (IOM), referrals (care) and schooling (schools).
# Sign in as a SOCIAL_WORKER, choose the purpose
# CASE_MANAGEMENT above, then press Run.
query PeopleOverview {
  people(first: 10) {
    totalCount
    edges {
      node {
        id
        givenName
        familyName
        birthYear
        sex
        household { id composition }
        placement { site { name } moveInDate }
        referrals { status service { name } }
        enrolments { status school { name } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
  },
  {
    name: "One person, picked from the list",
    role: "SOCIAL_WORKER",
    purpose: "CASE_MANAGEMENT",
    writes: false,
    query: `# One person in detail (SOCIAL_WORKER, CASE_MANAGEMENT).
# With no "id" in the variables, the explorer first lists
# people (PickPerson: people(first: 1)) and fills in the
# first one's id below; put another id there for another.
query OnePerson($id: ID!) {
  person(id: $id) {
    id
    givenName
    familyName
    birthDate
    languages
    temporaryProtection { certificateNumber validUntil }
    household { members { givenName birthYear } }
  }
}`,
    variables: "{}",
    pick: {
      variable: "id",
      operation: "OnePerson",
      query: "query PickPerson { people(first: 1) { edges { node { id } } } }",
      path: ["people", "edges", 0, "node", "id"],
    },
  },
  {
    name: "Sites and their places",
    role: "HOUSING_COORDINATOR",
    purpose: "PLACEMENT",
    writes: false,
    query: `# The reception sites and their capacity: reference data,
# no personal data (e.g. a HOUSING_COORDINATOR, PLACEMENT).
query Sites {
  sites { id name kind capacity }
}`,
  },
  {
    name: "Indicators of a month",
    role: "ANALYST",
    purpose: null,
    writes: false,
    query: `# Aggregates describe no person: no purpose needed
# (e.g. an ANALYST). Counts of 1-4 people are suppressed.
query MonthIndicators {
  indicators(from: "2022-05-01", to: "2022-05-31") {
    placesTotal
    placesOccupied { value suppressed }
    personsServed { value suppressed }
    referralsByStatus { status count { value suppressed } }
  }
}`,
  },
  {
    name: "Register a household",
    role: "SOCIAL_WORKER",
    purpose: "CASE_MANAGEMENT",
    writes: true,
    query: `# WRITES DATA: registers a household at the OCMW (social),
# as a SOCIAL_WORKER with the purpose CASE_MANAGEMENT.
# The same idempotencyKey again returns the first run's
# household instead of registering a second one.
mutation RegisterHousehold($input: RegisterHouseholdInput!) {
  registerHousehold(input: $input) {
    id
    composition
    members { id givenName familyName birthYear }
  }
}`,
    variables: JSON.stringify(
      {
        input: {
          idempotencyKey: "example-kovalenko-1",
          members: [
            {
              givenName: "Iryna",
              familyName: "Kovalenko",
              birthDate: "1988-03-14",
              sex: "FEMALE",
              languages: ["uk", "ru"],
            },
            { givenName: "Mykyta", familyName: "Kovalenko", birthDate: "2012-09-02", sex: "MALE", languages: ["uk"] },
          ],
        },
      },
      null,
      2,
    ),
  },
];
