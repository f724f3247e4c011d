// Scenario: a coordinator opens the explorer (GET / on the gateway) in a real headless Chromium
// (Debian chromium + playwright-core) on a graph seeded with the demo data of Ghent. Before any
// token the page shows a sign-in line and sends nothing (no 401 in the result pane). They paste a
// token and press Run at once: that very Run carries the token. The purpose starts empty and a
// personal query without it answers PURPOSE_REQUIRED. Headers typed in GraphiQL's Headers tab reach
// the gateway (the request id lands in the subgraph's audit log), but the token and purpose boxes
// win for authorization and x-purpose. The token is kept in sessionStorage, never localStorage.
// Every shipped example runs without errors for the role it is written for (the person example
// picks its id from the people list), the mutation is marked as writing data, the response time
// is shown, and the page carries a CSP and X-Frame-Options: DENY under which nothing is refused.
// Screenshots are saved in test-output/.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Browser, BrowserContext, chromium, Page } from "playwright-core";
import { EXAMPLE_OPERATIONS } from "../../gateway/src/explorer/examples";
import { runDemo } from "../../scripts/demo";
import { createDemoClient } from "../../scripts/demo/demo-client";
import { RunningGraph, startGraph } from "../support/graph";
import { callerToken, TEST_JWT_SECRET } from "../support/tokens";

/** Debian's chromium package (installed by .ci/run): the test fails, never skips, without it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUTPUT = join(__dirname, "..", "..", "test-output");

let graph: RunningGraph;
let browser: Browser;
let socialWorker: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium (as .ci/run does).`);
  }
  graph = await startGraph();
  const demo = await runDemo(createDemoClient(graph.graphqlUrl, TEST_JWT_SECRET), () => undefined);
  expect(demo.complete).toBe(true);
  socialWorker = await callerToken({ sub: "sw-explorer", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] });
  // Running as root (CI containers) needs Chromium's sandbox off.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  mkdirSync(OUTPUT, { recursive: true });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await graph?.stop();
});

interface SentRequest {
  headers: Record<string, string>;
  body: { query?: string; operationName?: string; variables?: Record<string, unknown> };
  status: number | null;
}

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Every POST to /graphql, with the headers the browser sent and the status it got. */
  graphql: SentRequest[];
  /** Console errors, page errors and CSP violations. */
  problems: string[];
}

/** A fresh browser context (own sessionStorage and localStorage), the explorer opened in it. */
async function open(): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  const graphql: SentRequest[] = [];
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/graphql")) {
      const sent: SentRequest = { headers: r.headers(), body: JSON.parse(r.postData() ?? "{}"), status: null };
      graphql.push(sent);
      r.response().then((res) => (sent.status = res?.status() ?? null));
    }
  });
  const opened = await page.goto(`${graph.url}/`);
  expect(opened!.status()).toBe(200);
  await page.waitForSelector(".graphiql-execute-button");
  return { context, page, graphql, problems };
}

/** Operations the coordinator ran (not the page's own schema request). */
const operations = (w: Watched) => w.graphql.filter((r) => r.body.operationName !== "IntrospectionQuery");

/** The text of the result pane (GraphiQL's CodeMirror). */
const result = (page: Page) =>
  page.evaluate(() => (document.querySelector(".result-window .CodeMirror") as any)?.CodeMirror.getValue() ?? "");

/** Presses Run, waits for the operation's answer and for the result pane to show exactly it. */
async function run(w: Watched): Promise<any> {
  const before = operations(w).length;
  await w.page.evaluate(() => document.getElementById("timing")!.removeAttribute("data-ms"));
  const answered = w.page.waitForResponse((r) => {
    if (!r.url().endsWith("/graphql") || r.request().method() !== "POST") return false;
    const sent = JSON.parse(r.request().postData() ?? "{}");
    // Not the page's schema request, nor the list an example picks its id from: the operation itself.
    return sent.operationName !== "IntrospectionQuery" && !/^query PickPerson/.test(sent.query ?? "");
  });
  await w.page.click(".graphiql-execute-button");
  const body = await (await answered).json();
  await w.page.waitForSelector("#timing[data-ms]", { timeout: 30_000 });
  await w.page.waitForFunction((expected) => {
    const text = (document.querySelector(".result-window .CodeMirror") as any)?.CodeMirror.getValue() ?? "";
    try {
      return JSON.stringify(JSON.parse(text)) === expected;
    } catch {
      return false;
    }
  }, JSON.stringify(body));
  expect(operations(w).length).toBeGreaterThan(before);
  return body;
}

async function openTab(page: Page, index: number): Promise<void> {
  await page.locator(".graphiql-tab").nth(index).locator("button").first().click();
}

async function typeHeaders(page: Page, json: string): Promise<void> {
  await page.getByRole("button", { name: "Headers" }).click();
  const editor = page.locator(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror");
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(json);
}

async function auditRowsFor(requestId: string): Promise<{ subject: string; purpose: string | null }[]> {
  return graph.dataSources.social.query(`SELECT subject, purpose FROM audit_log WHERE request_id = $1`, [requestId]);
}

test("on load: a sign-in line, an empty purpose, nothing sent, no 401 in the result pane; CSP and X-Frame-Options", async () => {
  const w = await open();
  const { page } = w;
  const res = await page.request.get(`${graph.url}/`);
  expect(res.headers()["x-frame-options"]).toBe("DENY");
  const csp = res.headers()["content-security-policy"];
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  const asset = await page.request.get(`${graph.url}/explorer/explorer.js`);
  expect(asset.headers()["x-frame-options"]).toBe("DENY");

  expect(await page.getAttribute("#sign-in-state", "data-state")).toBe("signed-out");
  expect(await page.textContent("#sign-in-state")).toMatch(/Not signed in: paste a token/);
  expect(await page.inputValue("#purpose")).toBe("");
  expect(await page.isVisible("#purpose-hint")).toBe(true);
  // GraphiQL is up (its editors and the example tabs), yet nothing went to /graphql.
  expect(await page.locator(".graphiql-tab").count()).toBe(EXAMPLE_OPERATIONS.length);
  expect(w.graphql).toEqual([]);
  expect(await result(page)).not.toMatch(/401|UNAUTHENTICATED/);
  expect(await page.textContent("body")).not.toMatch(/UNAUTHENTICATED/);
  await page.screenshot({ path: join(OUTPUT, "explorer-signed-out.png") });
  // GraphiQL's dialogs insert a <style> element when they open: the CSP lets them.
  await page.getByRole("button", { name: /settings/i }).click();
  await page.waitForSelector(".graphiql-dialog");
  await page.keyboard.press("Escape");
  expect(w.problems).toEqual([]);
  await w.context.close();
});

test("the first Run right after pasting a token carries it; the token is in sessionStorage only; response time shown", async () => {
  const w = await open();
  const { page } = w;
  await page.selectOption("#purpose", "CASE_MANAGEMENT");
  await page.fill("#token", socialWorker);
  // Run at once, before the page has even finished checking the token.
  const answer = await run(w);
  const first = operations(w)[0];
  expect(first.headers.authorization).toBe(`Bearer ${socialWorker}`);
  expect(first.headers["x-purpose"]).toBe("CASE_MANAGEMENT");
  expect(first.status).toBe(200);
  expect(answer.errors).toBeUndefined();
  expect(answer.data.people.totalCount).toBeGreaterThanOrEqual(10);
  expect(answer.data.people.edges.length).toBe(10);

  await page.waitForSelector("#sign-in-state[data-state=signed-in]");
  expect(await page.textContent("#sign-in-state")).toMatch(/Signed in as sw-explorer · SOCIAL_WORKER · OCMW_GENT/);
  expect(await page.textContent("#timing")).toMatch(/^Answered in \d+ ms · HTTP 200/);

  expect(await page.evaluate(() => sessionStorage.getItem("rg.explorer.token"))).toBe(socialWorker);
  const local = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(local).not.toContain(socialWorker.split(".")[2]);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  expect(await page.evaluate(() => document.cookie)).toBe("");
  await page.screenshot({ path: join(OUTPUT, "explorer-first-run.png") });

  // Signed in, the schema came with the token: the documentation explorer knows the Query type.
  await page.getByRole("button", { name: /Show Documentation Explorer/i }).click();
  await page.waitForSelector(".graphiql-doc-explorer-content");
  expect(await page.textContent(".graphiql-doc-explorer-content")).toMatch(/Query/);
  expect(w.problems).toEqual([]);
  await w.context.close();
});

test("without a purpose, personal data answers PURPOSE_REQUIRED and the purpose picker is flagged", async () => {
  const w = await open();
  const { page } = w;
  await page.fill("#token", socialWorker);
  const answer = await run(w);
  expect(operations(w)[0].headers["x-purpose"]).toBeUndefined();
  expect(answer.errors.map((e: any) => e.extensions.code)).toContain("PURPOSE_REQUIRED");
  expect(await page.getAttribute("body", "data-purpose-needed")).toBe("true");
  await page.screenshot({ path: join(OUTPUT, "explorer-purpose-required.png") });
  await page.selectOption("#purpose", "CASE_MANAGEMENT");
  expect(await page.getAttribute("body", "data-purpose-needed")).toBeNull();
  const again = await run(w);
  expect(again.errors).toBeUndefined();
  await w.context.close();
});

test("the Headers tab's headers reach the gateway; the token and purpose boxes win over them", async () => {
  const w = await open();
  const { page } = w;
  await page.fill("#token", socialWorker);
  await page.selectOption("#purpose", "CASE_MANAGEMENT");
  const requestId = `explorer-${randomUUID()}`;
  await typeHeaders(
    page,
    JSON.stringify({ "x-request-id": requestId, Authorization: "Bearer not-a-token", "X-Purpose": "REPORTING" }),
  );
  const answer = await run(w);
  const sent = operations(w)[0];
  expect(sent.headers["x-request-id"]).toBe(requestId);
  expect(sent.headers.authorization).toBe(`Bearer ${socialWorker}`);
  expect(sent.headers["x-purpose"]).toBe("CASE_MANAGEMENT");
  expect(answer.errors).toBeUndefined();
  // The gateway took the request id from the Headers tab: social recorded the read under it.
  const rows = await auditRowsFor(requestId);
  expect(rows.length).toBeGreaterThanOrEqual(1);
  expect(rows.every((r) => r.subject === "sw-explorer" && r.purpose === "CASE_MANAGEMENT")).toBe(true);

  // With the purpose box empty, the Headers tab's x-purpose is the one sent, and the gateway honours it.
  await page.selectOption("#purpose", "");
  const secondId = `explorer-${randomUUID()}`;
  await typeHeaders(page, JSON.stringify({ "x-request-id": secondId, "x-purpose": "CASE_MANAGEMENT" }));
  const viaHeaders = await run(w);
  expect(operations(w).at(-1)!.headers["x-purpose"]).toBe("CASE_MANAGEMENT");
  expect(viaHeaders.errors).toBeUndefined();
  expect((await auditRowsFor(secondId)).length).toBeGreaterThanOrEqual(1);
  await page.screenshot({ path: join(OUTPUT, "explorer-headers-tab.png") });
  expect(w.problems).toEqual([]);
  await w.context.close();
});

test.each(EXAMPLE_OPERATIONS.map((e, i) => [e.name, i] as const))(
  "the example %s runs as shipped, for the role it is written for",
  async (_name, index) => {
    const example = EXAMPLE_OPERATIONS[index];
    const w = await open();
    const { page } = w;
    await page.fill("#token", await callerToken({ sub: "explorer-examples", org: "OCMW_GENT", roles: [example.role] }));
    if (example.purpose) await page.selectOption("#purpose", example.purpose);
    await page.waitForSelector("#sign-in-state[data-state=signed-in]");
    await openTab(page, index);
    // A mutation is marked as writing data, in its text and on the page while its tab is open.
    expect(example.writes).toBe(/^\s*(#.*\n)*\s*mutation\b/.test(example.query));
    expect(example.query.startsWith("# WRITES DATA")).toBe(example.writes);
    await page.waitForFunction((writes) => document.getElementById("writes")!.hidden === !writes, example.writes);
    expect(await page.isVisible("#writes")).toBe(example.writes);

    const answer = await run(w);
    expect({ example: example.name, errors: answer.errors }).toEqual({ example: example.name, errors: undefined });
    expect(Object.values(answer.data).every((v) => v !== null)).toBe(true);
    if (example.writes) expect(await page.textContent("#timing")).toMatch(/^Wrote data: answered in \d+ ms/);
    if (example.pick) {
      // The id came from the list, and the variables editor shows which one.
      const picked = operations(w).find((r) => /PickPerson/.test(r.body.query ?? ""));
      expect(picked).toBeDefined();
      const ran = operations(w).at(-1)!;
      expect(typeof ran.body.variables?.id).toBe("string");
      expect(answer.data.person.id).toBe(ran.body.variables!.id);
      const shown = await page.evaluate(
        () => (document.querySelector(".graphiql-editor-tool .CodeMirror") as any).CodeMirror.getValue() as string,
      );
      expect(JSON.parse(shown)).toEqual({ id: ran.body.variables!.id });
    }
    await page.screenshot({ path: join(OUTPUT, `explorer-example-${index + 1}.png`) });
    expect(w.problems).toEqual([]);
    await w.context.close();
  },
);

test("a refused token shows as a sign-in state, and Sign out forgets the token", async () => {
  const w = await open();
  const { page } = w;
  await page.fill("#token", "not.a.token");
  await page.waitForSelector("#sign-in-state[data-state=refused]");
  expect(await page.textContent("#sign-in-state")).toMatch(/The token was refused/);
  await page.fill("#token", socialWorker);
  await page.waitForSelector("#sign-in-state[data-state=signed-in]");
  await page.click("#signout");
  await page.waitForSelector("#sign-in-state[data-state=signed-out]");
  expect(await page.inputValue("#token")).toBe("");
  expect(await page.evaluate(() => sessionStorage.getItem("rg.explorer.token"))).toBeNull();
  // The refused token's own 401 is the only error the console saw.
  expect(w.problems.filter((p) => !/401/.test(p))).toEqual([]);
  await w.context.close();
});
