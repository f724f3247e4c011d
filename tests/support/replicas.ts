import {
  createModuleServer,
  createSubgraphDataSource,
  openSubgraphDatabase,
  SubgraphServer,
} from "@reception-graph/kit";
import { readFileSync } from "node:fs";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { createTokenVerifier } from "../../gateway/src/auth";
import { createGatewayServer, GatewayServer } from "../../gateway/src/server";
import { ALL_SUBGRAPHS } from "../../scripts/subgraphs";
import { createDatabase, migratedDatabase, TestDatabase } from "./db";
import { gatewayQuery, RunningGraph } from "./graph";

import { TEST_JWT_SECRET, testInternalSigner, testInternalVerifier } from "./tokens";

/** One replica of a subgraph: its own server and its own connection pool, on the subgraph's one database. */
export interface SubgraphReplica {
  url: string;
  dataSource: DataSource;
  /** GraphQL requests this replica has answered (from the gateway or a peer). */
  requests(): number;
  stop(): Promise<void>;
}

export interface ReplicatedGraph {
  /** Gateway A: housing at replica 1. Each view takes the fixtures (tests/support/fixtures.ts) like startGraph's graph. */
  a: RunningGraph;
  /** Gateway B: housing at replica 2. */
  b: RunningGraph;
  /** The two housing replicas: [0] behind gateway A (and the peers' scope questions), [1] behind gateway B. */
  housing: [SubgraphReplica, SubgraphReplica];
  dataSources: Record<string, DataSource>;
  databases: Record<string, TestDatabase>;
  stop(): Promise<void>;
}

/** Listens on loopback with a count of the GraphQL requests the app answers. */
async function listenCounting(server: SubgraphServer): Promise<{ url: string; http: Server; count: () => number }> {
  let count = 0;
  const http = createServer((req, res) => {
    if (req.url?.startsWith("/graphql")) count++;
    server.app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(0, "127.0.0.1", resolve);
  });
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, http, count: () => count };
}

/**
 * The graph as a cluster runs it, on loopback: two gateways and two replicas of
 * housing, each replica with its own server and connection pool on the same
 * housing database (both open the fresh database at once, as a rollout starts
 * them: each migrates under the kit's lock), plus social, care and education once each.
 * Nothing is shared between the replicas but PostgreSQL. Gateway A sends
 * housing's part of a request to replica 1, gateway B to replica 2.
 */
export async function startReplicatedGraph(): Promise<ReplicatedGraph> {
  const dbs: Record<string, TestDatabase> = {};
  const servers: SubgraphServer[] = [];
  const listeners: Server[] = [];
  const replicaSources: DataSource[] = [];
  const gateways: GatewayServer[] = [];
  const peerUrls: Record<string, string> = {};
  const stop = async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await Promise.all(listeners.map((l) => new Promise<void>((resolve) => l.close(() => resolve()))));
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(replicaSources.map((d) => (d.isInitialized ? d.destroy() : undefined)));
    await Promise.all(Object.values(dbs).map((d) => d.close()));
  };
  try {
    const verifier = await testInternalVerifier();
    const housingReplicas: SubgraphReplica[] = [];
    for (const module of ALL_SUBGRAPHS) {
      if (module.name !== "housing") {
        dbs[module.name] = await migratedDatabase(module);
        const server = await createModuleServer(module, dbs[module.name].dataSource, verifier, peerUrls);
        servers.push(server);
        peerUrls[module.name] = await server.listen(0);
        continue;
      }
      // A fresh database that both replicas migrate at once, as a rollout starts them.
      const created = await createDatabase("test_housing");
      const sources = await Promise.all(
        [1, 2].map(() => openSubgraphDatabase(module, { application: created.url, migration: created.ownerUrl })),
      );
      replicaSources.push(...sources);
      // The tests' own connection, as the application role like the replicas.
      const own = await createSubgraphDataSource(module, created.url, 2).initialize();
      dbs.housing = {
        ...created,
        dataSource: own,
        async close() {
          await own.destroy();
          await created.drop();
        },
      };
      for (const dataSource of sources) {
        const server = await createModuleServer(module, dataSource, verifier, peerUrls);
        servers.push(server);
        const { url, http, count } = await listenCounting(server);
        listeners.push(http);
        housingReplicas.push({
          url,
          dataSource,
          requests: count,
          stop: async () => {
            await new Promise<void>((resolve) => {
              http.closeAllConnections();
              http.close(() => resolve());
            });
          },
        });
      }
      peerUrls.housing = housingReplicas[0].url;
    }
    const supergraphSdl = readFileSync(join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8");
    const signer = await testInternalSigner();
    const dataSources = Object.fromEntries(Object.entries(dbs).map(([k, v]) => [k, v.dataSource]));
    const view = async (housingUrl: string): Promise<RunningGraph> => {
      const subgraphUrls = { ...peerUrls, housing: housingUrl };
      const gateway = await createGatewayServer({
        supergraphSdl,
        subgraphUrls,
        verifyToken: createTokenVerifier({ jwtSecret: TEST_JWT_SECRET }),
        internalTokens: signer,
      });
      gateways.push(gateway);
      const url = await gateway.listen(0);
      const graphqlUrl = `${url}/graphql`;
      return {
        url,
        graphqlUrl,
        subgraphUrls,
        dataSources,
        databases: dbs,
        query: gatewayQuery(graphqlUrl),
        stop,
      };
    };
    const a = await view(housingReplicas[0].url);
    const b = await view(housingReplicas[1].url);
    return {
      a,
      b,
      housing: [housingReplicas[0], housingReplicas[1]],
      dataSources,
      databases: dbs,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
