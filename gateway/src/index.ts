import {
  describeError,
  envPort,
  onParentGone,
  shutdownGraceMs,
  stopOnSignals,
  subgraphUrlsFromEnv,
} from "@reception-graph/kit";
import { createTokenVerifier } from "./auth";
import { authConfigFromEnv, internalSignerFromEnv, loadSupergraph } from "./config";
import { createGatewayServer } from "./server";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";

/** Runs the gateway as its own process. */
async function main() {
  // A bad SHUTDOWN_GRACE_MS stops the start, not the shutdown.
  const graceMs = shutdownGraceMs();
  const server = await createGatewayServer({
    supergraphSdl: loadSupergraph(),
    subgraphUrls: subgraphUrlsFromEnv(),
    verifyToken: createTokenVerifier(authConfigFromEnv()),
    internalTokens: await internalSignerFromEnv(),
  });
  const url = await server.listen(envPort("gateway"), process.env.HOST ?? "127.0.0.1");
  console.log(`[gateway] explorer at ${url}/ , GraphQL at ${url}/graphql`);
  onParentGone(stopOnSignals("gateway", () => server.stop(), graceMs));
}

main().catch((e) => {
  console.error("[gateway] failed to start", describeError(e));
  process.exit(1);
});
