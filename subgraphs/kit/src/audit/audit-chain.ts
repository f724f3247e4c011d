import { createHash } from "node:crypto";
import { DataSource } from "typeorm";

/** The hash a chain starts from: 32 zero bytes, as in the chain trigger. */
export const AUDIT_CHAIN_GENESIS = Buffer.alloc(32);

/** The columns of one audit record that its hash covers, as text where the database renders them. */
export interface AuditChainRow {
  id: string;
  /** `at` in UTC with microseconds: "2026-12-02T08:40:36.123456Z". */
  at: string;
  requestId: string;
  subject: string;
  organisation: string;
  roles: readonly string[];
  onBehalfOf: string | null;
  purpose: string | null;
  operation: string;
  personIds: readonly string[];
  /** The entries as PostgreSQL prints the jsonb (`entries::text`), or the value itself (printed the same way). */
  entries: string | unknown;
  refused: boolean;
}

function jsonbString(s: string): string {
  // PostgreSQL's escape_json: the JSON escapes, control characters as \u00xx, everything else as is.
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + '"';
}

/**
 * A JSON value printed as PostgreSQL prints a jsonb: object keys shortest
 * first, then by their bytes; ", " and ": " as separators. The hash covers
 * that text, so Node must print a value exactly so to recompute it.
 */
export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return jsonbString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => {
    const ab = Buffer.from(a);
    const bb = Buffer.from(b);
    return ab.length - bb.length || Buffer.compare(ab, bb);
  });
  return `{${entries.map(([k, v]) => `${jsonbString(k)}: ${jsonbText(v)}`).join(", ")}}`;
}

/** The text a record's hash covers: the chain trigger's audit_log_canonical, in Node. */
export function auditCanonicalText(row: AuditChainRow): string {
  return [
    row.id,
    row.at,
    row.requestId,
    row.subject,
    row.organisation,
    row.roles.join(","),
    row.onBehalfOf ?? "",
    row.purpose ?? "",
    row.operation,
    row.personIds.join(","),
    typeof row.entries === "string" ? row.entries : jsonbText(row.entries),
    row.refused ? "true" : "false",
  ].join("\x1f");
}

/** sha256(prevHash || canonical text): the hash the chain trigger stores with the record. */
export function auditRowHash(prevHash: Buffer, row: AuditChainRow): Buffer {
  return createHash("sha256").update(prevHash).update(auditCanonicalText(row), "utf8").digest();
}

export interface AuditChainVerification {
  rowsChecked: number;
  intact: boolean;
  firstBroken: { id: string; at: string; reason: string } | null;
}

/** Records read per round trip while verifying. */
export const AUDIT_CHAIN_BATCH = 2000;

/** An audit record as read back for the chain and the DPO's queries: every hashed column, as text where the hash reads text. */
export interface AuditRecordFromDb {
  id: string;
  /** `at` printed as the chain hashes it (UTC, microseconds). */
  at: string;
  request_id: string;
  subject: string;
  organisation: string;
  roles: string[];
  on_behalf_of: string | null;
  purpose: string | null;
  operation: string;
  person_ids: string[];
  /** `entries` as PostgreSQL prints jsonb: the text the chain hashes. */
  entries: string;
  refused: boolean;
}

/** The select list giving an AuditRecordFromDb. */
export const AUDIT_RECORD_COLUMNS = `id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
  request_id, subject, organisation, roles, on_behalf_of, purpose, operation, person_ids::text[] AS person_ids,
  entries::text AS entries, refused`;

/**
 * Recomputes, in Node and independently of the database's own function, the
 * hash chain of the records dated in [from, to), in id (= chain) order,
 * starting from the hash of the last record before `from`. Names the first
 * record whose link or content does not match. Reads in batches.
 */
export async function verifyAuditChain(dataSource: DataSource, from: Date, to: Date): Promise<AuditChainVerification> {
  const [first] = (await dataSource.query(
    `SELECT id::text AS id FROM audit_log WHERE at >= $1 ORDER BY audit_log.id LIMIT 1`,
    [from],
  )) as { id: string }[];
  if (!first) return { rowsChecked: 0, intact: true, firstBroken: null };
  const [before] = (await dataSource.query(`SELECT hash FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT 1`, [
    first.id,
  ])) as { hash: Buffer }[];
  let expectedPrev = before?.hash ?? AUDIT_CHAIN_GENESIS;
  let afterId = String(BigInt(first.id) - 1n);
  let rowsChecked = 0;
  for (;;) {
    const rows = (await dataSource.query(
      `SELECT ${AUDIT_RECORD_COLUMNS}, prev_hash, hash FROM audit_log WHERE id > $1 AND at < $2
       ORDER BY audit_log.id LIMIT ${AUDIT_CHAIN_BATCH}`,
      [afterId, to],
    )) as (AuditRecordFromDb & { prev_hash: Buffer; hash: Buffer })[];
    for (const r of rows) {
      rowsChecked++;
      const broken = (reason: string): AuditChainVerification => ({
        rowsChecked,
        intact: false,
        firstBroken: { id: r.id, at: r.at, reason },
      });
      if (!r.prev_hash.equals(expectedPrev)) {
        return broken("its prev_hash is not the hash of the record before it (a record was removed or altered)");
      }
      const recomputed = auditRowHash(r.prev_hash, {
        id: r.id,
        at: r.at,
        requestId: r.request_id,
        subject: r.subject,
        organisation: r.organisation,
        roles: r.roles,
        onBehalfOf: r.on_behalf_of,
        purpose: r.purpose,
        operation: r.operation,
        personIds: r.person_ids,
        entries: r.entries,
        refused: r.refused,
      });
      if (!recomputed.equals(r.hash)) return broken("its content does not match its hash (the record was altered)");
      expectedPrev = r.hash;
    }
    if (rows.length < AUDIT_CHAIN_BATCH) break;
    afterId = rows[rows.length - 1].id;
  }
  return { rowsChecked, intact: true, firstBroken: null };
}
