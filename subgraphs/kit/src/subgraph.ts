import { GraphQLSchema } from "graphql";
import { DataSource, MixedList } from "typeorm";
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

/** Connects and brings the database to the latest migration. */
export async function openDatabase(dataSource: DataSource): Promise<DataSource> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  return dataSource;
}
