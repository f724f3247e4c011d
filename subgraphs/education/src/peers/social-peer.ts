import { Caller, domainError, ErrorCode, PeerConfig, peerQuery, Purpose } from "@reception-graph/kit";

/** Thrown when social cannot be asked or does not answer; the client gets INTERNAL, the log names social. */
export class SocialUnavailableError extends Error {}

/**
 * The request's line to the social subgraph, which owns Person. Education
 * stores no birth date: for the school-age check it asks social, on behalf of
 * the same caller and purpose, for the child's age on one day
 * (`Person.ageOn`, @inaccessible), so social applies its own access rules.
 */
export class SocialPeer {
  private readonly link: {
    url: string;
    secret: string;
    caller: Caller;
    purpose: Purpose | null;
    requestId: string;
  } | null;

  constructor(peers: PeerConfig, caller: Caller, purpose: Purpose | null, requestId: string) {
    const url = peers.urls.social;
    this.link = url ? { url, secret: peers.internalTokenSecret, caller, purpose, requestId } : null;
  }

  /**
   * The person's age in whole years on `date`; null when social knows no
   * such person or neither birth date nor year. Social's refusals keep their
   * code; anything else (not configured, not answering) is SocialUnavailableError.
   */
  async ageOn(personId: string, date: string, operation: string): Promise<number | null> {
    if (!this.link) throw new SocialUnavailableError("The social subgraph's URL is not configured for education.");
    const { url, secret, caller, purpose, requestId } = this.link;
    let data: { _entities: ({ ageOn: number | null } | null)[] };
    try {
      data = await peerQuery(
        url,
        secret,
        { caller, purpose, requestId, operation },
        `query AgeForSchool($reps: [_Any!]!, $date: Date!) { _entities(representations: $reps) { ... on Person { ageOn(date: $date) } } }`,
        { reps: [{ __typename: "Person", id: personId }], date },
      );
    } catch (e) {
      throw socialRefusal(e);
    }
    return data._entities[0]?.ageOn ?? null;
  }
}

/** Social's refusal of the caller keeps its code; a failure to answer names social and stays internal. */
function socialRefusal(e: unknown): Error {
  const message = (e as Error)?.message ?? String(e);
  const m = /failed \(\d+\): ([A-Z_]+) (.*)$/s.exec(message);
  if (m && ["FORBIDDEN", "PURPOSE_REQUIRED", "NOT_FOUND", "UNAUTHENTICATED"].includes(m[1])) {
    return domainError(m[1] as ErrorCode, `OCMW's social subgraph refused the school-age check: ${m[2]}`);
  }
  return new SocialUnavailableError(`OCMW's social subgraph did not answer the school-age check: ${message}`);
}
