import { GraphQLSchema } from "graphql";
import { DataSource, MigrationExecutor, MixedList } from "typeorm";
import { InternalTokenVerifier } from "./auth/internal-token";
import { SubgraphDatabaseUrls, SubgraphName } from "./config";
import { ContextParts } from "./context";
import { assertApplicationRole } from "./database-roles";
import { createDataSource } from "./db";
import { RetentionDeclaration } from "./retention";
import { createSubgraphServer, SubgraphServer } from "./server";

/**
 * What a subgraph package exports from its app.ts: enough to build its
 * schema (composition), its database (migrations) and its server (tests,
 * main.ts), without opening a port.
 */
export interface SubgraphModule<TLoaders = any> extends ContextParts<TLoaders> {
  name: SubgraphName;
  entities: MixedList<Function>;
  migrations: Function[];
  buildSchema(): Promise<GraphQLSchema>;
  /** Which tables and date columns hold which category, for the retention report (the audit log is added by the kit). */
  retention?: readonly RetentionDeclaration[];
}

/** A data source of the subgraph's database; `applicationRole` when it is the owner's, which migrates. */
export function createSubgraphDataSource(
  module: SubgraphModule,
  url: string,
  poolSize?: number,
  applicationRole?: string,
): DataSource {
  return createDataSource({
    name: module.name,
    url,
    entities: module.entities,
    migrations: module.migrations,
    poolSize,
    applicationRole,
  });
}

/** The role a database URL logs in as ("" when the URL names none). */
export function urlRole(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Migrates as the owner role (granting to the role of the application URL),
 * then connects as the application role and checks it can only do what the
 * code needs: the data source a subgraph serves with.
 */
export async function openSubgraphDatabase(
  module: SubgraphModule,
  urls: SubgraphDatabaseUrls,
  poolSize?: number,
): Promise<DataSource> {
  const owner = createSubgraphDataSource(module, urls.migration, 2, urlRole(urls.application) || undefined);
  try {
    await openDatabase(owner);
  } finally {
    if (owner.isInitialized) await owner.destroy();
  }
  const dataSource = createSubgraphDataSource(module, urls.application, poolSize);
  await dataSource.initialize();
  try {
    await assertApplicationRole(dataSource);
  } catch (e) {
    await dataSource.destroy();
    throw e;
  }
  return dataSource;
}

/** Builds the subgraph's server over an initialised data source. */
export async function createModuleServer(
  module: SubgraphModule,
  dataSource: DataSource,
  internalTokens: InternalTokenVerifier,
  peerUrls: Partial<Record<string, string>> = {},
): Promise<SubgraphServer> {
  return createSubgraphServer({
    name: module.name,
    schema: await module.buildSchema(),
    dataSource,
    internalTokens,
    peerUrls,
    loaders: module.loaders,
    ownScope: module.ownScope,
  });
}

/**
 * Key of the session-level advisory lock held while migrating. Advisory locks
 * are per database, so each subgraph's database has its own; the audit chain's
 * trigger uses another key (AUDIT_CHAIN_LOCK_KEY).
 */
export const MIGRATION_LOCK_KEY = 7513_0002;

/**
 * Connects and brings the database to the latest migration. Several replicas
 * of a subgraph migrate at start, and TypeORM takes no lock of its own: two
 * starting at once would both create the same tables and one would crash.
 * So the migrations run on one connection that first takes an advisory lock:
 * a second replica waits for it, then finds nothing left to run. The lock goes
 * with the session, so a replica killed while migrating frees it too.
 */
export async function openDatabase(dataSource: DataSource): Promise<DataSource> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = "each";
      await executor.executePendingMigrations();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1)`, [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
  return dataSource;
}
