import { describeError, envPort, onParentGone, subgraphUrlsFromEnv } from "@reception-graph/kit";
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
  const server = await createGatewayServer({
    supergraphSdl: loadSupergraph(),
    subgraphUrls: subgraphUrlsFromEnv(),
    verifyToken: createTokenVerifier(authConfigFromEnv()),
    internalTokens: await internalSignerFromEnv(),
    subgraphTimeoutsMs: subgraphTimeoutsFromEnv(),
  });
  const url = await server.listen(envPort("gateway"), process.env.HOST ?? "127.0.0.1");
  console.log(`[gateway] explorer at ${url}/ , GraphQL at ${url}/graphql`);
  const shutdown = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  onParentGone(shutdown);
}

main().catch((e) => {
  // A setting it cannot start with is one line for the operator (which file or variable, what is wrong), no stack.
  if (e instanceof StartupRefusal) console.error(`[gateway] refusing to start: ${e.message}`);
  else console.error("[gateway] failed to start", describeError(e));
  process.exit(1);
});
