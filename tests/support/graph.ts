import { createModuleServer, Purpose, SubgraphServer } from "@reception-graph/kit";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { createTokenVerifier } from "../../gateway/src/auth";
import { createGatewayServer, GatewayServer } from "../../gateway/src/server";
import { ALL_SUBGRAPHS } from "../../scripts/subgraphs";
import { migratedDatabase, TestDatabase } from "./db";
import { GqlResponse, postGraphql } from "./graphql";
import { callerToken, TEST_JWT_SECRET, testInternalSigner, testInternalVerifier, TokenClaims } from "./tokens";

export interface RunningGraph {
  /** Gateway base URL (explorer at /, GraphQL at /graphql). */
  url: string;
  graphqlUrl: string;
  subgraphUrls: Record<string, string>;
  /** Each subgraph's data source, connected as its application role like the subgraph itself. */
  dataSources: Record<string, DataSource>;
  /** Each subgraph's test database: its roles, and queries as the owner or the superuser. */
  databases: Record<string, TestDatabase>;
  /** Sends an operation through the gateway as a caller with a purpose. */
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    as?: TokenClaims,
    purpose?: Purpose | null,
  ): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

/** Sends operations through a gateway at `graphqlUrl` as a caller (a social worker by default) with a purpose. */
export function gatewayQuery(graphqlUrl: string): RunningGraph["query"] {
  return async (query, variables = {}, as = { roles: ["SOCIAL_WORKER"] }, purpose = "CASE_MANAGEMENT") => {
    const headers: Record<string, string> = { authorization: `Bearer ${await callerToken(as)}` };
    if (purpose) headers["x-purpose"] = purpose;
    return postGraphql(graphqlUrl, query, variables, headers);
  };
}

/** All four subgraphs (each on its own fresh database) and the gateway, on loopback, from the committed supergraph. */
export async function startGraph(): Promise<RunningGraph> {
  const dbs: Record<string, TestDatabase> = {};
  const servers: SubgraphServer[] = [];
  const subgraphUrls: Record<string, string> = {};
  let gateway: GatewayServer | null = null;
  const stop = async () => {
    await gateway?.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(Object.values(dbs).map((d) => d.close()));
  };
  try {
    for (const module of ALL_SUBGRAPHS) {
      dbs[module.name] = await migratedDatabase(module);
      // Filled in as each subgraph starts: peers ask each other scope questions at request time.
      const server = await createModuleServer(
        module,
        dbs[module.name].dataSource,
        await testInternalVerifier(),
        subgraphUrls,
      );
      servers.push(server);
      subgraphUrls[module.name] = await server.listen(0);
    }
    gateway = await createGatewayServer({
      supergraphSdl: readFileSync(join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8"),
      subgraphUrls,
      verifyToken: createTokenVerifier({ jwtSecret: TEST_JWT_SECRET }),
      internalTokens: await testInternalSigner(),
    });
    const url = await gateway.listen(0);
    const graphqlUrl = `${url}/graphql`;
    return {
      url,
      graphqlUrl,
      subgraphUrls,
      dataSources: Object.fromEntries(Object.entries(dbs).map(([k, v]) => [k, v.dataSource])),
      databases: dbs,
      query: gatewayQuery(graphqlUrl),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
