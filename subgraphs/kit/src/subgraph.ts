import { GraphQLSchema } from "graphql";
import { DataSource, MixedList } from "typeorm";
import { InternalTokenVerifier } from "./auth/internal-token";
import { SubgraphName } from "./config";
import { ContextParts } from "./context";
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

export function createSubgraphDataSource(module: SubgraphModule, url: string, poolSize?: number): DataSource {
  return createDataSource({
    name: module.name,
    url,
    entities: module.entities,
    migrations: module.migrations,
    poolSize,
  });
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
