import { createHash } from "node:crypto";
import { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";

/** Which rows a loader wants besides the keys: columns null (true) or not null (false), and their order. */
export interface FindInOptions<T> {
  isNull?: Partial<Record<keyof T & string, boolean>>;
  order?: Partial<Record<keyof T & string, "ASC" | "DESC">>;
}

/** What a prepared read of one entity needs, computed once per data source, entity and shape of query. */
interface PreparedRead {
  name: string;
  text: string;
  columns: ColumnMetadata[];
  create: () => ObjectLiteral;
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

function prepare<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  column: keyof T & string,
  options: FindInOptions<T>,
): PreparedRead {
  const metadata = dataSource.getMetadata(target);
  // Relations and embedded columns need TypeORM's own hydration; no entity read here has them.
  if (metadata.relations.length > 0 || metadata.embeddeds.length > 0)
    throw new Error(`findIn reads flat entities only; ${metadata.name} has relations or embedded columns.`);
  const byProperty = (property: string): ColumnMetadata => {
    const found = metadata.findColumnWithPropertyName(property);
    if (!found) throw new Error(`${metadata.name} has no column ${property}.`);
    return found;
  };
  const key = byProperty(column);
  const columns = metadata.columns.filter((c) => c.isSelect && !c.isVirtual);
  const quoted = (c: ColumnMetadata) => `"${c.databaseName}"`;
  const conditions = [`${quoted(key)} = ANY($1::${dataSource.driver.normalizeType(key)}[])`];
  for (const [property, isNull] of Object.entries(options.isNull ?? {}))
    conditions.push(`${quoted(byProperty(property))} IS ${isNull ? "" : "NOT "}NULL`);
  const order = Object.entries(options.order ?? {}).map(([p, dir]) => `${quoted(byProperty(p))} ${dir}`);
  const text =
    `SELECT ${columns.map(quoted).join(", ")} FROM "${metadata.tablePath}" WHERE ${conditions.join(" AND ")}` +
    (order.length ? ` ORDER BY ${order.join(", ")}` : "");
  return {
    // A prepared statement's name must stand for one text on every connection: named after the text itself.
    name: `rows_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`,
    text,
    columns,
    create: () => metadata.create() as ObjectLiteral,
  };
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
  let cache = prepared.get(dataSource);
  if (!cache) prepared.set(dataSource, (cache = new Map()));
  const shape = `${dataSource.getMetadata(target).name}|${column}|${JSON.stringify(options)}`;
  let read = cache.get(shape);
  if (!read) cache.set(shape, (read = prepare(dataSource, target, column, options)));
  const values = [[...keys]];
  dataSource.logger.logQuery(read.text, values);
  const pool = pgPoolOf(dataSource);
  const rows: Record<string, unknown>[] = pool
    ? (await pool.query({ name: read.name, text: read.text, values })).rows
    : await dataSource.query(read.text, values);
  const driver = dataSource.driver;
  return rows.map((row) => {
    const entity = read.create();
    for (const c of read.columns) c.setEntityValue(entity, driver.prepareHydratedValue(row[c.databaseName], c));
    return entity as T;
  });
}
