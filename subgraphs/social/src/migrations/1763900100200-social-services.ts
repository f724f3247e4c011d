import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Indicative monthly amounts of the equivalent living wage (equivalent leefloon) per category.
 * They follow the pattern of the Belgian indexations since 2022 but are maintained as data: the
 * OCMW adds each new amount with addLivingWageRate; the code never holds an amount.
 */
const RATES: [string, number, number, number][] = [
  ["2022-01-01", 699.56, 1049.34, 1418.01],
  ["2022-03-01", 713.55, 1070.32, 1446.37],
  ["2022-05-01", 727.82, 1091.73, 1475.29],
  ["2022-08-01", 742.38, 1113.57, 1504.8],
  ["2022-11-01", 757.22, 1135.83, 1534.88],
  ["2023-01-01", 787.51, 1181.26, 1596.28],
  ["2023-07-01", 803.26, 1204.89, 1628.21],
  ["2024-01-01", 818.62, 1227.93, 1659.34],
  ["2024-04-01", 834.99, 1252.49, 1692.52],
  ["2024-07-01", 851.69, 1277.54, 1726.38],
  ["2025-01-01", 859.4, 1289.1, 1742.0],
  ["2025-07-01", 876.59, 1314.88, 1776.85],
  ["2026-01-01", 884.22, 1326.33, 1792.31],
  ["2026-06-01", 890.1, 1335.15, 1804.23],
];

/** OCMW Cell Ukraine: staff, case files, inquiries, support, insurance, interpreters, claims, household changes. */
export class SocialServices1763900100200 implements MigrationInterface {
  name = "SocialServices1763900100200";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    // Household membership: a member who leaves keeps their row (history), but no longer counts.
    await q.query(`ALTER TABLE person ADD COLUMN left_household_on date`);
    await q.query(`
      CREATE TABLE household_membership_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        household_id uuid NOT NULL REFERENCES household(id),
        person_id uuid NOT NULL REFERENCES person(id),
        kind text NOT NULL CHECK (kind IN ('REGISTERED', 'BIRTH', 'ARRIVAL', 'DEPARTURE')),
        date date NOT NULL,
        note text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX household_membership_event_household_idx ON household_membership_event (household_id)`);

    // Reference data and configuration of the cell.
    await q.query(`
      CREATE TABLE qualifying_diploma (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
        label text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO qualifying_diploma (code, label) VALUES
        ('SOCIAL_WORK', 'Bachelor in social work (maatschappelijk werk)'),
        ('SOCIAL_NURSING', 'Social nursing (sociale verpleegkunde)')`);
    await q.query(`
      CREATE TABLE social_setting (
        key text PRIMARY KEY,
        value int NOT NULL CHECK (value > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Ceiling of open case files per social worker; the cell may grow to 12 staff (domain.md).
    await q.query(`INSERT INTO social_setting (key, value) VALUES ('CASELOAD_CEILING', 60), ('MAX_CELL_SIZE', 12)`);

    await q.query(`
      CREATE TABLE staff_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        given_name text NOT NULL CHECK (btrim(given_name) <> ''),
        family_name text NOT NULL CHECK (btrim(family_name) <> ''),
        role text NOT NULL CHECK (role IN ('SOCIAL_WORKER', 'ADMINISTRATIVE', 'HEAD')),
        diplomas text[] NOT NULL DEFAULT '{}',
        subject text UNIQUE,
        active boolean NOT NULL DEFAULT true,
        joined_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Case files: one open per household, enforced here so that two desks opening at once cannot both win.
    await q.query(`
      CREATE TABLE case_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id uuid NOT NULL REFERENCES household(id),
        source text NOT NULL CHECK (source IN ('WELFARE_OFFICE', 'IOM_CENTRE', 'OWN_REQUEST', 'OTHER')),
        source_note text,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'TRANSFERRED', 'CLOSED')),
        social_worker_id uuid REFERENCES staff_member(id),
        opened_on date NOT NULL,
        ended_on date,
        transferred_to text,
        close_reason text CHECK (close_reason IN ('RETURN_TO_UKRAINE', 'MOVED_AWAY', 'OTHER')),
        end_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ended_on IS NULL OR ended_on >= opened_on),
        CHECK ((status = 'OPEN') = (ended_on IS NULL)),
        CHECK (status <> 'TRANSFERRED' OR transferred_to IS NOT NULL),
        CHECK (status <> 'CLOSED' OR close_reason IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_file_one_open_per_household ON case_file (household_id) WHERE status = 'OPEN'`,
    );
    await q.query(`CREATE INDEX case_file_worker_idx ON case_file (social_worker_id) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX case_file_household_idx ON case_file (household_id)`);
    await q.query(`CREATE INDEX case_file_opened_idx ON case_file (opened_on)`);
    await q.query(`CREATE INDEX case_file_ended_idx ON case_file (ended_on)`);
    await q.query(`
      CREATE TABLE case_file_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Order of recording: steps of one transaction share now(), so time alone cannot order them.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        case_file_id uuid NOT NULL REFERENCES case_file(id),
        kind text NOT NULL CHECK (kind IN ('OPENED', 'ASSIGNED', 'TRANSFERRED', 'CLOSED')),
        status text NOT NULL,
        social_worker_id uuid REFERENCES staff_member(id),
        date date NOT NULL,
        note text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_file_event_case_idx ON case_file_event (case_file_id, seq)`);

    await q.query(`
      CREATE TABLE social_inquiry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Order of recording: steps of one transaction share now(), so time alone cannot order them.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        case_file_id uuid NOT NULL REFERENCES case_file(id),
        investigator_id uuid NOT NULL REFERENCES staff_member(id),
        date date NOT NULL,
        summary text NOT NULL,
        qualifying_diploma text NOT NULL REFERENCES qualifying_diploma(code),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX social_inquiry_case_idx ON social_inquiry (case_file_id)`);

    // Support: the amounts in force per date, and decisions that keep the amount they were made with.
    await q.query(`
      CREATE TABLE living_wage_rate (
        category text NOT NULL CHECK (category IN ('COHABITANT', 'SINGLE', 'WITH_FAMILY_DEPENDANTS')),
        effective_from date NOT NULL,
        monthly_amount numeric(10, 2) NOT NULL CHECK (monthly_amount > 0),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (category, effective_from)
      )`);
    const values = RATES.flatMap(([from, cohabitant, single, family]) => [
      `('COHABITANT', '${from}', ${cohabitant})`,
      `('SINGLE', '${from}', ${single})`,
      `('WITH_FAMILY_DEPENDANTS', '${from}', ${family})`,
    ]);
    await q.query(
      `INSERT INTO living_wage_rate (category, effective_from, monthly_amount) VALUES ${values.join(", ")}`,
    );
    await q.query(`
      CREATE TABLE support_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        category text NOT NULL CHECK (category IN ('COHABITANT', 'SINGLE', 'WITH_FAMILY_DEPENDANTS')),
        start_date date NOT NULL,
        end_date date,
        decided_on date NOT NULL,
        monthly_amount numeric(10, 2) NOT NULL,
        rate_effective_from date NOT NULL,
        decided_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX support_decision_person_idx ON support_decision (person_id, start_date DESC)`);
    await q.query(`
      CREATE TABLE support_payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        support_decision_id uuid NOT NULL REFERENCES support_decision(id),
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        amount numeric(10, 2) NOT NULL CHECK (amount > 0),
        paid_on date NOT NULL,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT support_payment_once_per_month UNIQUE (support_decision_id, month)
      )`);

    await q.query(`
      CREATE TABLE health_insurance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL UNIQUE REFERENCES person(id),
        fund text NOT NULL,
        status text NOT NULL CHECK (status IN ('REQUESTED', 'REGISTERED', 'REFUSED')),
        status_date date NOT NULL,
        membership_number text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE medical_intake (
        person_id uuid PRIMARY KEY REFERENCES person(id),
        done_on date NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE interpreter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        organisation text NOT NULL,
        languages text[] NOT NULL CHECK (cardinality(languages) > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // No interpreter in two places at once: the database refuses an overlapping booking, also under concurrency.
    await q.query(`
      CREATE TABLE interpreter_booking (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        interpreter_id uuid NOT NULL REFERENCES interpreter(id),
        case_file_id uuid NOT NULL REFERENCES case_file(id),
        language text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        purpose text NOT NULL,
        status text NOT NULL DEFAULT 'BOOKED' CHECK (status IN ('BOOKED', 'DONE', 'CANCELLED')),
        booked_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CONSTRAINT interpreter_booking_no_overlap EXCLUDE USING gist (
          interpreter_id WITH =, tstzrange(starts_at, ends_at) WITH &&
        ) WHERE (status <> 'CANCELLED')
      )`);
    await q.query(`CREATE INDEX interpreter_booking_case_idx ON interpreter_booking (case_file_id)`);

    // Federal reimbursement (POD MI): a claim covers the payments of one support decision over a period.
    await q.query(`
      CREATE TABLE reimbursement_claim (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        support_decision_id uuid NOT NULL REFERENCES support_decision(id),
        from_month text NOT NULL,
        to_month text NOT NULL,
        claimed_amount numeric(10, 2) NOT NULL,
        accepted_amount numeric(10, 2),
        status text NOT NULL DEFAULT 'TO_SUBMIT' CHECK (status IN ('TO_SUBMIT', 'SUBMITTED', 'ACCEPTED', 'REJECTED')),
        submitted_on date,
        decided_on date,
        reference text,
        note text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (from_month <= to_month)
      )`);
    await q.query(`CREATE INDEX reimbursement_claim_decision_idx ON reimbursement_claim (support_decision_id)`);
    await q.query(`
      CREATE TABLE reimbursement_claim_payment (
        claim_id uuid NOT NULL REFERENCES reimbursement_claim(id),
        payment_id uuid NOT NULL REFERENCES support_payment(id),
        PRIMARY KEY (claim_id, payment_id)
      )`);
    await q.query(`CREATE INDEX reimbursement_claim_payment_payment_idx ON reimbursement_claim_payment (payment_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "reimbursement_claim_payment",
      "reimbursement_claim",
      "interpreter_booking",
      "interpreter",
      "medical_intake",
      "health_insurance",
      "support_payment",
      "support_decision",
      "living_wage_rate",
      "social_inquiry",
      "case_file_event",
      "case_file",
      "staff_member",
      "social_setting",
      "qualifying_diploma",
      "household_membership_event",
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE person DROP COLUMN left_household_on`);
  }
}
