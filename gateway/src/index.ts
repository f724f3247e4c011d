import {
  describeError,
  envPort,
  onParentGone,
  serviceLogger,
  shutdownGraceMs,
  startTracing,
  stopOnSignals,
  stopTracing,
  subgraphUrlsFromEnv,
} from "@reception-graph/kit";
import { createTokenVerifier } from "./auth";
import {
  authConfigFromEnv,
  internalSignerFromEnv,
  loadSupergraph,
  StartupRefusal,
  subgraphTimeoutsFromEnv,
} from "./config";
import { createGatewayServer } from "./server";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";

/** Runs the gateway as its own process. */
async function main() {
  // A bad SHUTDOWN_GRACE_MS stops the start, not the shutdown.
  const graceMs = shutdownGraceMs();
  startTracing("gateway");
  const server = await createGatewayServer({
    supergraphSdl: loadSupergraph(),
    subgraphUrls: subgraphUrlsFromEnv(),
    verifyToken: createTokenVerifier(authConfigFromEnv()),
    internalTokens: await internalSignerFromEnv(),
    subgraphTimeoutsMs: subgraphTimeoutsFromEnv(),
  });
  const url = await server.listen(envPort("gateway"), process.env.HOST ?? "127.0.0.1");
  serviceLogger("gateway").info({ url }, `explorer at ${url}/ , GraphQL at ${url}/graphql`);
  onParentGone(
    stopOnSignals(
      "gateway",
      async () => {
        const report = await server.stop();
        // The last spans of the drained requests leave before the process ends.
        await stopTracing();
        return report;
      },
      graceMs,
    ),
  );
}

main().catch((e) => {
  // A setting it cannot start with is one line for the operator (which file or variable, what is wrong), no stack.
  if (e instanceof StartupRefusal) console.error(`[gateway] refusing to start: ${e.message}`);
  else console.error("[gateway] failed to start", describeError(e));
  process.exit(1);
});
