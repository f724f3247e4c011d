import { PeerLink, peerQuery } from "@reception-graph/kit";

/**
 * The request's line to the social subgraph, which owns Person. Education
 * stores no birth date: for the school-age check it asks social, on behalf of
 * the same caller and purpose, for the child's age on one day
 * (`Person.ageOn`, @inaccessible), so social applies its own access rules.
 */
export class SocialPeer {
  constructor(private readonly link: PeerLink) {}

  /**
   * The person's age in whole years on `date`; null when social knows no
   * such person or neither birth date nor year. Social's refusals keep their
   * code; social not answering is UNAVAILABLE naming it.
   */
  async ageOn(personId: string, date: string): Promise<number | null> {
    const data = await peerQuery<{ _entities: ({ ageOn: number | null } | null)[] }>(
      this.link,
      "social",
      "the child's age",
      `query AgeForSchool($reps: [_Any!]!, $date: Date!) { _entities(representations: $reps) { ... on Person { ageOn(date: $date) } } }`,
      { reps: [{ __typename: "Person", id: personId }], date },
    );
    return data._entities[0]?.ageOn ?? null;
  }

  /**
   * Whether social knows the person, and their age on `date` (null when
   * neither birth date nor year is known). For adults' courses.
   */
  async personAgeOn(personId: string, date: string): Promise<{ known: boolean; age: number | null }> {
    const data = await peerQuery<{ _entities: ({ id: string; ageOn: number | null } | null)[] }>(
      this.link,
      "social",
      "the person's age",
      `query AgeForCourse($reps: [_Any!]!, $date: Date!) { _entities(representations: $reps) { ... on Person { id ageOn(date: $date) } } }`,
      { reps: [{ __typename: "Person", id: personId }], date },
    );
    const person = data._entities[0];
    return { known: !!person, age: person?.ageOn ?? null };
  }

  /**
   * The day (Brussels) the person was registered with the OCMW cell, for the
   * days a child waited for school; null when social knows no such person.
   * Basic identity, read as the caller; education does not keep it.
   */
  async registeredOn(personId: string): Promise<string | null> {
    const data = await peerQuery<{ _entities: ({ registeredAt: string } | null)[] }>(
      this.link,
      "social",
      "the child's registration date",
      `query RegisteredForSchool($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { registeredAt } } }`,
      { reps: [{ __typename: "Person", id: personId }] },
    );
    const at = data._entities[0]?.registeredAt;
    return at ? brusselsDay(new Date(at)) : null;
  }

  /**
   * How many persons served are aged 5–17 on `to`, and how many of them are
   * in `given` (comma-separated IDs: the enrolled children); only among
   * `among` when given (a site's residents). Counts only, one call; social
   * owns the birth dates and the definition of "served".
   */
  /** Social's report data version: the school-age counts it gave stay right while it is unchanged. */
  async reportDataVersion(): Promise<string> {
    const data = await peerQuery<{ _reportDataVersion: string }>(
      this.link,
      "social",
      "whether social's figures changed",
      `query Version { _reportDataVersion }`,
    );
    return data._reportDataVersion;
  }

  async schoolAgeCounts(to: string, among: string[] | null, given: string): Promise<SchoolAgeCounts> {
    const data = await peerQuery<{ _schoolAgeCounts: SchoolAgeCounts }>(
      this.link,
      "social",
      "how many persons served are of school age",
      `query SchoolAgeCounts($to: Date!, $among: String, $given: String) { _schoolAgeCounts(to: $to, among: $among, given: $given) { schoolAge schoolAgeAmongGiven } }`,
      { to, among: among == null ? null : among.join(","), given },
    );
    return data._schoolAgeCounts;
  }
}

/** Social's two school-age counts for one day (education's indicators). */
export interface SchoolAgeCounts {
  /** Null when asked among 1–4 people: social does not count so few. */
  schoolAge: number | null;
  /** Null when 1–4 IDs were given (or schoolAge is null). */
  schoolAgeAmongGiven: number | null;
}

/** The calendar day in Brussels of an instant. */
function brusselsDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(at);
}
