import { createHash } from "node:crypto";
import { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";

/** Which rows a loader wants besides the keys: columns null (true) or not null (false), and their order. */
export interface FindInOptions<T> {
  isNull?: Partial<Record<keyof T & string, boolean>>;
  order?: Partial<Record<keyof T & string, "ASC" | "DESC">>;
}

/**
 * An entity read in the same statement as the rows of `findInWith`: the row the foreign key `via` names,
 * primed into `loader` (its loader by ID) so that resolving the reference later costs no statement.
 */
export interface ReadAlong<T extends ObjectLiteral> {
  via: keyof T & string;
  target: EntityTarget<ObjectLiteral>;
  loader: { prime(key: string, value: ObjectLiteral | null): unknown };
}

/** The columns of one entity in a prepared read, with the alias of each in the result row. */
interface ReadEntity {
  columns: { column: ColumnMetadata; alias: string }[];
  create: () => ObjectLiteral;
}

/** What a prepared read of one entity (and those read along) needs, computed once per data source and shape. */
interface PreparedRead {
  name: string;
  text: string;
  main: ReadEntity;
  /** Per entity read along: its foreign key's property and its primary key's alias. */
  along: (ReadEntity & { via: string; primary: string })[];
}

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

/** The node-postgres pool behind a TypeORM data source (its driver's `master`), if it has one. */
export function pgPoolOf(dataSource: DataSource): PgPool | null {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  return typeof pool?.query === "function" ? pool : null;
}

const prepared = new WeakMap<DataSource, Map<string, PreparedRead>>();

/** An entity's metadata, refused when it is not flat (relations and embedded columns need TypeORM's hydration). */
function flatMetadata(dataSource: DataSource, target: EntityTarget<ObjectLiteral>) {
  const metadata = dataSource.getMetadata(target);
  if (metadata.relations.length > 0 || metadata.embeddeds.length > 0)
    throw new Error(`findIn reads flat entities only; ${metadata.name} has relations or embedded columns.`);
  return metadata;
}

function prepare<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  column: keyof T & string,
  options: FindInOptions<T>,
  alongs: { via: string; target: EntityTarget<ObjectLiteral> }[],
): PreparedRead {
  const metadata = flatMetadata(dataSource, target);
  const byProperty = (property: string): ColumnMetadata => {
    const found = metadata.findColumnWithPropertyName(property);
    if (!found) throw new Error(`${metadata.name} has no column ${property}.`);
    return found;
  };
  const selectable = (m: typeof metadata) => m.columns.filter((c) => c.isSelect && !c.isVirtual);
  const quoted = (c: ColumnMetadata) => `"${c.databaseName}"`;
  // Without anything read along, no alias: the statement stays the one findIn always prepared.
  const t = alongs.length ? "t." : "";
  const key = byProperty(column);
  const conditions = [`${t}${quoted(key)} = ANY($1::${dataSource.driver.normalizeType(key)}[])`];
  for (const [property, isNull] of Object.entries(options.isNull ?? {}))
    conditions.push(`${t}${quoted(byProperty(property))} IS ${isNull ? "" : "NOT "}NULL`);
  const order = Object.entries(options.order ?? {}).map(([p, dir]) => `${t}${quoted(byProperty(p))} ${dir}`);
  const main: ReadEntity = {
    columns: selectable(metadata).map((c) => ({ column: c, alias: c.databaseName })),
    create: () => metadata.create() as ObjectLiteral,
  };
  const select = main.columns.map((c) => `${t}${quoted(c.column)}`);
  const joins: string[] = [];
  const along = alongs.map((a, i) => {
    const other = flatMetadata(dataSource, a.target);
    if (other.primaryColumns.length !== 1)
      throw new Error(`findInWith reads along entities with one primary key; ${other.name} has not.`);
    const columns = selectable(other).map((c) => ({ column: c, alias: `j${i}.${c.databaseName}` }));
    select.push(...columns.map((c) => `j${i}.${quoted(c.column)} AS "${c.alias}"`));
    joins.push(
      ` LEFT JOIN "${other.tablePath}" j${i} ON j${i}.${quoted(other.primaryColumns[0])} = t.${quoted(byProperty(a.via))}`,
    );
    return {
      columns,
      create: () => other.create() as ObjectLiteral,
      via: a.via,
      primary: `j${i}.${other.primaryColumns[0].databaseName}`,
    };
  });
  const text =
    `SELECT ${select.join(", ")} FROM "${metadata.tablePath}"${t ? " t" : ""}${joins.join("")}` +
    ` WHERE ${conditions.join(" AND ")}` +
    (order.length ? ` ORDER BY ${order.join(", ")}` : "");
  return {
    // A prepared statement's name must stand for one text on every connection: named after the text itself.
    name: `rows_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`,
    text,
    main,
    along,
  };
}

/** One entity of a result row, each value converted by TypeORM's driver as its own hydration would. */
function hydrate(dataSource: DataSource, read: ReadEntity, row: Record<string, unknown>): ObjectLiteral {
  const entity = read.create();
  for (const { column, alias } of read.columns)
    column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(row[alias], column));
  return entity;
}

async function readIn<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  column: keyof T & string,
  keys: readonly unknown[],
  options: FindInOptions<T>,
  alongs: { via: string; target: EntityTarget<ObjectLiteral> }[],
): Promise<{ read: PreparedRead; rows: Record<string, unknown>[] }> {
  let cache = prepared.get(dataSource);
  if (!cache) prepared.set(dataSource, (cache = new Map()));
  const names = alongs.map((a) => `${a.via}>${dataSource.getMetadata(a.target).name}`);
  const shape = `${dataSource.getMetadata(target).name}|${column}|${JSON.stringify(options)}|${names.join(",")}`;
  let read = cache.get(shape);
  if (!read) cache.set(shape, (read = prepare(dataSource, target, column, options, alongs)));
  const values = [[...keys]];
  dataSource.logger.logQuery(read.text, values);
  const pool = pgPoolOf(dataSource);
  const rows: Record<string, unknown>[] = pool
    ? (await pool.query({ name: read.name, text: read.text, values })).rows
    : await dataSource.query(read.text, values);
  return { read, rows };
}

/**
 * The entities whose `column` is one of `keys`: what `repository.find({ where: { [column]: In(keys), … },
 * order })` returns, for the loaders every request runs. One prepared statement (parsed and planned once
 * per connection) and each value converted by TypeORM's driver as its own hydration would
 * (prepareHydratedValue), without its query builder, which cost the subgraphs more CPU per request
 * than the statement itself. Counted like every other statement (QueryCounter).
 */
export async function findIn<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  column: keyof T & string,
  keys: readonly unknown[],
  options: FindInOptions<T> = {},
): Promise<T[]> {
  if (keys.length === 0) return [];
  const { read, rows } = await readIn(dataSource, target, column, keys, options, []);
  return rows.map((row) => hydrate(dataSource, read.main, row) as T);
}

/**
 * `findIn`, with the rows each one's foreign keys name read in the same statement (LEFT JOIN) and primed
 * into their loaders: a placement with its site and room, a referral with its service. A page then costs
 * the same statements whoever is on it, where a loader of its own would run only when some row has such a
 * key. A key whose row is gone is primed as null, as its loader would answer. A loader already holding a
 * key keeps what it holds (DataLoader's prime).
 */
export async function findInWith<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  column: keyof T & string,
  keys: readonly unknown[],
  options: FindInOptions<T>,
  along: ReadAlong<T>[],
): Promise<T[]> {
  if (keys.length === 0) return [];
  const { read, rows } = await readIn(dataSource, target, column, keys, options, along);
  const out: T[] = [];
  const primed = along.map(() => new Set<string>());
  for (const row of rows) {
    const entity = hydrate(dataSource, read.main, row) as T;
    read.along.forEach((a, i) => {
      const via = entity[a.via as keyof T] as unknown;
      if (typeof via !== "string" || primed[i].has(via)) return;
      primed[i].add(via);
      along[i].loader.prime(via, row[a.primary] === null ? null : hydrate(dataSource, a, row));
    });
    out.push(entity);
  }
  return out;
}
