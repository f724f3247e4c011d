// Scenario: an operator starts the gateway (gateway/src/index.ts, as its own process) with a supergraph file
// that is missing, empty, not GraphQL or not a composed supergraph, or with a subgraph timeout that is not a
// number. Each time the gateway refuses to start: exit code 1 and one line naming the file (or the variable)
// and what is wrong, without a stack trace. With the committed supergraph it starts and serves.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServiceProcess } from "../support/faults/process";
import { TEST_INTERNAL_KEYS, TEST_JWT_SECRET } from "../support/tokens";

const dir = mkdtempSync(join(tmpdir(), "rg-gateway-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BASE_ENV = { JWT_SECRET: TEST_JWT_SECRET, INTERNAL_TOKEN_PRIVATE_KEY: TEST_INTERNAL_KEYS.privateKeyPem };

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Starts the gateway and waits for it to exit on its own; its exit code and the lines it wrote. */
async function refusedStart(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const gateway = await startServiceProcess({
    entry: "gateway/src/index.ts",
    portVariable: "GATEWAY_PORT",
    env: { ...BASE_ENV, ...env },
    readyPath: "",
  });
  const { code } = await gateway.exited;
  return { code, lines: gateway.output().trim().split("\n") };
}

test.each([
  ["missing", () => join(dir, "no-such-supergraph.graphql"), /does not exist/],
  ["empty", () => file("empty.graphql", "\n"), /is empty/],
  [
    "not GraphQL",
    () => file("garbage.graphql", "this is { not GraphQL"),
    /not a valid composed supergraph: Syntax Error/,
  ],
  [
    "GraphQL but not a supergraph",
    () => file("plain.graphql", "type Query { hello: String }"),
    /not a valid composed supergraph: Invalid supergraph/,
  ],
])("supergraph file %s: exit 1 and one line naming the file", async (_what, path, reason) => {
  const supergraph = path();
  const { code, lines } = await refusedStart({ SUPERGRAPH_PATH: supergraph });
  expect(code).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`[gateway] refusing to start: The supergraph file ${supergraph}`);
  expect(lines[0]).toMatch(reason);
  expect(lines[0]).not.toMatch(/\bat .+:\d+/);
});

test("a subgraph timeout that is not a number: exit 1 and one line naming the variable and its value", async () => {
  const { code, lines } = await refusedStart({ CARE_TIMEOUT_MS: "five seconds" });
  expect(code).toBe(1);
  expect(lines).toEqual([
    '[gateway] refusing to start: CARE_TIMEOUT_MS must be a positive whole number of milliseconds, not "five seconds".',
  ]);
});

test("with the committed supergraph the gateway starts and answers /health", async () => {
  const gateway = await startServiceProcess({
    entry: "gateway/src/index.ts",
    portVariable: "GATEWAY_PORT",
    env: BASE_ENV,
    readyPath: "/health",
  });
  try {
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  } finally {
    gateway.kill("SIGKILL");
    await gateway.exited;
  }
});
