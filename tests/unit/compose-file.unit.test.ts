// docker-compose.yml describes PostgreSQL, the four subgraphs and the gateway as separate services with health checks, its own database per subgraph with an owner role that migrates and an application role that serves, and no committed secret (checked by parsing it: no Docker engine is needed).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const ROOT = join(__dirname, "..", "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

interface Service {
  image?: string;
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

  test("is built from the one Dockerfile and runs its own entry point", () => {
    expect(service().build).toBe(".");
    const entry = name === "gateway" ? "gateway/src/index.ts" : `subgraphs/${name}/src/main.ts`;
    expect(service().command).toEqual(["node", "-r", "@swc-node/register", entry]);
    expect(existsSync(join(ROOT, entry))).toBe(true);
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
    const urls = Object.entries(e).filter(([key]) => key.endsWith("DATABASE_URL"));
    expect(urls.map(([key]) => key).sort()).toEqual([`${upper}_DATABASE_URL`, `${upper}_MIGRATION_DATABASE_URL`]);
    for (const [key, role] of [
      [`${upper}_DATABASE_URL`, "app"],
      [`${upper}_MIGRATION_DATABASE_URL`, "owner"],
    ]) {
      const url = new URL(e[key].replace(/\$\{[^}]+\}/g, "PASSWORD"));
      expect(url.hostname).toBe("postgres");
      expect(url.pathname).toBe(`/reception_${name}`);
      expect(url.username).toBe(`reception_${name}_${role}`);
      const secret = `${upper}_DB_${role.toUpperCase()}_PASSWORD`;
      expect(e[key]).toContain(`:\${${secret}:?set ${secret}}@postgres:5432/`);
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
      if (/DATABASE_URL$/.test(key)) {
        const password = /^postgres:\/\/[^:]+:([^@]+)@/.exec(value)?.[1];
        expect(password).toMatch(/^\$\{[A-Z]+_DB_(OWNER|APP)_PASSWORD(:[-?][^}]*)?\}$/);
      }
    }
  }
  // Nothing in the file looks like a key or a token (long runs of letters mixed with digits).
  expect(read("docker-compose.yml")).not.toMatch(/(?=[\w+=-]*\d)(?=[\w+=-]*[a-zA-Z])[\w+=-]{24,}/);
  // A local .env for compose stays out of git.
  expect(read(".gitignore").split("\n")).toContain(".env");
});

test("the Dockerfile: node:20-slim, npm ci from the lock file, nothing secret baked in", () => {
  const dockerfile = read("Dockerfile");
  expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
  expect(dockerfile).toMatch(/^RUN npm ci\b/m);
  expect(dockerfile).toMatch(/COPY package\.json package-lock\.json/);
  expect(dockerfile).not.toMatch(/SECRET|PASSWORD/);
  const ignored = read(".dockerignore").split("\n");
  for (const entry of ["node_modules", "data", ".env", ".git"]) expect(ignored).toContain(entry);
});
