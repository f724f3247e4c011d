import { DataSource } from "typeorm";

/**
 * audit_log's compact records expanded into one line per person (or per
 * entry naming no one), with the columns of the old one-line-per-person
 * table: id, at, request_id, subject, organisation, roles, on_behalf_of,
 * purpose, operation, person_id, category, fields, action (READ/WRITE),
 * outcome (ALLOWED/REFUSED), reason. Use it in place of the table name:
 * `SELECT ... FROM ${AUDIT_LINES} WHERE person_id = $1`.
 */
export const AUDIT_LINES = `(
  SELECT r.id, r.at, r.request_id, r.subject, r.organisation, r.roles, r.on_behalf_of, r.purpose, r.operation,
         CASE WHEN p.i IS NULL THEN NULL ELSE r.person_ids[p.i + 1] END AS person_id,
         e.value->>'c' AS category,
         ARRAY(SELECT jsonb_array_elements_text(e.value->'f')) AS fields,
         CASE e.value->>'a' WHEN 'R' THEN 'READ' ELSE 'WRITE' END AS action,
         CASE e.value->>'o' WHEN 'A' THEN 'ALLOWED' ELSE 'REFUSED' END AS outcome,
         e.value->>'r' AS reason
  FROM audit_log r
  CROSS JOIN LATERAL jsonb_array_elements(r.entries) AS e(value)
  LEFT JOIN LATERAL (SELECT x::int AS i FROM jsonb_array_elements_text(e.value->'p') AS t(x)) p ON true
) AS audit_log`;

/** The expanded audit lines (AUDIT_LINES) matching a WHERE clause, e.g. auditRows(ds, "subject = $1", ["sw-1"]). */
export async function auditRows<T = Record<string, any>>(
  dataSource: DataSource,
  where = "true",
  params: unknown[] = [],
  columns = "*",
): Promise<T[]> {
  return dataSource.query(`SELECT ${columns} FROM ${AUDIT_LINES} WHERE ${where} ORDER BY id`, params);
}

/** Audit records (compact rows) written for one request ID. */
export async function auditRecordsOf(dataSource: DataSource, requestId: string): Promise<Record<string, any>[]> {
  return dataSource.query(`SELECT * FROM audit_log WHERE request_id = $1 ORDER BY id`, [requestId]);
}
