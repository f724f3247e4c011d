import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The day each validation status took effect. Coordinators often record a
 * decision after the fact, so the day it counts from is kept apart from when it
 * was recorded (`at`): a site's beds are validated capacity from the day its
 * VALIDATED status took effect, and not before. The registration line has no
 * such day (the offer simply starts as TO_VALIDATE), every later change has one.
 *
 * Existing changes take effect on the day they were recorded, except that a
 * VALIDATED status takes effect no later than the first move-in at its site:
 * the graph only ever placed households on validated sites, so those placements
 * show the site was used as validated capacity from that day. Earlier changes of
 * the same offer are moved back to that day too, so the days never go backwards.
 * From now on the database refuses a move-in before the validation took effect.
 */
export class StatusEffectiveOn1763900200002 implements MigrationInterface {
  name = "StatusEffectiveOn1763900200002";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offer_status_change ADD COLUMN effective_on date`);
    await q.query(`
      UPDATE offer_status_change SET effective_on = (at AT TIME ZONE 'Europe/Brussels')::date
      WHERE from_status IS NOT NULL`);
    await q.query(`
      UPDATE offer_status_change c SET effective_on = LEAST(c.effective_on, first.move_in)
      FROM housing_offer o
      JOIN (SELECT site_id, MIN(move_in_date) AS move_in FROM placement GROUP BY site_id) first
        ON first.site_id = o.site_id
      WHERE c.offer_id = o.id AND c.from_status IS NOT NULL
        AND EXISTS (SELECT 1 FROM offer_status_change v WHERE v.offer_id = o.id AND v.status = 'VALIDATED')`);
    await q.query(`
      ALTER TABLE offer_status_change ADD CONSTRAINT offer_status_change_effective_on
        CHECK ((from_status IS NULL) = (effective_on IS NULL))`);
    await q.query(`CREATE INDEX offer_status_change_effective_idx ON offer_status_change (offer_id, effective_on)`);

    // A placement may not start before its site's beds became validated capacity, whatever the application does.
    await q.query(`
      CREATE FUNCTION placement_after_validation() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        since date;
      BEGIN
        SELECT c.effective_on INTO since
          FROM housing_offer o JOIN offer_status_change c ON c.offer_id = o.id AND c.status = 'VALIDATED'
          WHERE o.site_id = NEW.site_id
          ORDER BY c.at DESC LIMIT 1;
        IF since IS NOT NULL AND NEW.move_in_date < since THEN
          RAISE EXCEPTION 'Move-in date % is before %, the day the site''s beds became validated capacity.',
            NEW.move_in_date, since
            USING ERRCODE = 'check_violation', CONSTRAINT = 'placement_after_validation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER placement_after_validation BEFORE INSERT OR UPDATE OF move_in_date, site_id
      ON placement FOR EACH ROW EXECUTE FUNCTION placement_after_validation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER placement_after_validation ON placement`);
    await q.query(`DROP FUNCTION placement_after_validation()`);
    await q.query(`DROP INDEX offer_status_change_effective_idx`);
    await q.query(`ALTER TABLE offer_status_change DROP CONSTRAINT offer_status_change_effective_on`);
    await q.query(`ALTER TABLE offer_status_change DROP COLUMN effective_on`);
  }
}
