import {
  DEFAULT_PORTS,
  renderLogLine,
  envPort,
  SHUTDOWN_CLOSE_MS,
  shutdownGraceMs,
  SUBGRAPH_NAMES,
  SubgraphDatabaseUrls,
  SubgraphName,
} from "@reception-graph/kit";
import { ChildProcess, spawn } from "node:child_process";
import { access, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { loadDemo } from "./demo";
import { redact, withDatabase } from "./postgres/databases";
import { freePort, RunningPostgres, startEmbeddedPostgres } from "./postgres/embedded";
import { asRole, provisionDatabase, roleNames } from "./postgres/roles";
import { dataDir, DevSecrets, ensureDevSecrets, signDevToken } from "./token";

/**
 * `npm start`: the whole graph on one machine. PostgreSQL (embedded, or the
 * server of DATABASE_URL), the four subgraphs and the gateway, each its own
 * process, the demo data of Ghent on first start, then the explorer URL and
 * where to find a development token (DATA_DIR/dev-token, mode 600; printed
 * with --print-token). Ctrl-C or SIGTERM stops the children, then PostgreSQL.
 */

const ROOT = resolve(__dirname, "..");
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;
const requestedLevel = (process.env.LOG_LEVEL || "info").toLowerCase();
const LOG_LEVEL: Level = requestedLevel in LEVELS ? (requestedLevel as Level) : "info";
const shows = (level: Level) => LEVELS[level] >= LEVELS[LOG_LEVEL];

function log(level: Level, message: string): void {
  if (!shows(level)) return;
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${message}\n`);
}

/** One child process of the graph, with its output passed through according to LOG_LEVEL. */
interface Child {
  name: string;
  port: number;
  process: ChildProcess;
  exited: Promise<number | null>;
}

const children: Child[] = [];
let postgres: RunningPostgres | null = null;
let stopping = false;

function startChild(name: string, entry: string, port: number, env: NodeJS.ProcessEnv): Child {
  const proc = spawn(process.execPath, ["-r", "@swc-node/register", entry], {
    cwd: ROOT,
    env,
    // Its own process group: Ctrl-C reaches the launcher only, which then stops the children in order.
    detached: true,
    // The IPC channel closes when the launcher dies, however it dies: the child then stops (onParentGone).
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  // The children log JSON lines (for a log collector); at a terminal each is shown as "[service] message",
  // unless LOG_FORMAT=json asks for them as they are.
  const pass = (fallback: Level) => (line: string) => {
    if (process.env.LOG_FORMAT === "json") return log(fallback, line);
    const rendered = renderLogLine(line);
    const level = rendered.level === "fatal" ? "error" : rendered.level === "trace" ? "debug" : rendered.level;
    log(rendered.text === line ? fallback : level, rendered.text);
  };
  createInterface({ input: proc.stdout! }).on("line", pass("info"));
  createInterface({ input: proc.stderr! }).on("line", pass("warn"));
  // "close", not "exit": by then the child's last lines (its "stopped" line) have been passed through.
  const exited = new Promise<number | null>((done) => proc.once("close", (code) => done(code)));
  const child = { name, port, process: proc, exited };
  children.push(child);
  void exited.then((code) => {
    if (!stopping) {
      log("error", `[start] ${name} stopped unexpectedly (exit code ${code}); stopping the graph.`);
      void shutdown(1);
    }
  });
  return child;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits until the child answers GET /ready with 200, or fails when it exits first. */
async function waitReady(child: Child, host: string, limitMs = 180_000): Promise<void> {
  let gone = false;
  void child.exited.then(() => (gone = true));
  const url = `http://${host}:${child.port}/ready`;
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (gone) throw new Error(`${child.name} exited before it was ready; see its messages above.`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`${child.name} was not ready at ${url} after ${limitMs / 1000} s.`);
}

function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((done) => {
    const srv = createServer();
    srv.once("error", () => done(false));
    srv.listen(port, host, () => srv.close(() => done(true)));
  });
}

/**
 * How long a child may take to stop after SIGTERM before it is killed: its own grace period for requests in
 * flight (SHUTDOWN_GRACE_MS, which the children read from the same environment), the time it gives itself to
 * close what it holds, and a margin; a child's own deadline therefore always comes first.
 */
function stopLimitMs(): number {
  let graceMs: number;
  try {
    graceMs = shutdownGraceMs();
  } catch {
    // A bad value already kept the children from starting; stopping what is left must not depend on it.
    graceMs = 0;
  }
  return graceMs + SHUTDOWN_CLOSE_MS + 2_000;
}

async function shutdown(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  const limitMs = stopLimitMs();
  // The gateway first (it drains, and its requests in flight still need the subgraphs), then the subgraphs, then
  // the database they use.
  const groups = [
    { label: "the gateway", members: children.filter((c) => c.name === "gateway") },
    { label: "the subgraphs", members: children.filter((c) => c.name !== "gateway") },
  ];
  for (const group of groups) {
    const running = group.members.filter((c) => c.process.exitCode === null && c.process.signalCode === null);
    if (running.length === 0) continue;
    log("info", `[start] stopping ${group.label}…`);
    await Promise.all(
      running.map(async (child) => {
        child.process.kill("SIGTERM");
        const killed = await Promise.race([child.exited.then(() => false), sleep(limitMs).then(() => true)]);
        if (killed) {
          log("warn", `[start] ${child.name} did not stop within ${limitMs / 1000} s; killing it.`);
          child.process.kill("SIGKILL");
          await child.exited;
        }
      }),
    );
  }
  if (postgres) {
    log("info", "[start] stopping PostgreSQL…");
    await postgres.stop().catch((e) => log("error", `[start] PostgreSQL did not stop cleanly: ${e}`));
  }
  log("info", "[start] stopped.");
  process.exit(code);
}

/**
 * The two database URLs of each subgraph: <NAME>_DATABASE_URL (application
 * role) and <NAME>_MIGRATION_DATABASE_URL (owner role) when both are set;
 * otherwise database reception_<name> on DATABASE_URL's server or the embedded
 * one, provisioned here through that server's superuser: roles
 * reception_<name>_owner and reception_<name>_app (passwords kept in the
 * development secrets), the database owned by the owner role, and the tables
 * of a data directory from before the two roles handed over to it.
 */
async function databaseUrls(dir: string, secrets: DevSecrets): Promise<Record<SubgraphName, SubgraphDatabaseUrls>> {
  const env = process.env;
  const given = (name: SubgraphName) => {
    const upper = name.toUpperCase();
    const application = env[`${upper}_DATABASE_URL`];
    const migration = env[`${upper}_MIGRATION_DATABASE_URL`];
    if (Boolean(application) !== Boolean(migration))
      throw new Error(
        `Set both ${upper}_DATABASE_URL (application role) and ${upper}_MIGRATION_DATABASE_URL (owner role), or neither.`,
      );
    return application && migration ? { application, migration } : null;
  };
  let server = env.DATABASE_URL;
  if (!server && SUBGRAPH_NAMES.some((name) => !given(name))) {
    const port = env.PG_PORT ? Number(env.PG_PORT) : await freePort();
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PG_PORT=${env.PG_PORT} is not a port.`);
    const pgDir = join(dir, "postgres");
    log("info", `[start] starting the embedded PostgreSQL (data in ${pgDir}, port ${port})…`);
    postgres = await startEmbeddedPostgres({
      dataDir: pgDir,
      port,
      password: secrets.postgresPassword,
      onLog: (line) => log("debug", `[postgres] ${line}`),
      onNotice: (line) => log("info", `[start] ${line}`),
    });
    if (postgres.created) log("info", `[start] created a new PostgreSQL cluster in ${pgDir}.`);
    server = postgres.url;
  }
  const urls = {} as Record<SubgraphName, SubgraphDatabaseUrls>;
  for (const name of SUBGRAPH_NAMES) {
    const own = given(name);
    if (own) {
      urls[name] = own;
      continue;
    }
    const database = `reception_${name}`;
    const names = roleNames(database);
    const roles = {
      database,
      owner: { name: names.owner, password: secrets.databasePasswords[names.owner] },
      app: { name: names.app, password: secrets.databasePasswords[names.app] },
    };
    const done = await provisionDatabase(server!, roles);
    const url = withDatabase(server!, database);
    if (done.createdDatabase)
      log("info", `[start] created database ${redact(url)}. Owner (migrates): ${names.owner}; serves as ${names.app}.`);
    if (done.reassigned.length > 0)
      log(
        "info",
        `[start] ${database}: ${done.reassigned.length} object(s) of an earlier setup now belong to ${names.owner}.`,
      );
    urls[name] = { application: asRole(url, roles.app), migration: asRole(url, roles.owner) };
  }
  return urls;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The banner used to print the development token, and terminal output ends
 * up in scroll-back, screen recordings and CI logs: by default the token goes
 * to a file only its owner can read. `--print-token` or PRINT_TOKEN=1 prints it.
 */
function printToken(): boolean {
  return process.argv.includes("--print-token") || ["1", "true", "yes"].includes(process.env.PRINT_TOKEN ?? "");
}

/** Writes the token to DATA_DIR/dev-token, created with mode 600 (a file left by an earlier start is replaced, not reused with its mode). */
async function writeDevToken(dir: string, token: string): Promise<string> {
  const path = join(dir, "dev-token");
  await rm(path, { force: true });
  await writeFile(path, `${token}\n`, { mode: 0o600, flag: "wx" });
  return path;
}

/** A path as a shell argument, so the printed command works with spaces in DATA_DIR. */
function shellQuote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

async function main(): Promise<void> {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  // Whatever happens, no child outlives the launcher.
  process.on("exit", () => {
    for (const child of children) if (child.process.exitCode === null) child.process.kill("SIGKILL");
  });

  const dir = dataDir();
  const secrets = await ensureDevSecrets();
  const host = process.env.HOST || "127.0.0.1";
  const local = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const ports = {
    gateway: envPort("gateway"),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, envPort(n)])),
  } as Record<keyof typeof DEFAULT_PORTS, number>;
  for (const [name, port] of Object.entries(ports)) {
    if (!(await portIsFree(port, host))) {
      throw new Error(
        `Port ${port} (${name.toUpperCase()}_PORT) is in use: is the graph already running? Stop it, or choose another port.`,
      );
    }
  }

  const dbUrls = await databaseUrls(dir, secrets);
  const peerUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [
      `${n.toUpperCase()}_URL`,
      process.env[`${n.toUpperCase()}_URL`] || `http://${local}:${ports[n]}/graphql`,
    ]),
  );
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    ...peerUrls,
    ...Object.fromEntries(Object.entries(ports).map(([n, p]) => [`${n.toUpperCase()}_PORT`, String(p)])),
    HOST: host,
    APOLLO_TELEMETRY_DISABLED: "1",
  };
  // The gateway alone holds the private key; a subgraph can verify internal tokens but never mint one.
  delete common.INTERNAL_TOKEN_PRIVATE_KEY;

  // A subgraph sees its own two database URLs only, not the server's superuser nor its peers' databases.
  delete common.DATABASE_URL;
  delete common.MIGRATION_DATABASE_URL;
  for (const name of SUBGRAPH_NAMES) {
    delete common[`${name.toUpperCase()}_DATABASE_URL`];
    delete common[`${name.toUpperCase()}_MIGRATION_DATABASE_URL`];
  }

  log(
    "info",
    "[start] starting the subgraphs (each runs its migrations as its owner role, then serves as its application role)…",
  );
  const subgraphs = SUBGRAPH_NAMES.map((name) =>
    startChild(name, `subgraphs/${name}/src/main.ts`, ports[name], {
      ...common,
      INTERNAL_TOKEN_PUBLIC_KEYS: secrets.internalPublicKey,
      [`${name.toUpperCase()}_DATABASE_URL`]: dbUrls[name].application,
      [`${name.toUpperCase()}_MIGRATION_DATABASE_URL`]: dbUrls[name].migration,
    }),
  );
  await Promise.all(subgraphs.map((child) => waitReady(child, local)));

  log("info", "[start] starting the gateway…");
  const gateway = startChild("gateway", "gateway/src/index.ts", ports.gateway, {
    ...common,
    JWT_SECRET: secrets.jwtSecret,
    INTERNAL_TOKEN_PRIVATE_KEY: secrets.internalPrivateKey,
  });
  await waitReady(gateway, local);
  const base = `http://${local}:${ports.gateway}`;

  const marker = join(dir, "demo-loaded.json");
  if (process.env.JWKS_URL) {
    log("info", "[start] JWKS_URL is set: the demo data and the development token need HS256, so both are skipped.");
  } else if (await exists(marker)) {
    log("info", `[start] demo data was loaded on an earlier start (${marker}).`);
  } else {
    log("info", "[start] first start: loading the demo data of Ghent through the gateway…");
    const result = await loadDemo(`${base}/graphql`, secrets.jwtSecret, (level, message) => log(level, message));
    if (result.wroteData) {
      await writeFile(
        marker,
        JSON.stringify({ loadedAt: new Date().toISOString(), parts: result.parts, state: result.state }, null, 2) +
          "\n",
      );
    }
    if (!result.complete) {
      log(
        "warn",
        `[start] the demo data is ${result.wroteData ? "incomplete" : "not loaded"} (see above); the graph runs anyway. ` +
          (result.wroteData
            ? `It is not loaded again on the next start; to reload it from scratch, stop and delete ${dir}.`
            : "It is tried again on the next start."),
      );
    }
  }

  const lines = [
    "",
    "Reception Graph is running.",
    `  Explorer:  ${base}/`,
    `  GraphQL:   ${base}/graphql`,
    `  Health:    ${base}/health , ${base}/ready`,
  ];
  if (!process.env.JWKS_URL) {
    const token = await signDevToken(
      { roles: ["SOCIAL_WORKER"], org: "OCMW_GENT", sub: "dev-social-worker" },
      secrets.jwtSecret,
    );
    const tokenFile = await writeDevToken(dir, token);
    lines.push("");
    if (printToken()) {
      lines.push(
        "  Development token (SOCIAL_WORKER of OCMW_GENT, valid 8 h); paste it in the explorer's Token box:",
        `  ${token}`,
      );
    } else {
      lines.push(
        `  Development token (SOCIAL_WORKER of OCMW_GENT, valid 8 h) in ${tokenFile} (readable by you only);`,
        "  paste it in the explorer's Token box. To see it:",
        `    cat ${shellQuote(tokenFile)}`,
        "  (npm start -- --print-token, or PRINT_TOKEN=1, prints it here instead.)",
      );
    }
    lines.push(
      "",
      "  Other roles: npm run -s token -- --role HOUSING_COORDINATOR --org STAD_GENT",
      "               (roles: SITE_COORDINATOR (--site ID), HOUSING_COORDINATOR, SOCIAL_WORKER, OCMW_ADMIN,",
      "                CARE_WORKER (--organisation NAME), SCHOOL_STAFF (--school ID), ANALYST, DPO, ADMIN)",
    );
  }
  lines.push("", "Press Ctrl-C to stop.", "");
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch(async (e) => {
  // While stopping, waits that were cut short are expected and say nothing new.
  if (stopping) return;
  log("error", `[start] ${(e as Error).message ?? e}`);
  await shutdown(1);
});
