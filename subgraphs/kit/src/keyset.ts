import { createHash } from "node:crypto";
import { SelectQueryBuilder } from "typeorm";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ConnectionShape } from "./connection";
import { badInput } from "./errors";

/**
 * Keyset pagination: a cursor holds the sort key of the last item seen and a
 * fingerprint of the filter it was made under, so the next page starts right
 * after that item (no OFFSET scan, no item skipped or repeated when rows are
 * added meanwhile), and a cursor cannot be replayed under another filter.
 */
export interface KeysetPage {
  limit: number;
  /** Sort key of the last item seen (text values as PostgreSQL printed them), or null for the first page. */
  after: string[] | null;
  filter: string;
}

/** One column of a list's order: its SQL, how to cast a cursor value back, and its direction. */
export interface KeyColumn {
  sql: string;
  cast: string;
  desc?: boolean;
}

function fingerprint(filter: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(filter ?? null))
    .digest("base64url")
    .slice(0, 16);
}

export function encodeKeysetCursor(key: readonly string[], filter: string): string {
  return Buffer.from(JSON.stringify({ f: filter, k: key }), "utf8").toString("base64url");
}

/** Validates `first`/`after` for a list under this filter (any JSON-able value: the list's arguments). */
export function parseKeysetPage(
  first: number | null | undefined,
  after: string | null | undefined,
  filter: unknown,
  keyLength: number,
): KeysetPage {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw badInput("first", `first is ${String(first)}; it must be between 0 and ${MAX_PAGE_SIZE}.`);
  }
  const f = fingerprint(filter);
  if (!after) return { limit, after: null, filter: f };
  let parsed: { f?: unknown; k?: unknown } | null = null;
  try {
    parsed = after.length <= 1000 ? JSON.parse(Buffer.from(after, "base64url").toString("utf8")) : null;
  } catch {
    parsed = null;
  }
  const key = parsed?.k;
  if (!Array.isArray(key) || key.length !== keyLength || !key.every((v) => typeof v === "string" && v.length <= 100)) {
    throw badInput("after", `Cursor ${JSON.stringify(after.slice(0, 60))} is not one this list gave out.`);
  }
  if (parsed?.f !== f) {
    throw badInput(
      "after",
      "This cursor belongs to the same list with another filter or order; start again without `after`.",
    );
  }
  return { limit, after: key as string[], filter: f };
}

/**
 * The SQL condition "comes after this key" for a mixed-direction order:
 * (a after x) OR (a = x AND b after y) OR …; `param` adds a bound parameter and returns its placeholder.
 */
export function keysetCondition(
  columns: readonly KeyColumn[],
  key: readonly string[],
  param: (v: unknown) => string,
): string {
  const placeholders = key.map((v, i) => `${param(v)}::${columns[i].cast}`);
  const terms = columns.map((c, i) => {
    const equal = columns.slice(0, i).map((p, j) => `${p.sql} = ${placeholders[j]}`);
    return `(${[...equal, `${c.sql} ${c.desc ? "<" : ">"} ${placeholders[i]}`].join(" AND ")})`;
  });
  return `(${terms.join(" OR ")})`;
}

/** ORDER BY clause for the key columns. */
export function keysetOrder(columns: readonly KeyColumn[]): string {
  return columns.map((c) => `${c.sql} ${c.desc ? "DESC" : "ASC"}`).join(", ");
}

/** A page from up to limit + 1 rows fetched after the cursor (the extra one only says another page follows). */
export function keysetConnection<T>(
  rows: readonly { key: string[]; node: T }[],
  page: KeysetPage,
  totalCount: number,
): ConnectionShape<T> {
  const items = rows.slice(0, page.limit);
  const edges = items.map((r) => ({ cursor: encodeKeysetCursor(r.key, page.filter), node: r.node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * Runs one page of a filtered TypeORM query by keyset: the total under the
 * filter, then the IDs and sort keys of up to limit + 1 rows after the cursor.
 * `idSql` names the ID column ("p.id"); load the entities by ID afterwards.
 * `countAll` gives the total where the list keeps it counted (no filter), instead of counting the rows.
 */
export async function keysetPage(
  qb: SelectQueryBuilder<any>,
  idSql: string,
  order: readonly KeyColumn[],
  page: KeysetPage,
  countAll?: () => Promise<number>,
): Promise<{ total: number; rows: { id: string; key: string[] }[] }> {
  const total = countAll ? await countAll() : await qb.clone().getCount();
  if (page.after) {
    let n = 0;
    qb.andWhere(
      keysetCondition(order, page.after, (value) => {
        const name = `keyset_${n++}`;
        qb.setParameter(name, value);
        return `:${name}`;
      }),
    );
  }
  selectIdAndKeys(qb, idSql, order);
  qb.orderBy(order[0].sql, order[0].desc ? "DESC" : "ASC");
  for (const c of order.slice(1)) qb.addOrderBy(c.sql, c.desc ? "DESC" : "ASC");
  const raw: Record<string, string>[] = await qb.limit(page.limit + 1).getRawMany();
  return { total, rows: idsAndKeys(raw, order) };
}

/** Selects the ID as `id` and each key column as text (`keyset_k<i>`), the cursor's values, as PostgreSQL prints them. */
function selectIdAndKeys(qb: SelectQueryBuilder<any>, idSql: string, order: readonly KeyColumn[]) {
  qb.select(idSql, "id");
  order.forEach((c, i) => qb.addSelect(`(${c.sql})::text`, `keyset_k${i}`));
  return qb;
}

/** The rows selected by selectIdAndKeys, as a page's IDs and sort keys. */
function idsAndKeys(raw: readonly Record<string, string>[], order: readonly KeyColumn[]) {
  return raw.map((r) => ({ id: r.id, key: order.map((_, i) => r[`keyset_k${i}`]) }));
}

/**
 * keysetPage in one statement, for a list that reads every row under its filter anyway to order them (a search
 * ranked by similarity): the rows are read once, counted with a window and cut after the cursor above it, where
 * keysetPage reads them twice (its count, then its page). Where an index gives the order (newest first), keysetPage
 * costs less: its count reads the index alone and its page stops after limit + 1 rows.
 */
export async function keysetPageOneScan(
  qb: SelectQueryBuilder<any>,
  idSql: string,
  order: readonly KeyColumn[],
  page: KeysetPage,
): Promise<{ total: number; rows: { id: string; key: string[] }[] }> {
  const rowsUnderFilter = selectIdAndKeys(qb.clone(), idSql, order);
  // The keys' own values too, for the cursor's comparison above. In parentheses: TypeORM reads a bare "p.id" as a
  // column of the entity and selects it under its own alias.
  order.forEach((c, i) => rowsUnderFilter.addSelect(`(${c.sql})`, `keyset_r${i}`));
  rowsUnderFilter.addSelect("count(*) OVER ()", "keyset_total");
  const [inner, parameters] = rowsUnderFilter.getQueryAndParameters();
  const values: unknown[] = [...parameters];
  const bind = positionalBinder(values);
  const outer = order.map((c, i) => ({ ...c, sql: `m."keyset_r${i}"` }));
  const after = page.after ? `WHERE ${keysetCondition(outer, page.after, bind)}` : "";
  const raw: Record<string, string>[] = await qb.connection.query(
    `SELECT m.* FROM (${inner}) m ${after} ORDER BY ${keysetOrder(outer)} LIMIT ${bind(page.limit + 1)}`,
    values,
  );
  // Past the last row no row carries the window's count: the same rows counted apart (a cursor of the last page,
  // rarely sent). In SQL, not getCount: the list may be read from a subquery, which TypeORM cannot count.
  const total =
    raw.length > 0
      ? Number(raw[0].keyset_total)
      : Number((await qb.connection.query(`SELECT count(*)::text AS n FROM (${inner}) m`, parameters))[0].n);
  return { total, rows: idsAndKeys(raw, order) };
}

/** Binds a value as the next positional parameter ($n) of a statement whose values so far are `values`. */
export function positionalBinder(values: unknown[]): (value: unknown) => string {
  return (value) => {
    values.push(value);
    return `$${values.length}`;
  };
}

/** Puts entities loaded by ID back in the page's order (a row deleted meanwhile is left out). */
export function inPageOrder<T>(
  rows: readonly { id: string; key: string[] }[],
  loaded: readonly (T | null | Error)[],
): { key: string[]; node: T }[] {
  return rows
    .map((r, i) => ({ key: r.key, node: loaded[i] }))
    .filter((r): r is { key: string[]; node: T } => r.node !== null && !(r.node instanceof Error));
}
