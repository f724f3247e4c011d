import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The housing schema. Occupancy rules live here, not only in application code:
 * triggers keep each room's and each site's occupied beds in step with open
 * placements, and CHECK constraints refuse any write that would put more people
 * in a room than it has beds, two households in one room, or more people on a
 * site than its validated capacity, whatever the application does.
 */
export class Housing1763900200000 implements MigrationInterface {
  name = "Housing1763900200000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE municipality (
        nis_code text PRIMARY KEY CHECK (nis_code ~ '^[0-9]{5}$'),
        name text NOT NULL,
        province text NOT NULL CHECK (province IN ('ANTWERPEN', 'LIMBURG', 'OOST_VLAANDEREN', 'VLAAMS_BRABANT', 'WEST_VLAANDEREN')),
        inhabitants integer NOT NULL CHECK (inhabitants >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE site (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('RECEPTION_CENTRE', 'COLLECTIVE_HOUSING', 'EMERGENCY_VILLAGE', 'HOST_FAMILY', 'SOCIAL_HOUSING')),
        operator text NOT NULL,
        nis_code text NOT NULL REFERENCES municipality(nis_code),
        address text NOT NULL,
        sustainable boolean NOT NULL,
        accessible boolean NOT NULL DEFAULT false,
        capacity integer NOT NULL DEFAULT 0 CHECK (capacity >= 0),
        occupied integer NOT NULL DEFAULT 0,
        validated boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT site_occupancy_within_capacity CHECK (occupied >= 0 AND occupied <= capacity),
        CONSTRAINT site_occupied_only_when_validated CHECK (occupied = 0 OR validated)
      )`);
    await q.query(`CREATE INDEX site_nis_code_idx ON site (nis_code)`);
    await q.query(`
      CREATE TABLE room (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site(id),
        label text NOT NULL,
        beds integer NOT NULL CHECK (beds > 0),
        floor_area_m2 numeric(8,2) NOT NULL CHECK (floor_area_m2 > 0),
        accessible boolean NOT NULL DEFAULT false,
        occupied integer NOT NULL DEFAULT 0,
        household_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (site_id, label),
        CONSTRAINT room_floor_area_per_person CHECK (beds * 4 <= floor_area_m2),
        CONSTRAINT room_beds_not_exceeded CHECK (occupied >= 0 AND occupied <= beds),
        CONSTRAINT room_one_household CHECK ((occupied = 0) = (household_id IS NULL))
      )`);
    await q.query(`
      CREATE TABLE housing_offer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        provider text NOT NULL,
        nis_code text NOT NULL REFERENCES municipality(nis_code),
        places integer NOT NULL CHECK (places >= 0),
        kind text NOT NULL CHECK (kind IN ('RECEPTION_CENTRE', 'COLLECTIVE_HOUSING', 'EMERGENCY_VILLAGE', 'HOST_FAMILY', 'SOCIAL_HOUSING')),
        sustainable boolean NOT NULL,
        available_from date,
        status text NOT NULL DEFAULT 'TO_VALIDATE'
          CHECK (status IN ('TO_VALIDATE', 'IN_PREPARATION', 'EXTRA_STEPS_NEEDED', 'VALIDATED', 'REJECTED')),
        site_id uuid UNIQUE REFERENCES site(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX housing_offer_nis_code_idx ON housing_offer (nis_code)`);
    await q.query(`
      CREATE TABLE offer_status_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        offer_id uuid NOT NULL REFERENCES housing_offer(id),
        from_status text,
        status text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        by_subject text NOT NULL,
        by_organisation text NOT NULL,
        note text
      )`);
    await q.query(`CREATE INDEX offer_status_change_offer_idx ON offer_status_change (offer_id, at)`);
    await q.query(`
      CREATE TABLE placement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        household_id uuid NOT NULL,
        site_id uuid NOT NULL REFERENCES site(id),
        room_id uuid NOT NULL REFERENCES room(id),
        move_in_date date NOT NULL,
        move_out_date date,
        move_out_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CHECK (move_out_date IS NULL OR move_out_date >= move_in_date),
        CHECK ((move_out_date IS NULL) = (move_out_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX placement_person_idx ON placement (person_id)`);
    await q.query(`CREATE INDEX placement_household_idx ON placement (household_id)`);
    await q.query(`CREATE INDEX placement_site_idx ON placement (site_id, move_in_date)`);
    await q.query(
      `CREATE UNIQUE INDEX placement_one_open_per_person ON placement (person_id) WHERE move_out_date IS NULL`,
    );
    await q.query(`
      CREATE TABLE move_out (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        placement_id uuid NOT NULL UNIQUE REFERENCES placement(id),
        person_id uuid NOT NULL,
        household_id uuid NOT NULL,
        site_id uuid NOT NULL REFERENCES site(id),
        date date NOT NULL,
        reason text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by text NOT NULL
      )`);
    await q.query(`CREATE INDEX move_out_date_idx ON move_out (date)`);

    // Rooms' beds make the site's capacity; a validated offer makes it count.
    await q.query(`
      CREATE FUNCTION room_capacity_to_site() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE site SET capacity = capacity + NEW.beds - COALESCE(OLD.beds, 0) WHERE id = NEW.site_id;
        UPDATE housing_offer SET places = (SELECT capacity FROM site WHERE id = NEW.site_id), updated_at = now()
          WHERE site_id = NEW.site_id;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER room_capacity AFTER INSERT OR UPDATE OF beds ON room
      FOR EACH ROW EXECUTE FUNCTION room_capacity_to_site()`);
    await q.query(`
      CREATE FUNCTION offer_validated_to_site() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.site_id IS NOT NULL THEN
          UPDATE site SET validated = (NEW.status = 'VALIDATED') WHERE id = NEW.site_id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER offer_validated AFTER INSERT OR UPDATE OF status, site_id ON housing_offer
      FOR EACH ROW EXECUTE FUNCTION offer_validated_to_site()`);

    // Every open placement holds one bed of its room and of its site; the CHECKs above refuse overflows.
    await q.query(`
      CREATE FUNCTION placement_beds() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' AND NEW.move_out_date IS NULL THEN
          UPDATE room SET occupied = occupied + 1, household_id = NEW.household_id
            WHERE id = NEW.room_id AND site_id = NEW.site_id AND (household_id IS NULL OR household_id = NEW.household_id);
          IF NOT FOUND THEN
            RAISE EXCEPTION 'room % is taken by another household', NEW.room_id
              USING ERRCODE = 'check_violation', CONSTRAINT = 'room_one_household';
          END IF;
          UPDATE site SET occupied = occupied + 1 WHERE id = NEW.site_id;
        ELSIF TG_OP = 'UPDATE' AND OLD.move_out_date IS NULL AND NEW.move_out_date IS NOT NULL THEN
          UPDATE room SET occupied = occupied - 1,
                          household_id = CASE WHEN occupied - 1 = 0 THEN NULL ELSE household_id END
            WHERE id = OLD.room_id;
          UPDATE site SET occupied = occupied - 1 WHERE id = OLD.site_id;
        ELSIF TG_OP = 'UPDATE' AND OLD.move_out_date IS NOT NULL AND NEW.move_out_date IS NULL THEN
          RAISE EXCEPTION 'a placement that ended cannot be reopened' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER placement_beds AFTER INSERT OR UPDATE OF move_out_date ON placement
      FOR EACH ROW EXECUTE FUNCTION placement_beds()`);

    await q.query(`
      CREATE TABLE allocation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        date date NOT NULL,
        nis_code text NOT NULL REFERENCES municipality(nis_code),
        persons integer NOT NULL CHECK (persons > 0),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by text NOT NULL
      )`);
    await q.query(`CREATE INDEX allocation_date_idx ON allocation (date)`);
    await q.query(`CREATE INDEX allocation_nis_code_idx ON allocation (nis_code)`);

    await q.query(`
      CREATE TABLE stock_level (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site(id),
        item text NOT NULL,
        quantity integer NOT NULL DEFAULT 0,
        low_stock_threshold integer NOT NULL DEFAULT 0 CHECK (low_stock_threshold >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (site_id, item),
        CONSTRAINT stock_never_negative CHECK (quantity >= 0)
      )`);
    await q.query(`
      CREATE TABLE stock_movement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        stock_level_id uuid NOT NULL REFERENCES stock_level(id),
        delta integer NOT NULL CHECK (delta <> 0),
        person_id uuid,
        note text,
        at timestamptz NOT NULL DEFAULT now(),
        by_subject text NOT NULL
      )`);
    await q.query(`CREATE INDEX stock_movement_person_idx ON stock_movement (person_id) WHERE person_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE rent_charge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id uuid NOT NULL,
        site_id uuid NOT NULL REFERENCES site(id),
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        amount numeric(10,2) NOT NULL CHECK (amount >= 0),
        lines jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CONSTRAINT rent_once_per_household_and_month UNIQUE (household_id, month)
      )`);

    await q.query(`
      CREATE TABLE residents_committee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site(id),
        elected_on date NOT NULL,
        term_start date NOT NULL,
        term_end date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CHECK (term_end > term_start)
      )`);
    await q.query(`
      CREATE TABLE committee_member (
        committee_id uuid NOT NULL REFERENCES residents_committee(id),
        person_id uuid NOT NULL,
        role text,
        PRIMARY KEY (committee_id, person_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "committee_member",
      "residents_committee",
      "rent_charge",
      "stock_movement",
      "stock_level",
      "allocation",
      "move_out",
      "placement",
      "offer_status_change",
      "housing_offer",
      "room",
      "site",
      "municipality",
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION placement_beds()`);
    await q.query(`DROP FUNCTION offer_validated_to_site()`);
    await q.query(`DROP FUNCTION room_capacity_to_site()`);
  }
}
