import { InternalTokenVerifier } from "./auth/internal-token";
import { DEFAULT_PORTS, envPort, requireEnv, SUBGRAPH_NAMES, subgraphDatabaseUrls } from "./config";
import { shutdownGraceMs, stopOnSignals } from "./graceful-shutdown";
import { serviceLogger, startTracing, stopTracing } from "./observability";
import { createModuleServer, openSubgraphDatabase, SubgraphModule } from "./subgraph";

/**
 * Runs one subgraph as its own process: migrate as the owner role, serve as the
 * application role, stop on SIGTERM/SIGINT without cutting requests in flight
 * (graceful-shutdown.ts).
 */
export async function runSubgraphProcess(module: SubgraphModule): Promise<void> {
  // A bad SHUTDOWN_GRACE_MS stops the start, not the shutdown.
  const graceMs = shutdownGraceMs();
  startTracing(module.name);
  const dataSource = await openSubgraphDatabase(module, subgraphDatabaseUrls(module.name));
  const server = await createModuleServer(
    module,
    dataSource,
    await InternalTokenVerifier.fromPem(requireEnv("INTERNAL_TOKEN_PUBLIC_KEYS")),
    subgraphUrlsFromEnv(),
  );
  const host = process.env.HOST ?? "127.0.0.1";
  const url = await server.listen(envPort(module.name), host);
  serviceLogger(module.name).info({ url }, `subgraph ready at ${url}`);
  // Drain first (requests in flight still use the pool), then close the pool. A request cut after the grace period
  // may still wait in PostgreSQL (for a lock, say): its connection ends with the process, rolling its transaction back.
  const shutdown = stopOnSignals(
    module.name,
    async () => {
      const report = await server.stop();
      if (report.cut === 0) await dataSource.destroy();
      await stopTracing();
      return report;
    },
    graceMs,
  );
  onParentGone(shutdown);
}

/**
 * When started by a launcher with an IPC channel (npm start), stop once that
 * channel closes: a launcher killed outright leaves no orphaned servers behind.
 */
export function onParentGone(stop: () => void): void {
  if (process.send) process.once("disconnect", stop);
}

/** Peer subgraph URLs: <NAME>_URL, else 127.0.0.1 on <NAME>_PORT (or its default). */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const upper = name.toUpperCase();
    urls[name] = env[`${upper}_URL`] || `http://127.0.0.1:${env[`${upper}_PORT`] || DEFAULT_PORTS[name]}/graphql`;
  }
  return urls;
}
