import { types } from "pg";
import { DataSource, Logger, MixedList, QueryRunner } from "typeorm";
import { AuditLogRecord } from "./audit/audit-log-record.entity";
import { AuditLog1763900000000 } from "./audit/audit-log.migration";
import { AuditRecords1764950000000 } from "./audit/audit-records.migration";
import { APPLICATION_ROLE_SETTING, assertRoleName, DatabaseRoles1764950100000 } from "./database-roles";
import { describeError } from "./error-log";
import { IdempotencyKeys1763900000001, IdempotencyKeysBySubject1763900000002 } from "./idempotency";

// A SQL `date` is a calendar day: keep it as the 'YYYY-MM-DD' text PostgreSQL sends,
// instead of node-postgres' default of a JS Date at local midnight (which shifts days across time zones).
types.setTypeParser(types.builtins.DATE, (v) => v);
// bigint counts (COUNT(*)) fit easily in a JS number here.
types.setTypeParser(types.builtins.INT8, (v) => Number(v));
types.setTypeParser(types.builtins.NUMERIC, (v) => Number(v));

/**
 * Counts the SQL statements a data source sends (tests use it to prove that
 * loaders keep the number of queries independent of the number of items) and
 * prints them when LOG_LEVEL=debug.
 */
export class QueryCounter implements Logger {
  count = 0;
  constructor(
    private readonly name: string,
    private readonly debug = process.env.LOG_LEVEL === "debug",
  ) {}
  // Parameters are never printed, not even in debug mode: they are the names, birth dates and certificate numbers.
  logQuery(query: string, parameters?: unknown[]): void {
    this.count++;
    if (this.debug)
      console.debug(`[${this.name}] ${query}${parameters?.length ? ` (${parameters.length} parameters)` : ""}`);
  }
  logQueryError(error: string | Error, query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    if (this.debug) console.error(`[${this.name}] query failed: ${describeError(error)}\n  in: ${query}`);
  }
  logQuerySlow(time: number, query: string): void {
    console.warn(`[${this.name}] slow query (${time} ms): ${query.slice(0, 200)}`);
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (this.debug) console.info(`[${this.name}] ${message}`);
  }
  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn" || this.debug) console.warn(`[${this.name}] ${String(message)}`);
  }
}

export interface DataSourceOptions {
  /** Subgraph name, for logs. */
  name: string;
  url: string;
  entities: MixedList<Function>;
  /** Migration classes, oldest first; the kit's audit log and idempotency migrations are added around them. */
  migrations: Function[];
  poolSize?: number;
  /**
   * On the owner's connection that migrates: the application role the
   * migrations grant to (sent as the session setting reception.app_role).
   */
  applicationRole?: string;
}

/** A subgraph's own database. Migrations only: the schema is never synchronised from entities. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: "postgres",
    url: options.url,
    entities: [AuditLogRecord, ...(options.entities as Function[])],
    migrations: [
      AuditLog1763900000000,
      IdempotencyKeys1763900000001,
      IdempotencyKeysBySubject1763900000002,
      ...options.migrations,
      // After every subgraph's own migrations (TypeORM orders by timestamp): reshapes the audit table of issue 11.
      AuditRecords1764950000000,
      // After the audit table's new shape: its grants cover it, and its default privileges cover later migrations.
      DatabaseRoles1764950100000,
    ],
    migrationsTableName: "migrations",
    synchronize: false,
    migrationsRun: false,
    uuidExtension: "pgcrypto",
    logger: new QueryCounter(options.name),
    maxQueryExecutionTime: 2000,
    extra: {
      max: options.poolSize ?? 10,
      application_name: `reception-graph-${options.name}`,
      ...(options.applicationRole
        ? { options: `-c ${APPLICATION_ROLE_SETTING}=${assertRoleName(options.applicationRole)}` }
        : {}),
    },
  });
}

/** Number of statements sent so far through a data source made by createDataSource. */
export function queryCount(dataSource: DataSource): number {
  const logger = dataSource.logger;
  return logger instanceof QueryCounter ? logger.count : 0;
}
