import { Client } from "pg";

/** A column's SQL type; array and jsonb columns travel as text and are cast in the SELECT. */
export type ColumnType =
  "uuid" | "text" | "date" | "timestamptz" | "int" | "bool" | "numeric" | "text[]" | "uuid[]" | "jsonb";

/** Rows for one table, generated in memory, in the order they are inserted. */
export interface TableRows {
  table: string;
  columns: readonly (readonly [string, ColumnType])[];
  rows: unknown[][];
}

export function tableRows(table: string, columns: readonly (readonly [string, ColumnType])[]): TableRows {
  return { table, columns, rows: [] };
}

/** Rows per INSERT: large enough to amortise a round trip, small enough to keep parameters in memory. */
const BATCH = 10_000;

function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

function parameterType(type: ColumnType): string {
  return type === "text[]" || type === "uuid[]" || type === "jsonb" ? "text" : type;
}

/**
 * Inserts the rows with multi-row `INSERT … SELECT FROM unnest($1::uuid[], $2::text[], …)`, one
 * statement per batch, on the given client (inside the caller's transaction). Every constraint,
 * default and trigger of the table applies as for any other INSERT.
 */
export async function insertRows(client: Client, t: TableRows): Promise<number> {
  const names = t.columns.map(([n]) => n);
  const select = t.columns
    .map(([n, type], i) => (parameterType(type) === type ? `u.c${i}` : `u.c${i}::${type}`) + ` AS ${n}`)
    .join(", ");
  const unnest = t.columns.map(([, type], i) => `$${i + 1}::${parameterType(type)}[]`).join(", ");
  const alias = t.columns.map((_, i) => `c${i}`).join(", ");
  const sql = `INSERT INTO ${t.table} (${names.join(", ")}) SELECT ${select} FROM unnest(${unnest}) AS u(${alias})`;
  for (let start = 0; start < t.rows.length; start += BATCH) {
    const batch = t.rows.slice(start, start + BATCH);
    const params = t.columns.map(([, type], i) =>
      batch.map((row) => {
        const v = row[i];
        if (v === null || v === undefined) return null;
        if (type === "text[]" || type === "uuid[]") return arrayLiteral(v as string[]);
        if (type === "jsonb") return JSON.stringify(v);
        return v;
      }),
    );
    await client.query(sql, params);
  }
  return t.rows.length;
}
