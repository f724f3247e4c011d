import { gatewayQuery, RunningGraph } from "../graph";
import { createModuleServer, SubgraphName, SubgraphServer } from "@reception-graph/kit";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createTokenVerifier } from "../../../gateway/src/auth";
import { createGatewayServer, GatewayServer } from "../../../gateway/src/server";
import { ALL_SUBGRAPHS } from "../../../scripts/subgraphs";
import { createDatabase, CreatedDatabase, migratedDatabase, TestDatabase } from "../db";

import { TEST_INTERNAL_KEYS, TEST_JWT_SECRET, testInternalSigner, testInternalVerifier } from "../tokens";
import { ServiceProcess, startServiceProcess } from "./process";
import { startTcpProxy, TcpProxy } from "./tcp-proxy";

export interface GraphWithProcess {
  /** Gateway base URL. */
  url: string;
  /** The subgraph run as its own process (pause, resume, kill). */
  process: ServiceProcess;
  /** The proxy every other part reaches that subgraph through (delay, cut, restore). */
  proxy: TcpProxy;
  /** The subgraph's database: the process serves on it as its application role. */
  database: CreatedDatabase;
  /** With `databaseProxy`: the proxy between the process and its database server (delay, cut, restore). */
  databaseProxy: TcpProxy | null;
  /** Sends an operation through the gateway as a caller with a purpose. */
  query: RunningGraph["query"];
  stop(): Promise<void>;
}

export interface GraphWithProcessOptions {
  /** The subgraph run as its own process, behind a TCP proxy. */
  subgraph: SubgraphName;
  /** The gateway's timeout for every subgraph; the subgraphs wait half as long for a peer (PEER_TIMEOUT_MS). */
  timeoutMs: number;
  /** Database URLs for the process instead of a fresh database on the test server (e.g. a server the test restarts). */
  database?: CreatedDatabase;
  /** Puts a TCP proxy between the process and its PostgreSQL server, to slow down or cut that link. */
  databaseProxy?: boolean;
}

/** The same database URL, through a proxy on loopback. */
function throughProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = "127.0.0.1";
  u.port = String(proxy.port);
  return u.toString();
}

/**
 * The graph for fault tests: the gateway and three subgraphs in this process (as startGraph runs them), and
 * one subgraph as a process of its own, as `npm start` runs it, reached by every other part through a TCP
 * proxy, so that a test can stop it (SIGSTOP), slow its link down, or refuse its connections.
 */
export async function startGraphWithProcess(opts: GraphWithProcessOptions): Promise<GraphWithProcess> {
  const dbs: TestDatabase[] = [];
  const servers: SubgraphServer[] = [];
  const subgraphUrls: Record<string, string> = {};
  let gateway: GatewayServer | null = null;
  let child: ServiceProcess | null = null;
  let proxy: TcpProxy | null = null;
  let databaseProxy: TcpProxy | null = null;
  let database: CreatedDatabase | null = opts.database ?? null;
  const ownDatabase = !opts.database;
  // Peers time out before the gateway does, so the error names the partner that is down (the kit reads it per call).
  const previousPeerTimeout = process.env.PEER_TIMEOUT_MS;
  const peerTimeout = String(Math.max(1, Math.floor(opts.timeoutMs / 2)));
  process.env.PEER_TIMEOUT_MS = peerTimeout;
  const stop = async () => {
    if (previousPeerTimeout === undefined) delete process.env.PEER_TIMEOUT_MS;
    else process.env.PEER_TIMEOUT_MS = previousPeerTimeout;
    await gateway?.stop();
    if (child) {
      child.kill("SIGKILL");
      await child.exited;
    }
    await proxy?.close();
    await databaseProxy?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(dbs.map((d) => d.close()));
    if (ownDatabase) await database?.drop();
  };
  try {
    for (const module of ALL_SUBGRAPHS.filter((m) => m.name !== opts.subgraph)) {
      const db = await migratedDatabase(module);
      dbs.push(db);
      const server = await createModuleServer(module, db.dataSource, await testInternalVerifier(), subgraphUrls);
      servers.push(server);
      subgraphUrls[module.name] = await server.listen(0);
    }
    database ??= await createDatabase(`test_${opts.subgraph}`);
    const upper = opts.subgraph.toUpperCase();
    if (opts.databaseProxy) {
      const server = new URL(database.url);
      databaseProxy = await startTcpProxy({ host: server.hostname, port: Number(server.port) || 5432 });
    }
    const viaProxy = (url: string) => (databaseProxy ? throughProxy(url, databaseProxy) : url);
    child = await startServiceProcess({
      entry: `subgraphs/${opts.subgraph}/src/main.ts`,
      portVariable: `${upper}_PORT`,
      env: {
        [`${upper}_DATABASE_URL`]: viaProxy(database.url),
        [`${upper}_MIGRATION_DATABASE_URL`]: viaProxy(database.ownerUrl),
        INTERNAL_TOKEN_PUBLIC_KEYS: TEST_INTERNAL_KEYS.publicKeyPem,
        PEER_TIMEOUT_MS: peerTimeout,
        ...Object.fromEntries(Object.entries(subgraphUrls).map(([n, u]) => [`${n.toUpperCase()}_URL`, u])),
      },
    });
    proxy = await startTcpProxy({ port: Number(new URL(child.url).port) });
    subgraphUrls[opts.subgraph] = proxy.url("/graphql");
    gateway = await createGatewayServer({
      supergraphSdl: readFileSync(join(__dirname, "..", "..", "..", "schema", "supergraph.graphql"), "utf8"),
      subgraphUrls,
      verifyToken: createTokenVerifier({ jwtSecret: TEST_JWT_SECRET }),
      internalTokens: await testInternalSigner(),
      subgraphTimeoutsMs: Object.fromEntries(ALL_SUBGRAPHS.map((m) => [m.name, opts.timeoutMs])),
    });
    const url = await gateway.listen(0);
    return {
      url,
      process: child,
      proxy,
      database,
      databaseProxy,
      query: gatewayQuery(`${url}/graphql`),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
