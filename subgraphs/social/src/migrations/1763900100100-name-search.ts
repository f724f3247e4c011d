import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Name search tolerant of accents, case and the different Latin
 * transliterations of Ukrainian and Russian names (Oleksandr, Olexandr,
 * Aleksandr): every name is reduced to a folded key, and the keys are
 * compared by trigram similarity (pg_trgm), best match first.
 */
export class NameSearch1763900100100 implements MigrationInterface {
  name = "NameSearch1763900100100";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // IMMUTABLE so it can feed a generated column and an index: the dictionary is named explicitly,
    // so the result does not depend on the search_path of the session.
    await q.query(`
      CREATE FUNCTION social_name_key(name text) RETURNS text
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
      SET search_path = public, pg_catalog
      AS $fn$
      DECLARE
        s text := name;
        -- Cyrillic to the Ukrainian national Latin transliteration, both cases, before unaccent and lower
        -- (lower() only knows ASCII under the C locale).
        cyr text[] := ARRAY['Щ','щ','Ж','ж','Х','х','Ц','ц','Ч','ч','Ш','ш','Є','є','Ї','ї','Й','й','Ю','ю','Я','я',
                            'А','а','Б','б','В','в','Г','г','Ґ','ґ','Д','д','Е','е','З','з','И','и','І','і','К','к',
                            'Л','л','М','м','Н','н','О','о','П','п','Р','р','С','с','Т','т','У','у','Ф','ф','Ь','ь',
                            'Ъ','ъ','Ы','ы','Э','э','Ё','ё'];
        lat text[] := ARRAY['shch','shch','zh','zh','kh','kh','ts','ts','ch','ch','sh','sh','ye','ye','yi','yi','y','y',
                            'yu','yu','ya','ya','a','a','b','b','v','v','h','h','g','g','d','d','e','e','z','z','y','y',
                            'i','i','k','k','l','l','m','m','n','n','o','o','p','p','r','r','s','s','t','t','u','u',
                            'f','f','','','','','y','y','e','e','yo','yo'];
        i int;
      BEGIN
        FOR i IN 1 .. array_length(cyr, 1) LOOP
          s := replace(s, cyr[i], lat[i]);
        END LOOP;
        s := lower(public.unaccent('public.unaccent'::regdictionary, s));
        -- Apostrophes (Dar'ya) vanish, other separators become spaces.
        s := regexp_replace(s, '[''\`’ʼ]', '', 'g');
        s := regexp_replace(s, '[^a-z]+', ' ', 'g');
        -- Variants of one sound in the common transliteration systems (Ukrainian, Russian, German, Polish).
        s := replace(s, 'x', 'ks');
        s := replace(s, 'shch', 's');
        s := replace(s, 'sch', 's');
        s := replace(s, 'sz', 's');
        s := replace(s, 'zh', 'z');
        s := replace(s, 'kh', 'h');
        s := replace(s, 'ch', 'c');
        s := replace(s, 'sh', 's');
        s := replace(s, 'tz', 'c');
        s := replace(s, 'ts', 'c');
        s := translate(s, 'gwjy', 'hvii');
        -- Doubled letters (Hanna/Hana, Iuliia/Yulia) count once.
        s := regexp_replace(s, '([a-z])\\1+', '\\1', 'g');
        RETURN btrim(s);
      END
      $fn$`);
    await q.query(`
      ALTER TABLE person ADD COLUMN name_key text
        GENERATED ALWAYS AS (social_name_key(given_name || ' ' || family_name)) STORED`);
    await q.query(`CREATE INDEX person_name_key_trgm_idx ON person USING gin (name_key gin_trgm_ops)`);
    // Duplicate detection compares folded names with birth dates.
    await q.query(`CREATE INDEX person_name_key_birth_idx ON person (name_key, birth_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX person_name_key_birth_idx`);
    await q.query(`DROP INDEX person_name_key_trgm_idx`);
    await q.query(`ALTER TABLE person DROP COLUMN name_key`);
    await q.query(`DROP FUNCTION social_name_key(text)`);
  }
}
