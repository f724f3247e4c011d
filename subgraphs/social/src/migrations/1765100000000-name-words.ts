import { MigrationInterface, QueryRunner } from "typeorm";

/** A person's folded name cut into words (name_key holds only a–z and single spaces). */
const WORDS_OF = (rows: string) =>
  `SELECT DISTINCT w AS word, r.id AS person_id, r.registered_at FROM ${rows} r, unnest(string_to_array(r.name_key, ' ')) w WHERE w <> ''`;

/**
 * Name search by word. Comparing a search with every person's whole name by trigrams costs a similarity
 * per candidate: a given name that 3% of the country carries meant rechecking 10,000 names per search at
 * 80,000 persons. Names are made of few distinct words, so the search is compared with the distinct words
 * (name_word, a few thousand even nationally), and the people carrying the words that match are read from an
 * index that also holds their registration, in the list's order (person_name_word).
 *
 * Both tables follow person by statement triggers, so every write path (registration, a member added, the scale
 * seed, retention) keeps them in step within its own transaction: a person is found by the search the moment
 * their registration commits.
 */
export class NameWords1765100000000 implements MigrationInterface {
  name = "NameWords1765100000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE name_word (word text PRIMARY KEY)`);
    await q.query(`CREATE INDEX name_word_trgm_idx ON name_word USING gin (word gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE person_name_word (
        word text NOT NULL,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        registered_at timestamptz NOT NULL,
        PRIMARY KEY (word, person_id)
      )`);
    // A word's people newest first, read from the index alone: a search's page and its count.
    await q.query(`CREATE INDEX person_name_word_order_idx ON person_name_word (word, registered_at DESC, person_id)`);
    await q.query(`CREATE INDEX person_name_word_person_idx ON person_name_word (person_id)`);

    // Words no person carries any more leave the dictionary: a rare name is personal data too. The table lock
    // waits for registrations in flight (their triggers hold ROW EXCLUSIVE on name_word) and holds new ones back,
    // so a word a concurrent registration has just found in the dictionary is never pruned under it.
    await q.query(`
      CREATE FUNCTION social_prune_name_words(words text[]) RETURNS void
      LANGUAGE plpgsql SET search_path = public, pg_catalog
      AS $fn$
      BEGIN
        IF coalesce(array_length(words, 1), 0) = 0 THEN RETURN; END IF;
        LOCK TABLE name_word IN EXCLUSIVE MODE;
        DELETE FROM name_word n WHERE n.word = ANY(words)
          AND NOT EXISTS (SELECT 1 FROM person_name_word pw WHERE pw.word = n.word);
      END
      $fn$`);
    await q.query(`
      CREATE FUNCTION social_person_words_insert() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_catalog
      AS $fn$
      BEGIN
        INSERT INTO name_word (word)
          SELECT DISTINCT word FROM (${WORDS_OF("new_rows")}) x ORDER BY word ON CONFLICT DO NOTHING;
        INSERT INTO person_name_word (word, person_id, registered_at) ${WORDS_OF("new_rows")};
        RETURN NULL;
      END
      $fn$`);
    // Most updates (a departure) leave names alone: only renamed rows are redone, old words pruned before the new
    // ones go in (the prune's table lock is then the first this statement takes on name_word).
    const renamed = `SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE o.name_key IS DISTINCT FROM n.name_key OR o.registered_at IS DISTINCT FROM n.registered_at`;
    await q.query(`
      CREATE FUNCTION social_person_words_update() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_catalog
      AS $fn$
      DECLARE
        dropped text[];
      BEGIN
        IF NOT EXISTS (${renamed}) THEN RETURN NULL; END IF;
        dropped := ARRAY(SELECT DISTINCT pw.word FROM person_name_word pw JOIN (${renamed}) r ON r.id = pw.person_id);
        DELETE FROM person_name_word pw USING (${renamed}) r WHERE pw.person_id = r.id;
        PERFORM social_prune_name_words(dropped);
        INSERT INTO name_word (word)
          SELECT DISTINCT word FROM (${WORDS_OF(`(${renamed})`)}) x ORDER BY word ON CONFLICT DO NOTHING;
        INSERT INTO person_name_word (word, person_id, registered_at) ${WORDS_OF(`(${renamed})`)};
        RETURN NULL;
      END
      $fn$`);
    // The person's rows in person_name_word went with them (ON DELETE CASCADE, row triggers that run before this
    // statement trigger); what is left is the dictionary.
    await q.query(`
      CREATE FUNCTION social_person_words_delete() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_catalog
      AS $fn$
      BEGIN
        PERFORM social_prune_name_words(ARRAY(SELECT DISTINCT word FROM (${WORDS_OF("old_rows")}) x));
        RETURN NULL;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER person_words_insert AFTER INSERT ON person REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION social_person_words_insert()`);
    await q.query(`
      CREATE TRIGGER person_words_update AFTER UPDATE ON person
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION social_person_words_update()`);
    await q.query(`
      CREATE TRIGGER person_words_delete AFTER DELETE ON person REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION social_person_words_delete()`);

    await q.query(
      `INSERT INTO name_word (word) SELECT DISTINCT word FROM (${WORDS_OF("person")}) x ON CONFLICT DO NOTHING`,
    );
    await q.query(`INSERT INTO person_name_word (word, person_id, registered_at) ${WORDS_OF("person")}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER person_words_delete ON person`);
    await q.query(`DROP TRIGGER person_words_update ON person`);
    await q.query(`DROP TRIGGER person_words_insert ON person`);
    await q.query(`DROP FUNCTION social_person_words_delete()`);
    await q.query(`DROP FUNCTION social_person_words_update()`);
    await q.query(`DROP FUNCTION social_person_words_insert()`);
    await q.query(`DROP FUNCTION social_prune_name_words(text[])`);
    await q.query(`DROP TABLE person_name_word`);
    await q.query(`DROP TABLE name_word`);
  }
}
