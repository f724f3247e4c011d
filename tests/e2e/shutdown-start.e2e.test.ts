// `npm start` (scripts/start.ts) given SIGTERM while a registration is in flight: it passes the signal on in order,
// the gateway first (which lets the registration finish), then the four subgraphs, then PostgreSQL, and exits 0; the
// registration completes with its data. The registration is held in social by a PostgreSQL lock the test holds (the
// audit chain lock its transaction takes last) until the gateway has begun to stop. The demo data is not loaded (a
// marker from an "earlier start" is in the data directory): this test is about stopping.
import { ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { HeldLock, holdAuditChain, until, writeWaitingOnLock } from "../support/faults/db-locks";
import { postGraphql } from "../support/graphql";
import { npmStartEnv } from "../support/npm-start";
import { householdInput, REGISTER_HOUSEHOLD } from "../support/shutdown";

const ROOT = resolve(__dirname, "..", "..");

let dataDir: string;
let launcher: ChildProcess | null = null;
let lock: HeldLock | null = null;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "rg-stop-"));
});
afterAll(async () => {
  await lock?.release();
  if (launcher && launcher.exitCode === null) {
    launcher.kill("SIGTERM");
    await new Promise((done) => launcher!.once("exit", done));
  }
  await rm(dataDir, { recursive: true, force: true });
});

test("SIGTERM to npm start: the request in flight completes, then gateway, subgraphs and PostgreSQL stop in order; exit 0", async () => {
  await writeFile(join(dataDir, "demo-loaded.json"), JSON.stringify({ loadedAt: "skipped by the test" }));
  const env: NodeJS.ProcessEnv = { ...process.env, ...(await npmStartEnv(dataDir)), SHUTDOWN_GRACE_MS: "60000" };
  const proc = spawn(process.execPath, ["-r", "@swc-node/register", "scripts/start.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  launcher = proc;
  let output = "";
  proc.stdout!.on("data", (d) => (output += String(d)));
  proc.stderr!.on("data", (d) => (output += String(d)));
  const exited = new Promise<number | null>((done) => proc.once("exit", (code) => done(code)));
  await until(
    "npm start to be running",
    async () => {
      if (proc.exitCode !== null) throw new Error(`npm start exited (${proc.exitCode}):\n${output}`);
      return output.includes("Press Ctrl-C to stop.");
    },
    200_000,
  );

  // The embedded server's superuser, on social's database.
  const secrets = JSON.parse(await readFile(join(dataDir, "secrets.json"), "utf8"));
  const pgPort = (await readFile(join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[3].trim();
  const socialAsSuperuser = `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${pgPort}/reception_social`;
  const token = (await readFile(join(dataDir, "dev-token"), "utf8")).trim();

  lock = await holdAuditChain(socialAsSuperuser);
  const answer = postGraphql(
    `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`,
    REGISTER_HOUSEHOLD,
    { input: householdInput("npm-start-sigterm", "Hnatiuk") },
    { authorization: `Bearer ${token}`, "x-purpose": "CASE_MANAGEMENT" },
  );
  answer.catch(() => undefined);
  await writeWaitingOnLock(socialAsSuperuser, "reception_social_app");

  proc.kill("SIGTERM");
  await until("the gateway to begin stopping", async () => output.includes("[gateway] stopping (SIGTERM)"));
  // The gateway waits for its request in flight; nothing else has been stopped yet.
  expect(output).not.toContain("[start] stopping the subgraphs");
  await lock.release();
  lock = null;

  const res = await answer;
  expect(res.errors).toBeUndefined();
  expect(res.data.registerHousehold.members).toHaveLength(2);
  expect(await exited).toBe(0);

  const at = (line: string) => {
    const i = output.indexOf(line);
    if (i < 0) throw new Error(`"${line}" is not in the output:\n${output}`);
    return i;
  };
  const order = [
    at("[start] stopping the gateway…"),
    at("[gateway] stopping (SIGTERM)"),
    at("[gateway] stopped after"),
    at("[start] stopping the subgraphs…"),
  ];
  const subgraphsStopped = ["social", "housing", "care", "education"].map((n) => at(`[${n}] stopped after`));
  order.push(Math.min(...subgraphsStopped), Math.max(...subgraphsStopped));
  order.push(at("[start] stopping PostgreSQL…"), at("[start] stopped."));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(output).toMatch(/\[gateway\] stopped after \d+ ms: 1 request\(s\) in flight finished\./);
  expect(output).not.toMatch(/did not stop within|killing it|again while stopping/);
}, 300_000);
