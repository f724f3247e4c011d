import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The trigram index on person's whole folded name goes: since NameWords1765100000000 the search matches name words
 * (name_word's own trigram index) and nothing compares whole names by trigrams any more, while every registration
 * and rename still updated it. Duplicate detection compares whole names for equality, on person_name_key_birth_idx.
 */
export class WholeNameTrigramIndex1765100000001 implements MigrationInterface {
  name = "WholeNameTrigramIndex1765100000001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX person_name_key_trgm_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX person_name_key_trgm_idx ON person USING gin (name_key gin_trgm_ops)`);
  }
}
