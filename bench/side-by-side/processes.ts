import { transformFile } from "@swc/core";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { freePort } from "../../tests/support/faults/process";

const ROOT = join(__dirname, "..", "..");

/** Whether `taskset` (util-linux) can pin processes here; without it the bench runs unpinned and says so. */
export function canPin(): boolean {
  try {
    execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Pins a running process and all its threads to the given CPUs (its later threads and children inherit it). */
export function pin(pid: number, cpus: string): void {
  try {
    execFileSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { stdio: "ignore" });
  } catch (e) {
    // A short-lived process (a PostgreSQL helper) may be gone by now: nothing left to pin.
    if (existsSync(`/proc/${pid}`)) throw e;
  }
}

export interface Server {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
  output(): string;
}

/** Node's options for a subgraph process, as docker-compose.yml and the Kubernetes manifests give them. */
export const SUBGRAPH_NODE_ARGS = ["--max-semi-space-size=32"];

/** The compiled JavaScript of a TypeScript file of the repository, in dist/ (see compileForBench). */
export function compiledEntry(entry: string): string {
  return join("dist", entry.replace(/\.ts$/, ".js"));
}

/**
 * Compiles the services as containers run them (`npm run build`: plain JavaScript in dist/, no TypeScript
 * compiler, no source-map-support at run time), and the peer gateway beside them with the same transform.
 * Measured through @swc-node/register instead, every server would also carry the `typescript` package
 * (+46 MB each) and source-map-support's stack rewriting: a development cost no operator pays.
 */
export async function compileForBench(peers: string[]): Promise<void> {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], { cwd: ROOT, stdio: "ignore" });
  const swcrc = JSON.parse(readFileSync(join(ROOT, ".swcrc"), "utf8"));
  delete swcrc.$schema;
  for (const peer of peers) {
    // The peer's relative imports (the kit's signer, the gateway's claims) land on dist/'s compiled files.
    const { code } = await transformFile(join(ROOT, peer), { ...swcrc, swcrc: false, sourceMaps: false });
    const out = join(ROOT, compiledEntry(peer));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
  }
}

/**
 * Starts a TypeScript entry point of the repository, compiled (compileForBench), as a process of its own
 * on a free loopback port, pinned to `cpus` from its first instruction when given (taskset runs node),
 * and waits for readyPath.
 */
export async function startServer(opts: {
  name: string;
  entry: string;
  portVariable: string;
  /** A port chosen beforehand (peers must know it); else a free one. */
  port?: number;
  env: Record<string, string>;
  readyPath: string;
  cpus: string | null;
  /** Options for node itself (--cpu-prof …), which NODE_OPTIONS does not take. */
  nodeArgs?: string[];
}): Promise<Server> {
  const port = opts.port ?? (await freePort());
  const compiled = compiledEntry(opts.entry);
  if (!existsSync(join(ROOT, compiled))) throw new Error(`${compiled} is missing: compileForBench() first.`);
  const node = [process.execPath, ...(opts.nodeArgs ?? []), compiled];
  const [command, ...args] = opts.cpus ? ["taskset", "-c", opts.cpus, ...node] : node;
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      APOLLO_TELEMETRY_DISABLED: "1",
      HOST: "127.0.0.1",
      // The peers' packages are bench/'s own (bench/package.json), outside dist/'s lookup path.
      NODE_PATH: join(ROOT, "bench", "node_modules"),
      ...opts.env,
      [opts.portVariable]: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out = (out + String(d)).slice(-20_000)));
  child.stderr!.on("data", (d) => (out = (out + String(d)).slice(-20_000)));
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const server: Server = {
    name: opts.name,
    url,
    // taskset execs node in place: the pid is node's.
    pid: child.pid!,
    output: () => out,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (exited) throw new Error(`${opts.name} (${opts.entry}) exited before it was ready:\n${out}`);
    try {
      const res = await fetch(url + opts.readyPath, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await server.stop();
  throw new Error(`${opts.name} was not ready at ${url}${opts.readyPath}:\n${out}`);
}

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

interface ProcStat {
  ppid: number;
  /** utime + stime, in clock ticks. */
  own: number;
  /** cutime + cstime: children that exited and were waited for. */
  children: number;
  rssPages: number;
}

function stat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name may hold spaces and parentheses: fields start after the last ")".
  const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return {
    ppid: Number(f[1]),
    own: Number(f[11]) + Number(f[12]),
    children: Number(f[13]) + Number(f[14]),
    rssPages: Number(f[21]),
  };
}

/** CPU seconds a process used so far (user + system), its exited children included. */
export function cpuSeconds(pid: number): number {
  const s = stat(pid);
  return s ? (s.own + s.children) / TICKS_PER_SECOND : 0;
}

/** Resident memory of a process in MB (VmRSS). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Every live process whose parent chain leads to `root`, root included. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s) parents.set(Number(entry), s.ppid);
  }
  return [...parents.keys()].filter((pid) => {
    for (let p: number | undefined = pid; p && p > 1; p = parents.get(p)) if (p === root) return true;
    return false;
  });
}

/**
 * CPU seconds of a whole process tree (PostgreSQL: the postmaster and its backends): the live processes'
 * own time, plus what the root's exited children used (the postmaster waits for its backends).
 */
export function treeCpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    const s = stat(pid);
    if (s) ticks += s.own + (pid === root ? s.children : 0);
  }
  return ticks / TICKS_PER_SECOND;
}

/** The CPUs a process may run on, as the kernel reports it (to show the pinning held). */
export function cpusAllowed(pid: number): string {
  try {
    return /Cpus_allowed_list:\s+(\S+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? "?";
  } catch {
    return "gone";
  }
}
