/** Example operations the explorer opens with: what a coordinator asks first. */
export const EXAMPLE_OPERATIONS: { name: string; query: string; variables?: string }[] = [
  {
    name: "People and their whole situation",
    query: `# One query across all four partners: identity (OCMW), placement (IOM),
# referrals (care partners) and schooling (schools).
# Set a token and the purpose CASE_MANAGEMENT above first.
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
    name: "Register a household",
    query: `mutation RegisterHousehold($input: RegisterHouseholdInput!) {
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
  {
    name: "One person",
    query: `query OnePerson($id: ID!) {
  person(id: $id) {
    givenName
    familyName
    birthDate
    languages
    temporaryProtection { certificateNumber validUntil }
    household { members { givenName birthYear } }
  }
}`,
    variables: JSON.stringify({ id: "paste-a-person-id" }, null, 2),
  },
];
