import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Rent lines kept social's support category and living wage; housing needs
 * only the rent due per member. Removes those facts from every stored line.
 */
export class RentLinesWithoutSupportFacts1763900200003 implements MigrationInterface {
  name = "RentLinesWithoutSupportFacts1763900200003";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE rent_charge SET lines = (
        SELECT coalesce(jsonb_agg(line - 'category' - 'livingWage' ORDER BY n), '[]'::jsonb)
        FROM jsonb_array_elements(lines) WITH ORDINALITY AS l(line, n))
      WHERE jsonb_path_exists(lines, '$[*] ? (exists(@.category) || exists(@.livingWage))')`);
  }

  /** Restores the lines' earlier shape; the removed facts are gone by design and come back unknown. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE rent_charge SET lines = (
        SELECT coalesce(jsonb_agg(line || '{"category": "UNKNOWN", "livingWage": null}'::jsonb ORDER BY n), '[]'::jsonb)
        FROM jsonb_array_elements(lines) WITH ORDINALITY AS l(line, n))`);
  }
}
