import { createHash } from "node:crypto";
import { DataSource, QueryRunner } from "typeorm";

/**
 * Reports over every person served (the indicators without a site) read tens
 * of thousands of rows; the same period is asked again and again (the
 * dashboard, the exports, a reporting tool's schedule) while the data behind
 * it changes a few times an hour. A subgraph keeps each such figure group in
 * `report_cache`, labelled with the subgraph's data version, and answers from
 * it while the version is unchanged.
 *
 * The version is one row, raised once by every transaction that changes a
 * watched table, at its commit (a deferred constraint trigger): a reader sees
 * the new version exactly when it sees the change. A reader takes the version
 * before computing, so a result is never labelled newer than the data it was
 * computed from; a result computed during a change is labelled with the old
 * version and is never read again once the change commits. The raise comes
 * last in the writing transaction, after every other lock it takes, so it
 * cannot take part in a deadlock; writers of watched tables queue only for
 * that last statement.
 */
export async function createReportCache(q: QueryRunner, watchedTables: readonly string[]): Promise<void> {
  await q.query(`CREATE TABLE report_data_version (id int PRIMARY KEY CHECK (id = 1), v bigint NOT NULL)`);
  await q.query(`INSERT INTO report_data_version VALUES (1, 0)`);
  await q.query(`
    CREATE TABLE report_cache (
      kind text NOT NULL,
      key text NOT NULL,
      version bigint NOT NULL,
      result jsonb NOT NULL,
      computed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (kind, key)
    )`);
  await q.query(`
    CREATE FUNCTION raise_report_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- Once per transaction, however many rows it changed.
      IF current_setting('reception.report_version_raised', true) IS DISTINCT FROM txid_current()::text THEN
        PERFORM set_config('reception.report_version_raised', txid_current()::text, true);
        UPDATE report_data_version SET v = v + 1 WHERE id = 1;
      END IF;
      RETURN NULL;
    END $$`);
  for (const table of watchedTables) {
    await q.query(`
      CREATE CONSTRAINT TRIGGER ${table}_raises_report_version AFTER INSERT OR UPDATE OR DELETE ON ${table}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_report_data_version()`);
    // TRUNCATE has no row triggers; it happens only in tests and maintenance, raise at once.
    await q.query(`
      CREATE TRIGGER ${table}_truncate_raises_report_version AFTER TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION raise_report_data_version()`);
  }
}

export async function dropReportCache(q: QueryRunner, watchedTables: readonly string[]): Promise<void> {
  for (const table of watchedTables) {
    await q.query(`DROP TRIGGER ${table}_raises_report_version ON ${table}`);
    await q.query(`DROP TRIGGER ${table}_truncate_raises_report_version ON ${table}`);
  }
  await q.query(`DROP FUNCTION raise_report_data_version()`);
  await q.query(`DROP TABLE report_cache`);
  await q.query(`DROP TABLE report_data_version`);
}

/** The subgraph's data version: changes whenever a watched table's data does. */
export async function reportDataVersion(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query(`SELECT v FROM report_data_version WHERE id = 1`);
  return Number(row.v);
}

/** A short, fixed-length cache key for long inputs (a list of tens of thousands of IDs). */
export function cacheKey(...parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url");
}

/**
 * A figure group from the cache when the data has not changed since it was
 * computed, else computed now and kept. `result` must survive JSON.
 */
export async function cachedFigures<T>(
  dataSource: DataSource,
  kind: string,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  const [row] = await dataSource.query(
    `SELECT v.v AS version, c.result, c.version AS cached
     FROM report_data_version v LEFT JOIN report_cache c ON c.kind = $1 AND c.key = $2 AND c.version = v.v
     WHERE v.id = 1`,
    [kind, key],
  );
  if (row.cached != null) return row.result as T;
  const result = await compute();
  await dataSource.query(
    `INSERT INTO report_cache (kind, key, version, result) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (kind, key) DO UPDATE SET version = EXCLUDED.version, result = EXCLUDED.result, computed_at = now()
     WHERE report_cache.version <= EXCLUDED.version`,
    [kind, key, row.version, JSON.stringify(result)],
  );
  return result;
}
