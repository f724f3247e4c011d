import { renderLogLine } from "@reception-graph/kit";
import { ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..", "..");

/** A free TCP port on loopback, released for the child to take. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface ServiceProcess {
  /** Base URL, e.g. http://127.0.0.1:43123 (GraphQL at /graphql). */
  url: string;
  pid: number;
  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Freezes the process (SIGSTOP): it keeps its sockets but answers nothing, as a hung server would. */
  pause(): void;
  /** Lets a paused process run again (SIGCONT). */
  resume(): void;
  kill(signal?: NodeJS.Signals): void;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** The same, each JSON log line shown as a person reads it ("[service] message", the kit's renderLogLine). */
  rendered(): string;
}

export interface ServiceProcessOptions {
  /** Entry file relative to the repository, e.g. "subgraphs/care/src/main.ts" or "gateway/src/index.ts". */
  entry: string;
  /** The port variable the entry reads, e.g. "CARE_PORT" or "GATEWAY_PORT". */
  portVariable: string;
  env: Record<string, string>;
  /** Path answering 200 once the process serves; "" to return as soon as it was spawned. */
  readyPath?: string;
  readyTimeoutMs?: number;
}

/**
 * Runs a gateway or subgraph entry point as a process of its own, as `npm start` and the containers do,
 * so that tests can pause, resume and kill it like an operator's fault would.
 */
export async function startServiceProcess(opts: ServiceProcessOptions): Promise<ServiceProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["-r", "@swc-node/register", opts.entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      APOLLO_TELEMETRY_DISABLED: "1",
      HOST: "127.0.0.1",
      // The process's own lines (ready, stopping, stopped) are info; its output is kept in memory, not printed.
      LOG_LEVEL: "info",
      // As in the containers: Jest's NODE_ENV=test changes libraries' behaviour (Apollo, for one, installs its own
      // signal handlers outside "test"), and the process must be tested as it runs.
      NODE_ENV: "production",
      ...opts.env,
      [opts.portVariable]: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const service: ServiceProcess = {
    url,
    pid: child.pid!,
    exited,
    pause: () => void child.kill("SIGSTOP"),
    resume: () => void child.kill("SIGCONT"),
    kill: (signal = "SIGKILL") => void child.kill(signal),
    output: () => out,
    rendered: () =>
      out
        .split("\n")
        .map((line) => renderLogLine(line).text)
        .join("\n"),
  };
  const readyPath = opts.readyPath ?? "/ready";
  if (!readyPath) return service;
  let gone = false;
  void exited.then(() => (gone = true));
  const until = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  while (Date.now() < until) {
    if (gone) throw new Error(`${opts.entry} exited before it was ready:\n${out}`);
    try {
      const res = await fetch(url + readyPath, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return service;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`${opts.entry} was not ready at ${url}${readyPath}:\n${out}`);
}
