import { createModuleServer, Purpose, SubgraphModule, SubgraphServer } from "@reception-graph/kit";
import { migratedDatabase, TestDatabase } from "./db";
import { GqlResponse, postGraphql } from "./graphql";
import { internalToken, testInternalVerifier, TokenClaims } from "./tokens";

export interface RunningSubgraph {
  db: TestDatabase;
  server: SubgraphServer;
  url: string;
  /** Calls the subgraph as the gateway would, for a caller and purpose. */
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    as?: TokenClaims,
    purpose?: Purpose | null,
  ): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

/** One subgraph on its own fresh database, listening on a free loopback port. */
export async function startSubgraph(module: SubgraphModule): Promise<RunningSubgraph> {
  const db = await migratedDatabase(module);
  const server = await createModuleServer(module, db.dataSource, await testInternalVerifier());
  const url = await server.listen(0);
  return {
    db,
    server,
    url,
    async query(query, variables = {}, as = { roles: ["SOCIAL_WORKER"] }, purpose = "CASE_MANAGEMENT") {
      const token = await internalToken(as, purpose, [module.name]);
      return postGraphql(url, query, variables, { authorization: `Bearer ${token}` });
    },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
