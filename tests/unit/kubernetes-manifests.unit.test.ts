// Scenario: an operator deploys the graph to Kubernetes from deploy/kubernetes (Kustomize: a base and a production
// overlay). CI builds both without a cluster (tests/support/kustomize.ts, the subset of Kustomize they use) and checks
// what `kubectl apply` and the running pods would find out too late: every object is valid against its schema
// (Kubernetes' own kinds with kubernetes-models, CloudNativePG's Cluster against the schema of its fields written in
// deploy/kubernetes/schemas), and a broken object is reported; every Service, disruption budget and network policy
// selects a Deployment and a port it has; the probes hit paths the gateway and the subgraphs really serve; the
// environment is what the apps read (the kit's own configuration functions accept it) and points at the Services and
// database clusters that exist, with their roles and secrets; every container runs the one image; nothing secret is in
// the manifests.
import {
  createModuleServer,
  envPort,
  requireEnv,
  SUBGRAPH_NAMES,
  SubgraphName,
  subgraphDatabaseUrl,
  subgraphDatabaseUrls,
  subgraphUrlsFromEnv,
} from "@reception-graph/kit";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { createTokenVerifier } from "../../gateway/src/auth";
import { authConfigFromEnv, loadSupergraph } from "../../gateway/src/config";
import { createGatewayServer } from "../../gateway/src/server";
import { ALL_SUBGRAPHS } from "../../scripts/subgraphs";
import { applyJsonPatch, buildKustomization, K8sObject, KUBERNETES_DIR } from "../support/kustomize";
import { TEST_JWT_SECRET, testInternalSigner, testInternalVerifier } from "../support/tokens";

const ROOT = join(__dirname, "..", "..");
const BUILDS = {
  base: buildKustomization(join(KUBERNETES_DIR, "base")),
  production: buildKustomization(join(KUBERNETES_DIR, "overlays", "production")),
};
const production = BUILDS.production;

type Container = {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name: string; key: string };
      configMapKeyRef?: { name: string; key: string };
    };
  }[];
  readinessProbe?: any;
  livenessProbe?: any;
  startupProbe?: any;
  volumeMounts?: { name: string; mountPath: string }[];
};

const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind) as any[];
const named = (objects: K8sObject[], kind: string, name: string) => {
  const found = ofKind(objects, kind).find((o) => o.metadata.name === name);
  if (!found) throw new Error(`No ${kind} ${name} in the build.`);
  return found;
};
const podSpec = (o: any) => (o.kind === "CronJob" ? o.spec.jobTemplate.spec.template.spec : o.spec.template.spec);
const containersOf = (objects: K8sObject[]) =>
  [...ofKind(objects, "Deployment"), ...ofKind(objects, "CronJob")].flatMap((o) =>
    (podSpec(o).containers as Container[]).map((c) => ({ owner: o, c })),
  );
const selects = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Validates objects with tests/support/kubernetes-validate.mjs (an ES module, so a process of its own). */
function validate(objects: unknown[]): { kind: string; name: string; errors: string[] }[] {
  const out = execFileSync(process.execPath, [join(ROOT, "tests", "support", "kubernetes-validate.mjs")], {
    input: JSON.stringify(objects),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out);
}

/**
 * A container's environment as the kubelet would give it: values from the ConfigMaps in the build, a stand-in
 * for each secret (hex, as the README asks passwords to be), and $(NAME) expanded from the variables above it.
 */
function environment(objects: K8sObject[], c: Container): { env: Record<string, string>; referenced: Set<string> } {
  const env: Record<string, string> = {};
  const referenced = new Set<string>();
  for (const e of c.env ?? []) {
    if (e.value !== undefined) {
      env[e.name] = e.value.replace(/\$\(([A-Z0-9_]+)\)/g, (whole, name: string) => {
        referenced.add(name);
        return name in env ? env[name] : whole;
      });
    } else if (e.valueFrom?.configMapKeyRef) {
      const { name, key } = e.valueFrom.configMapKeyRef;
      const value = named(objects, "ConfigMap", name).data?.[key];
      if (value === undefined) throw new Error(`ConfigMap ${name} has no key ${key} (${c.name}: ${e.name}).`);
      env[e.name] = value;
    } else if (e.valueFrom?.secretKeyRef) {
      env[e.name] = `0123456789abcdef${e.valueFrom.secretKeyRef.name.length}`;
    } else throw new Error(`${c.name}: ${e.name} has neither value nor a ConfigMap or Secret reference.`);
  }
  return { env, referenced };
}

/** The kit's names built from a process's name (envPort, subgraphUrlsFromEnv, subgraphDatabaseUrls), e.g. HOUSING_PORT. */
const templated = (variable: string) =>
  variable === "GATEWAY_PORT" ||
  SUBGRAPH_NAMES.some((n) =>
    ["PORT", "URL", "DATABASE_URL", "MIGRATION_DATABASE_URL"].some((s) => variable === `${n.toUpperCase()}_${s}`),
  );

/** Every .ts file under these folders, as one text: what a process's code may read from its environment. */
function sourceText(dirs: string[]): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(".ts")) files.push(path);
    }
  };
  dirs.forEach((d) => walk(join(ROOT, d)));
  return files.map((f) => readFileSync(f, "utf8")).join("\n");
}

test("both builds hold the gateway and the four subgraphs (Deployment, Service, budget each) and four database clusters", () => {
  for (const objects of Object.values(BUILDS)) {
    const names = (kind: string) =>
      ofKind(objects, kind)
        .map((o) => o.metadata.name)
        .sort();
    const apps = ["care", "education", "gateway", "housing", "social"];
    expect(names("Deployment")).toEqual(apps);
    expect(names("Service")).toEqual(apps);
    expect(names("PodDisruptionBudget")).toEqual(apps);
    expect(names("Cluster")).toEqual(["care-db", "education-db", "housing-db", "social-db"]);
    expect(names("CronJob")).toEqual(["retention-report"]);
    // Secrets are created by the operator, never committed.
    expect(names("Secret")).toEqual([]);
    for (const d of ofKind(objects, "Deployment")) expect(d.spec.replicas).toBeGreaterThanOrEqual(2);
  }
  expect(named(production, "Deployment", "gateway").spec.replicas).toBe(3);
  for (const c of ofKind(production, "Cluster")) expect(c.spec.instances).toBe(3);
  for (const o of production) {
    if (o.kind === "Namespace") expect(o.metadata).toMatchObject({ name: "reception-graph" });
    else expect(o.metadata.namespace).toBe("reception-graph");
  }
});

/** Broken copies of real objects, each with what the validation must say about it. */
const BROKEN: { object: unknown; error: RegExp }[] = [
  {
    object: applyJsonPatch(named(production, "Deployment", "housing"), [
      { op: "replace", path: "/spec/template/spec/containers/0/ports/0/containerPort", value: "http" },
    ]),
    error: /containerPort must be integer/,
  },
  {
    object: applyJsonPatch(named(production, "Deployment", "housing"), [
      { op: "add", path: "/spec/template/spec/containers/0/readinessProb", value: {} },
    ]),
    error: /readinessProb"?' does not exist in type/,
  },
  {
    object: applyJsonPatch(named(production, "Service", "housing"), [
      { op: "add", path: "/spec/selectors", value: {} },
    ]),
    error: /selectors"?' does not exist in type/,
  },
  {
    object: applyJsonPatch(named(production, "Cluster", "housing-db"), [
      { op: "add", path: "/spec/instance", value: 2 },
    ]),
    error: /\/spec must NOT have additional properties.*"additionalProperty":"instance"/,
  },
  {
    object: applyJsonPatch(named(production, "Cluster", "housing-db"), [
      { op: "replace", path: "/spec/instances", value: "three" },
    ]),
    error: /\/spec\/instances must be integer/,
  },
  {
    object: applyJsonPatch(named(production, "Cluster", "housing-db"), [
      { op: "add", path: "/spec/bootstrap/initdb/secret/key", value: "password" },
    ]),
    error: /"additionalProperty":"key"/,
  },
  {
    object: { apiVersion: "postgresql.cnpg.io/v1", kind: "Pooler", metadata: { name: "p" }, spec: {} },
    error: /^no schema for postgresql.cnpg.io\/v1 Pooler$/,
  },
];

// One validation run for everything (it compiles the TypeScript declarations once): both builds, then the broken copies.
let validated: { kind: string; name: string; errors: string[] }[];
beforeAll(() => {
  validated = validate([...BUILDS.base, ...BUILDS.production, ...BROKEN.map((b) => b.object)]);
});

test("every object of both builds is valid against its schema", () => {
  expect(validated).toHaveLength(BUILDS.base.length + BUILDS.production.length + BROKEN.length);
  const builds = validated.slice(0, BUILDS.base.length + BUILDS.production.length);
  expect(builds.length).toBeGreaterThanOrEqual(2 * 17);
  expect(builds.filter((r) => r.errors.length > 0)).toEqual([]);
});

test("the validation reports mistyped and unknown fields of Kubernetes' kinds and of a Cluster, and an unknown kind", () => {
  const results = validated.slice(-BROKEN.length);
  BROKEN.forEach((b, i) => expect(results[i].errors.join("\n")).toMatch(b.error));
});

test("every Service, disruption budget and network policy selects a Deployment, on a port its container names", () => {
  for (const objects of Object.values(BUILDS)) {
    const deployments = ofKind(objects, "Deployment");
    for (const d of deployments)
      expect(selects(d.spec.selector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
    for (const s of ofKind(objects, "Service")) {
      const backing = deployments.filter((d) => selects(s.spec.selector, d.spec.template.metadata.labels));
      expect({ service: s.metadata.name, backing: backing.map((d) => d.metadata.name) }).toEqual({
        service: s.metadata.name,
        backing: [s.metadata.name],
      });
      const ports = (podSpec(backing[0]).containers as Container[]).flatMap((c) => c.ports ?? []);
      for (const p of s.spec.ports) {
        const target = ports.find((cp) => cp.name === p.targetPort || cp.containerPort === p.targetPort);
        expect(target?.containerPort).toBe(p.port);
      }
    }
    for (const pdb of ofKind(objects, "PodDisruptionBudget")) {
      const backing = deployments.filter((d) =>
        selects(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels),
      );
      expect(backing).toHaveLength(1);
      expect(pdb.spec.minAvailable).toBeLessThan(backing[0].spec.replicas);
    }
    const [policy] = ofKind(objects, "NetworkPolicy");
    const protectedApps = deployments.filter((d) =>
      selects(policy.spec.podSelector.matchLabels, d.spec.template.metadata.labels),
    );
    expect(protectedApps.map((d) => d.metadata.name).sort()).toEqual([...SUBGRAPH_NAMES].sort());
    for (const from of policy.spec.ingress[0].from) {
      expect(deployments.some((d) => selects(from.podSelector.matchLabels, d.spec.template.metadata.labels))).toBe(
        true,
      );
    }
  }
});

test("probes: readiness on /ready (the gateway: /ready?partial), liveness and startup on /health, a grace period above the apps' own", () => {
  for (const d of ofKind(production, "Deployment")) {
    const spec = podSpec(d);
    // The apps give in-flight requests SHUTDOWN_GRACE_MS (10 s by default) after SIGTERM; the preStop pause comes first.
    const [c] = spec.containers as Container[];
    const pause = Number((c as any).lifecycle?.preStop?.exec?.command?.[1]);
    expect(pause).toBeGreaterThan(0);
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(10 + pause);
    // The gateway stays in service while one partner is down (partial answers); a subgraph only with its database.
    const readyPath = d.metadata!.name === "gateway" ? "/ready?partial" : "/ready";
    expect(c.readinessProbe.httpGet).toEqual({ path: readyPath, port: "http" });
    expect(c.livenessProbe.httpGet).toEqual({ path: "/health", port: "http" });
    expect(c.startupProbe.httpGet).toEqual({ path: "/health", port: "http" });
    expect(c.ports?.map((p) => p.name)).toContain("http");
  }
});

test("the probe paths are served: the gateway and each subgraph answer /health, and /ready says what is missing", async () => {
  const get = async (app: any, path: string) => {
    const { createServer } = await import("node:http");
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}${path}`);
      return { status: res.status, body: await res.json() };
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
  // Nothing behind them: no subgraph for the gateway, a database never connected for the subgraphs.
  const gateway = await createGatewayServer({
    supergraphSdl: loadSupergraph(),
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, "http://127.0.0.1:9/graphql"])),
    verifyToken: createTokenVerifier({ jwtSecret: TEST_JWT_SECRET }),
    internalTokens: await testInternalSigner(),
  });
  try {
    expect(await get(gateway.app, "/health")).toEqual({ status: 200, body: { status: "ok", service: "gateway" } });
    expect(await get(gateway.app, "/ready")).toMatchObject({ status: 503, body: { status: "unavailable" } });
    expect(await get(gateway.app, "/ready?partial")).toMatchObject({ status: 503, body: { status: "unavailable" } });
  } finally {
    await gateway.stop();
  }
  for (const module of ALL_SUBGRAPHS) {
    const server = await createModuleServer(
      module,
      new DataSource({ type: "postgres", url: "postgres://nobody@127.0.0.1:9/none" }),
      await testInternalVerifier(),
    );
    try {
      expect(await get(server.app, "/health")).toEqual({ status: 200, body: { status: "ok", service: module.name } });
      expect(await get(server.app, "/ready")).toEqual({
        status: 503,
        body: { status: "unavailable", service: module.name, reason: "database" },
      });
    } finally {
      await server.stop();
    }
  }
});

test("each subgraph's environment is what the kit reads: its port, its peers' Services, its database cluster's roles", () => {
  const services = new Map(ofKind(production, "Service").map((s) => [s.metadata.name, s.spec.ports[0].port]));
  const kitAndGateway = sourceText(["subgraphs/kit/src", "gateway/src"]);
  for (const name of SUBGRAPH_NAMES) {
    const [c] = podSpec(named(production, "Deployment", name)).containers as Container[];
    const { env, referenced } = environment(production, c);
    expect(envPort(name, env)).toBe(c.ports![0].containerPort);
    expect(services.get(name)).toBe(c.ports![0].containerPort);
    requireEnv("INTERNAL_TOKEN_PUBLIC_KEYS", env);
    for (const [peer, url] of Object.entries(subgraphUrlsFromEnv(env))) {
      const u = new URL(url);
      expect({ peer, host: u.hostname, port: Number(u.port), path: u.pathname }).toEqual({
        peer,
        host: peer,
        port: services.get(peer),
        path: "/graphql",
      });
    }

    const cluster = named(production, "Cluster", `${name}-db`);
    const { initdb } = cluster.spec.bootstrap;
    const [appRole] = cluster.spec.managed.roles;
    const urls = subgraphDatabaseUrls(name, env);
    const app = new URL(urls.application);
    const owner = new URL(urls.migration);
    expect([app.hostname, app.pathname, app.username]).toEqual([`${name}-db-rw`, `/${initdb.database}`, appRole.name]);
    expect([owner.hostname, owner.pathname, owner.username]).toEqual([
      `${name}-db-rw`,
      `/${initdb.database}`,
      initdb.owner,
    ]);
    for (const u of [app, owner]) {
      expect(u.searchParams.get("sslmode")).toBe("verify-full");
      const ca = u.searchParams.get("sslrootcert")!;
      const mount = c.volumeMounts!.find((m) => ca.startsWith(`${m.mountPath}/`))!;
      const volume = podSpec(named(production, "Deployment", name)).volumes.find((v: any) => v.name === mount.name);
      expect(volume.secret.secretName).toBe(`${cluster.metadata.name}-ca`);
    }
    // The passwords come from the very secrets the cluster gives its two roles.
    const secretOf = (variable: string) => c.env!.find((e) => e.name === variable)!.valueFrom!.secretKeyRef!.name;
    expect(secretOf(`${name.toUpperCase()}_DB_APP_PASSWORD`)).toBe(appRole.passwordSecret.name);
    expect(secretOf(`${name.toUpperCase()}_DB_OWNER_PASSWORD`)).toBe(initdb.secret.name);

    // Every variable set is read by the process (the kit's or its own code), or feeds another one.
    const code = kitAndGateway + sourceText([`subgraphs/${name}/src`]);
    for (const e of c.env!) {
      expect({ variable: e.name, used: templated(e.name) || code.includes(e.name) || referenced.has(e.name) }).toEqual({
        variable: e.name,
        used: true,
      });
    }
  }
});

test("the gateway's environment: its port, the four subgraphs' Services, the identity provider and its signing key", () => {
  const services = new Map(ofKind(production, "Service").map((s) => [s.metadata.name, s.spec.ports[0].port]));
  const [c] = podSpec(named(production, "Deployment", "gateway")).containers as Container[];
  const { env } = environment(production, c);
  expect(envPort("gateway", env)).toBe(c.ports![0].containerPort);
  for (const [name, url] of Object.entries(subgraphUrlsFromEnv(env))) {
    expect(new URL(url).host).toBe(`${name}:${services.get(name)}`);
  }
  const auth = authConfigFromEnv(env);
  expect(auth.jwtSecret).toBeUndefined();
  expect(new URL(auth.jwksUrl!).protocol).toBe("https:");
  expect(auth.issuer).toBeTruthy();
  expect(auth.audience).toBeTruthy();
  requireEnv("INTERNAL_TOKEN_PRIVATE_KEY", env);
  // The private key is the gateway's alone: no subgraph container refers to its secret.
  const keySecret = c.env!.find((e) => e.name === "INTERNAL_TOKEN_PRIVATE_KEY")!.valueFrom!.secretKeyRef!.name;
  for (const { owner, c: other } of containersOf(production)) {
    if (owner.metadata.name === "gateway") continue;
    expect(other.env?.some((e) => e.valueFrom?.secretKeyRef?.name === keySecret)).toBe(false);
  }
  const code = sourceText(["gateway/src", "subgraphs/kit/src"]);
  for (const e of c.env!)
    expect({ variable: e.name, read: templated(e.name) || code.includes(e.name) }).toEqual({
      variable: e.name,
      read: true,
    });
});

test("the retention report reads each database from its read-only service (-ro), as its application role", () => {
  const job = named(production, "CronJob", "retention-report");
  const [c] = podSpec(job).containers as Container[];
  const { env } = environment(production, c);
  for (const name of SUBGRAPH_NAMES as readonly SubgraphName[]) {
    const url = new URL(subgraphDatabaseUrl(name, env));
    const cluster = named(production, "Cluster", `${name}-db`);
    expect([url.hostname, url.username, url.pathname]).toEqual([
      `${name}-db-ro`,
      cluster.spec.managed.roles[0].name,
      `/${cluster.spec.bootstrap.initdb.database}`,
    ]);
    expect(existsSync(join(ROOT, "scripts", "retention.ts"))).toBe(true);
  }
  // It must not migrate: no owner role.
  expect(c.env!.some((e) => e.name.includes("MIGRATION"))).toBe(false);
});

test("every container runs the one image (the overlay's, at a fixed tag) as a non-root user on a read-only root", () => {
  for (const [build, objects] of Object.entries(BUILDS)) {
    const expected =
      build === "production" ? "registry.example.org/ocmw-gent/reception-graph:0.1.0" : "reception-graph";
    for (const { owner, c } of containersOf(objects)) {
      expect({ container: c.name, image: c.image }).toEqual({ container: c.name, image: expected });
      // The entry file the command runs is a compiled one (the image holds dist/, no TypeScript), from a source
      // that exists; tests/integration/kit/compiled-build.int.test.ts checks the build makes it.
      const entry = c.command!.find((a) => a.endsWith(".js"))!;
      expect({ container: c.name, entry }).toEqual({ container: c.name, entry: expect.stringMatching(/^dist\//) });
      expect(existsSync(join(ROOT, entry.replace(/^dist\//, "").replace(/\.js$/, ".ts")))).toBe(true);
      const pod = podSpec(owner);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      expect((c as any).securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      });
      expect((c as any).resources.requests).toBeDefined();
      expect((c as any).resources.limits.memory).toBeDefined();
    }
  }
});

test("nothing secret is committed: passwords and keys only by reference", () => {
  for (const { c } of containersOf(production)) {
    for (const e of c.env ?? []) {
      if (e.value === undefined) continue;
      expect(e.value).not.toMatch(/BEGIN [A-Z ]*KEY/);
      if (/^postgres(ql)?:\/\//.test(e.value))
        expect(new URL(e.value.replace(/\$\(/g, "%24(")).password).toMatch(/^%24\([A-Z_]+\)$/);
    }
  }
});

test("the Kustomize subset refuses what it does not build, and a patch path that does not exist", () => {
  const dir = mkdtempSync(join(tmpdir(), "kustomize-"));
  writeFileSync(join(dir, "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: '1'\n");
  writeFileSync(join(dir, "kustomization.yaml"), "resources: [cm.yaml]\ncommonLabels:\n  a: b\n");
  expect(() => buildKustomization(dir)).toThrow(/"commonLabels" is not in the Kustomize subset/);
  writeFileSync(
    join(dir, "kustomization.yaml"),
    'resources: [cm.yaml]\npatches:\n  - target: { kind: ConfigMap, name: a }\n    patch: \'[{"op": "replace", "path": "/data/y", "value": "2"}]\'\n',
  );
  expect(() => buildKustomization(dir)).toThrow(/replace \/data\/y: y does not exist/);
  writeFileSync(
    join(dir, "kustomization.yaml"),
    'resources: [cm.yaml]\nnamespace: n\npatches:\n  - target: { kind: ConfigMap, name: a }\n    patch: \'[{"op": "add", "path": "/data/y", "value": "2"}]\'\n',
  );
  expect(buildKustomization(dir)).toEqual([
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "n" }, data: { x: "1", y: "2" } },
  ]);
});
