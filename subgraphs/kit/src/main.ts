import { envPort, requireEnv, subgraphDatabaseUrl } from "./config";
import { createModuleServer, createSubgraphDataSource, openDatabase, SubgraphModule } from "./subgraph";

/** Runs one subgraph as its own process: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export async function runSubgraphProcess(module: SubgraphModule): Promise<void> {
  const dataSource = createSubgraphDataSource(module, subgraphDatabaseUrl(module.name));
  await openDatabase(dataSource);
  const server = await createModuleServer(module, dataSource, requireEnv("INTERNAL_TOKEN_SECRET"));
  const host = process.env.HOST ?? "127.0.0.1";
  const url = await server.listen(envPort(module.name), host);
  console.log(`[${module.name}] subgraph ready at ${url}`);
  const shutdown = async () => {
    await server.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}
