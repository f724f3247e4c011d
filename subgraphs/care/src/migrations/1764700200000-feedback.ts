import { MigrationInterface, QueryRunner } from "typeorm";

const KINDS = `'BOX', 'IN_PERSON', 'PHONE', 'COMMITTEE', 'DIGITAL'`;
const CATEGORIES = `'COMPLAINT', 'SUGGESTION', 'QUESTION', 'COMPLIMENT'`;

/**
 * The complaints and feedback mechanism: channels per site, and submissions.
 * A submission carries no author, no timestamp finer than the day and a
 * random ID, so an anonymous one cannot be traced to whoever entered it
 * (nor ordered against the audited requests around it). The response keeps
 * no author either: the centre answers.
 */
export class Feedback1764700200000 implements MigrationInterface {
  name = "Feedback1764700200000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE feedback_channel (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        description text,
        site_code text UNIQUE CHECK (site_code ~ '^[a-z0-9]{8}$'),
        CONSTRAINT feedback_channel_code_for_digital CHECK ((kind = 'DIGITAL') = (site_code IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX feedback_channel_site_idx ON feedback_channel (site_id)`);
    await q.query(`
      CREATE TABLE feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL,
        channel_id uuid NOT NULL REFERENCES feedback_channel(id),
        category text NOT NULL CHECK (category IN (${CATEGORIES})),
        text text NOT NULL CHECK (btrim(text) <> ''),
        language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
        anonymous boolean NOT NULL,
        person_id uuid,
        received_on date NOT NULL,
        response text,
        responded_on date,
        CONSTRAINT feedback_anonymous_names_no_one CHECK (anonymous = (person_id IS NULL)),
        CONSTRAINT feedback_response_complete CHECK ((response IS NULL) = (responded_on IS NULL)),
        CONSTRAINT feedback_response_after_receipt CHECK (responded_on IS NULL OR responded_on >= received_on)
      )`);
    await q.query(`CREATE INDEX feedback_site_received_idx ON feedback (site_id, received_on DESC, id)`);
    await q.query(`CREATE INDEX feedback_received_idx ON feedback (received_on DESC, id)`);
    await q.query(`CREATE INDEX feedback_person_idx ON feedback (person_id) WHERE person_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE feedback`);
    await q.query(`DROP TABLE feedback_channel`);
  }
}
