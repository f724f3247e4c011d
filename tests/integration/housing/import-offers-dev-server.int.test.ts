// `npm run import:offers` with no database URL: it imports into the embedded PostgreSQL that `npm start` runs for
// DATA_DIR (port from PostgreSQL's own postmaster.pid, housing owner/app passwords from DATA_DIR/secrets.json), and
// says in one line what to do when that server is not running. The server here is started and provisioned by the
// very functions npm start uses (tests/support/dev-postgres.ts).
import { devDatabaseUrls } from "@reception-graph/kit";
import { ChildProcess, execFile, spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { freePort } from "../../../scripts/postgres/embedded";

const ROOT = join(__dirname, "..", "..", "..");
const CLI = join(ROOT, "subgraphs", "housing", "src", "offers", "import-offers.cli.ts");
const SAMPLE = join(ROOT, "subgraphs", "housing", "data", "sample-housing-offers.csv");
const run = promisify(execFile);

let dataDir: string;
let port: number;
/** The database half of npm start (tests/support/dev-postgres.ts) for dataDir, until stopped. */
let postgres: { process: ChildProcess; exited: Promise<number | null> } | null = null;

async function stopPostgres(): Promise<void> {
  if (!postgres) return;
  postgres.process.kill("SIGTERM");
  expect(await postgres.exited).toBe(0);
  postgres = null;
}

/** The environment of a shell with no database URL at all, only DATA_DIR. */
function cliEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
  for (const key of Object.keys(env)) if (/DATABASE_URL$/.test(key)) delete env[key];
  return env;
}

async function importOffers(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ["-r", "@swc-node/register", CLI, SAMPLE], { cwd: ROOT, env: cliEnv(dir) }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "rg-import-dev-"));
  await chmod(dataDir, 0o755);
  port = await freePort();
  const proc = spawn(
    process.execPath,
    ["-r", "@swc-node/register", join(ROOT, "tests", "support", "dev-postgres.ts")],
    {
      cwd: ROOT,
      env: { ...cliEnv(dataDir), PG_PORT: String(port), SUBGRAPHS: "housing" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<number | null>((done) => proc.once("exit", (code) => done(code)));
  postgres = { process: proc, exited };
  let output = "";
  await new Promise<void>((ready, fail) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (/^ready$/m.test(output)) ready();
    };
    proc.stdout!.on("data", read);
    proc.stderr!.on("data", read);
    void exited.then((code) => fail(new Error(`the database of npm start did not start (${code}):\n${output}`)));
  });
}, 120_000);

afterAll(async () => {
  await stopPostgres();
  await rm(dataDir, { recursive: true, force: true });
});

test("the lookup: npm start's port and the housing owner and application roles, from DATA_DIR", () => {
  const urls = devDatabaseUrls("housing", { DATA_DIR: dataDir });
  const application = new URL(urls.application);
  const migration = new URL(urls.migration);
  expect([application.hostname, application.port, application.pathname]).toEqual([
    "127.0.0.1",
    String(port),
    "/reception_housing",
  ]);
  expect(application.username).toBe("reception_housing_app");
  expect(migration.username).toBe("reception_housing_owner");
  expect(migration.port).toBe(String(port));
});

test("with only DATA_DIR set, the CLI migrates and imports into npm start's housing database", async () => {
  const first = await importOffers(dataDir);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toContain("created 6, updated 0, unchanged 0, rejected rows 0");
  const client = new Client({ connectionString: devDatabaseUrls("housing", { DATA_DIR: dataDir }).application });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT COUNT(*)::int AS n FROM housing_offer WHERE reference LIKE 'WA-2022-%'`,
    );
    expect(rows[0].n).toBe(6);
  } finally {
    await client.end();
  }
  expect((await importOffers(dataDir)).stdout).toContain("created 0, updated 0, unchanged 6, rejected rows 0");
}, 90_000);

test("no npm start ever ran for DATA_DIR: a one-line error saying what to do", async () => {
  const empty = await mkdtemp(join(tmpdir(), "rg-import-none-"));
  try {
    const r = await importOffers(empty);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^No database: `npm start` has never run with DATA_DIR=.*; start it with `npm start`/),
    ]);
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
}, 30_000);

test("npm start's PostgreSQL is not running (stopped, or a stale lock file): a one-line error", async () => {
  await stopPostgres();
  const stopped = await importOffers(dataDir);
  expect(stopped.code).toBe(2);
  expect(stopped.stderr.trimEnd().split("\n")).toEqual([
    expect.stringMatching(/^No database: the PostgreSQL of `npm start` is not running; start it with `npm start`/),
  ]);
  // A lock file left by a server that died: its process is gone.
  await writeFile(join(dataDir, "postgres", "postmaster.pid"), `2147483646\n${dataDir}\n0\n${port}\n`);
  const stale = await importOffers(dataDir);
  expect(stale.code).toBe(2);
  expect(stale.stderr).toMatch(/^No database: the PostgreSQL of `npm start` is not running/);
}, 60_000);
