import { PeerLink, peerQuery } from "@reception-graph/kit";

/**
 * The request's line to social, which keeps "medical intake done, on date"
 * for its case work. Care tells it that much and nothing else: the kind of
 * contact, its outcome and who recorded it stay in care.
 */
export class SocialPeer {
  constructor(private readonly link: PeerLink) {}

  /** Social checks the same caller (care worker, purpose CARE, own person) and keeps the date only. */
  async medicalIntakeDone(personId: string, date: string): Promise<void> {
    await peerQuery<{ _medicalIntakeDone: boolean }>(
      this.link,
      "social",
      "the medical intake",
      `mutation Intake($personId: ID!, $date: Date!) { _medicalIntakeDone(personId: $personId, date: $date) }`,
      { personId, date },
    );
  }
}
