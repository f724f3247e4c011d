import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface RestartablePostgres {
  /** The superuser's URL on the server's `postgres` database. */
  url: string;
  port: number;
  /** Shuts the server down (fast shutdown: open connections are terminated); resolves once it is down. */
  stopServer(): Promise<void>;
  /** Starts it again on the same port and data directory; resolves once it accepts connections. */
  startServer(): Promise<void>;
  /** Stops the server for good and removes its data. */
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of its own (not the run's shared one), which a test can really stop and start again,
 * run by tests/support/faults/postgres-server-process.mjs in a child process.
 */
export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const child = spawn(process.execPath, [join(__dirname, "postgres-server-process.mjs")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  const early: string[] = [];
  lines.on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else early.push(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const line = early.shift();
      if (line !== undefined) return resolve(line);
      waiting.push(resolve);
      void exited.then((code) => reject(new Error(`the PostgreSQL server process exited (${code})`)));
    });
  const command = async (name: "stop" | "start", expected: string) => {
    child.stdin!.write(`${name}\n`);
    const answer = await nextLine();
    if (answer !== expected) throw new Error(`PostgreSQL server: "${name}" answered ${JSON.stringify(answer)}`);
  };
  const { url, port } = JSON.parse(await nextLine()) as { url: string; port: number };
  return {
    url,
    port,
    stopServer: () => command("stop", "stopped"),
    startServer: () => command("start", "started"),
    async stop() {
      child.stdin!.end("exit\n");
      await exited;
    },
  };
}
