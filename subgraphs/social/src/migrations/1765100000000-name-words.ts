import { MigrationInterface, QueryRunner } from "typeorm";

/** A person's folded name cut into words (name_key holds only a–z and single spaces). */
const WORDS_OF = (rows: string) =>
  `SELECT DISTINCT w AS word, r.id AS person_id, r.registered_at FROM ${rows} r, unnest(string_to_array(r.name_key, ' ')) w WHERE w <> ''`;

/** A statement trigger's function, run with this schema whatever the session's search_path. */
const triggerFunction = (name: string, body: string) => `
  CREATE FUNCTION ${name}() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_catalog
  AS $fn$${body}
  $fn$`;

/**
 * Name search by word, and the people list's total kept as a count.
 *
 * Comparing a search with every person's whole name by trigrams costs a similarity per candidate: a given name
 * that 3% of the country carries meant rechecking 10,000 names per search at 80,000 persons. Names are made of few
 * distinct words, so the search is compared with the distinct words (name_word, which also counts each word's
 * people), and the people carrying the words that match are read from an index that holds their registration, in
 * the list's order (person_name_word). The unfiltered list's total is person_total, where counting 80,000 rows took
 * 8 ms per page.
 *
 * Statement triggers on person keep all three in step in the writing transaction, so every write path
 * (registration, a member added, the scale seed, retention) is covered and a person is found the moment their
 * registration commits. The counts change by one upsert per statement, its words in order, so concurrent writers
 * lock the rows of shared words in the same order; a word no one carries any more leaves the dictionary (a rare
 * name is personal data too) while its row is still locked, so a registration bringing it back waits and then
 * inserts it anew.
 */
export class NameWords1765100000000 implements MigrationInterface {
  name = "NameWords1765100000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE name_word (word text PRIMARY KEY, persons int NOT NULL)`);
    await q.query(`CREATE INDEX name_word_trgm_idx ON name_word USING gin (word gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE person_name_word (
        word text NOT NULL,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        registered_at timestamptz NOT NULL,
        PRIMARY KEY (word, person_id)
      )`);
    // A word's people newest first, read from the index alone: a search's page.
    await q.query(`CREATE INDEX person_name_word_order_idx ON person_name_word (word, registered_at DESC, person_id)`);
    await q.query(`CREATE INDEX person_name_word_person_idx ON person_name_word (person_id)`);
    await q.query(`
      CREATE TABLE person_total (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        persons bigint NOT NULL CHECK (persons >= 0)
      )`);

    await q.query(`
      CREATE FUNCTION social_count_name_words(words text[], deltas int[]) RETURNS void
      LANGUAGE plpgsql SET search_path = public, pg_catalog
      AS $fn$
      BEGIN
        INSERT INTO name_word AS n (word, persons)
          SELECT w, sum(d) FROM unnest(words, deltas) AS x(w, d) GROUP BY w HAVING sum(d) <> 0 ORDER BY w
          ON CONFLICT (word) DO UPDATE SET persons = n.persons + EXCLUDED.persons;
        -- No CHECK (persons >= 0): PostgreSQL checks an upsert's proposed row, a decrement's negative delta.
        IF EXISTS (SELECT 1 FROM name_word WHERE word = ANY(words) AND persons < 0) THEN
          RAISE EXCEPTION 'name_word counts fell below zero for %', words;
        END IF;
        DELETE FROM name_word WHERE word = ANY(words) AND persons = 0;
      END
      $fn$`);
    await q.query(
      triggerFunction(
        "social_person_words_insert",
        `
      BEGIN
        PERFORM social_count_name_words(array_agg(word), array_agg(1)) FROM (${WORDS_OF("new_rows")}) x;
        INSERT INTO person_name_word (word, person_id, registered_at) ${WORDS_OF("new_rows")};
        UPDATE person_total SET persons = persons + (SELECT count(*) FROM new_rows);
        RETURN NULL;
      END`,
      ),
    );
    // Most updates (a departure) leave names alone: only renamed rows are redone.
    const renamed = (side: string) => `SELECT ${side}.* FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE o.name_key IS DISTINCT FROM n.name_key OR o.registered_at IS DISTINCT FROM n.registered_at`;
    await q.query(
      triggerFunction(
        "social_person_words_update",
        `
      BEGIN
        IF NOT EXISTS (${renamed("n")}) THEN RETURN NULL; END IF;
        PERFORM social_count_name_words(array_agg(word), array_agg(delta)) FROM (
          SELECT word, -1 AS delta FROM (${WORDS_OF(`(${renamed("o")})`)}) x
          UNION ALL SELECT word, 1 FROM (${WORDS_OF(`(${renamed("n")})`)}) y) z;
        DELETE FROM person_name_word pw USING (${renamed("n")}) r WHERE pw.person_id = r.id;
        INSERT INTO person_name_word (word, person_id, registered_at) ${WORDS_OF(`(${renamed("n")})`)};
        RETURN NULL;
      END`,
      ),
    );
    // The person's rows in person_name_word went with them (ON DELETE CASCADE).
    await q.query(
      triggerFunction(
        "social_person_words_delete",
        `
      BEGIN
        PERFORM social_count_name_words(array_agg(word), array_agg(-1)) FROM (${WORDS_OF("old_rows")}) x;
        UPDATE person_total SET persons = persons - (SELECT count(*) FROM old_rows);
        RETURN NULL;
      END`,
      ),
    );
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
    // TRUNCATE person (the owner's, with CASCADE) takes person_name_word along; the counts follow.
    await q.query(
      triggerFunction(
        "social_person_words_truncate",
        `
      BEGIN
        DELETE FROM name_word;
        UPDATE person_total SET persons = 0;
        RETURN NULL;
      END`,
      ),
    );
    await q.query(`
      CREATE TRIGGER person_words_truncate AFTER TRUNCATE ON person
        FOR EACH STATEMENT EXECUTE FUNCTION social_person_words_truncate()`);

    await q.query(`INSERT INTO person_total (persons) SELECT count(*) FROM person`);
    await q.query(`INSERT INTO person_name_word (word, person_id, registered_at) ${WORDS_OF("person")}`);
    await q.query(`INSERT INTO name_word (word, persons) SELECT word, count(*) FROM person_name_word GROUP BY word`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER person_words_truncate ON person`);
    await q.query(`DROP TRIGGER person_words_delete ON person`);
    await q.query(`DROP TRIGGER person_words_update ON person`);
    await q.query(`DROP TRIGGER person_words_insert ON person`);
    await q.query(`DROP FUNCTION social_person_words_truncate()`);
    await q.query(`DROP FUNCTION social_person_words_delete()`);
    await q.query(`DROP FUNCTION social_person_words_update()`);
    await q.query(`DROP FUNCTION social_person_words_insert()`);
    await q.query(`DROP FUNCTION social_count_name_words(text[], int[])`);
    await q.query(`DROP TABLE person_total`);
    await q.query(`DROP TABLE person_name_word`);
    await q.query(`DROP TABLE name_word`);
  }
}
