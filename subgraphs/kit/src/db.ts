import { types } from "pg";
import { DataSource, Logger, MixedList, QueryRunner } from "typeorm";
import { AuditLogRecord } from "./audit/audit-log-record.entity";
import { AuditLog1763900000000 } from "./audit/audit-log.migration";
import { AuditRecords1764950000000 } from "./audit/audit-records.migration";
import { APPLICATION_ROLE_SETTING, assertRoleName, DatabaseRoles1764950100000 } from "./database-roles";
import { describeError } from "./error-log";
import { IdempotencyKeys1763900000001, IdempotencyKeysBySubject1763900000002 } from "./idempotency";
import type { Logger as PinoLogger } from "pino";
import { serviceLogger } from "./observability/logger";

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
  // Created on first use: most data sources never log.
  private logger: PinoLogger | null = null;
  private log_(): PinoLogger {
    return (this.logger ??= serviceLogger(this.name));
  }
  // Parameters are never printed, not even in debug mode: they are the names, birth dates and certificate numbers.
  logQuery(query: string, parameters?: unknown[]): void {
    this.count++;
    if (this.debug) this.log_().debug({ parameterCount: parameters?.length ?? 0 }, query);
  }
  logQueryError(error: string | Error, query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    if (this.debug) this.log_().error({ error: describeError(error), sql: query }, "query failed");
  }
  logQuerySlow(time: number, query: string): void {
    this.log_().warn({ durationMs: time, sql: query.slice(0, 200) }, "slow query");
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (this.debug) this.log_().info(message);
  }
  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") this.log_().warn(String(message));
    else if (this.debug) this.log_().info(String(message));
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
