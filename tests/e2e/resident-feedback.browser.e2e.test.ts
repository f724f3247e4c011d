// Scenario: a resident without an account opens the feedback page of her centre's DIGITAL channel on the
// gateway in a real headless Chromium, picks Ukrainian, sends a complaint and sees the thank-you page; the
// site's coordinator then finds it in `feedback`. The page is bounded: an oversized body is refused, the
// sixth rapid submission from one address is RATE_LIMITED, an unknown code is a plain 404, and the answer
// repeats nothing the resident wrote. Care accepts the resident identity on its internal mutation only.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Browser, chromium } from "playwright-core";
import { ok, siteCoordinator, validatedSite } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, postGraphql } from "../support/graphql";
import { internalToken, TokenClaims } from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

/** Debian's chromium package (installed by .ci/run): the test fails, never skips, without it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUTPUT = join(__dirname, "..", "..", "test-output");

let graph: RunningGraph;
let browser: Browser;
let siteId: string;
let coordinator: TokenClaims;
let siteCode: string;

const LIST = `query List($filter: FeedbackFilter) {
  feedback(first: 20, filter: $filter) { totalCount edges { node { text language category anonymous status person { id } channel { kind } } } } }`;
const feedbackRows = async () =>
  Number((await graph.dataSources.care.query(`SELECT count(*)::int AS n FROM feedback`))[0].n);
const auditRows = async () =>
  Number((await graph.dataSources.care.query(`SELECT count(*)::int AS n FROM ${AUDIT_LINES}`))[0].n);

function postJson(body: unknown) {
  return fetch(`${graph.url}/feedback/${siteCode}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium (as .ci/run does).`);
  }
  graph = await startGraph();
  siteId = await validatedSite(graph, "Ter Rive", [2]);
  coordinator = siteCoordinator(siteId);
  siteCode = ok(
    await graph.query(
      `mutation D($input: RegisterFeedbackChannelInput!) { registerFeedbackChannel(input: $input) { siteCode } }`,
      { input: { siteId, kind: "DIGITAL", description: "QR code in the entrance hall" } },
      coordinator,
    ),
  ).registerFeedbackChannel.siteCode;
  // Running as root (CI containers) needs Chromium's sandbox off.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  mkdirSync(OUTPUT, { recursive: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await graph?.stop();
});

test("a resident picks Ukrainian, submits, sees the thank-you page; the coordinator sees it; then the page's bounds hold", async () => {
  const auditBefore = await auditRows();
  const page = await browser.newPage({ locale: "en-GB" });
  const opened = await page.goto(`${graph.url}/feedback/${siteCode}`);
  expect(opened!.status()).toBe(200);
  expect(await page.locator("h1").textContent()).toBe("Feedback for your centre");

  await page.getByRole("link", { name: "Українська" }).click();
  await page.waitForURL(/lang=uk/);
  expect(await page.getAttribute("html", "lang")).toBe("uk");
  expect(await page.locator("h1").textContent()).toBe("Відгук для вашого центру");
  expect(await page.locator("#language").inputValue()).toBe("uk");
  await page.selectOption("#category", "COMPLAINT");
  await page.fill("#text", "Вночі в коридорі третього поверху немає світла.");
  await page.screenshot({ path: join(OUTPUT, "resident-feedback-form.png"), fullPage: true });
  const [answer] = await Promise.all([page.waitForResponse(/\/feedback\//), page.click("button[type=submit]")]);
  expect(answer.status()).toBe(201);
  expect(await page.locator("h1").textContent()).toBe("Дякуємо");
  const thanks = await page.content();
  expect(thanks).not.toContain("коридорі");
  await page.screenshot({ path: join(OUTPUT, "resident-feedback-thanks.png"), fullPage: true });
  expect(existsSync(join(OUTPUT, "resident-feedback-thanks.png"))).toBe(true);
  await page.close();

  const seen = ok(await graph.query(LIST, { filter: { siteId } }, coordinator, "CARE")).feedback;
  expect(seen).toEqual({
    totalCount: 1,
    edges: [
      {
        node: {
          text: "Вночі в коридорі третього поверху немає світла.",
          language: "uk",
          category: "COMPLAINT",
          anonymous: true,
          status: "OPEN",
          person: null,
          channel: { kind: "DIGITAL" },
        },
      },
    ],
  });
  // An anonymous resident leaves no audit line in care (the coordinator's list reads none either).
  expect(await auditRows()).toBe(auditBefore);

  // Second submission from this address: too large, refused before anything reaches care.
  const oversized = await postJson({ category: "COMPLAINT", text: "x".repeat(20_000), language: "en" });
  expect(oversized.status).toBe(413);
  expect((await oversized.json()).error.code).toBe("BAD_USER_INPUT");
  expect(await feedbackRows()).toBe(1);

  // Third to fifth: accepted, and the answer repeats nothing.
  for (const text of ["The washing machine is broken", "Thank you for the bikes", "Can we get a kettle?"]) {
    const res = await postJson({ category: "SUGGESTION", text, language: "en" });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ received: true });
  }
  expect(await feedbackRows()).toBe(4);

  // Sixth within the window: RATE_LIMITED, nothing written.
  const limited = await postJson({ category: "QUESTION", text: "One more?", language: "en" });
  expect(limited.status).toBe(429);
  expect((await limited.json()).error.code).toBe("RATE_LIMITED");
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await feedbackRows()).toBe(4);
});

test("an unknown or malformed site code is a plain 404", async () => {
  for (const code of ["zzzzzzzz", "not-a-code", "%3Cscript%3E"]) {
    const res = await fetch(`${graph.url}/feedback/${code}`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toContain("This feedback page does not exist.");
  }
});

test("care takes the resident identity on its internal mutation only, and that mutation from no one else", async () => {
  const care = graph.subgraphUrls.care;
  // Even with a purpose that covers feedback, the resident identity holds no role.
  const resident = await internalToken({ sub: "resident", org: "RESIDENT", roles: [] }, "CARE", ["care"]);
  const publicMutation = await postGraphql(
    care,
    `mutation { submitFeedback(input: { siteId: "${siteId}", channelId: "${siteId}", category: COMPLAINT, text: "x", language: "en", anonymous: true }) { id } }`,
    {},
    { authorization: `Bearer ${resident}` },
  );
  expect(errorCodes(publicMutation)).toEqual(["FORBIDDEN"]);
  const staff = await internalToken(coordinator, "CARE", ["care"]);
  const asStaff = await postGraphql(
    care,
    `mutation { _submitResidentFeedback(siteCode: "${siteCode}", category: COMPLAINT, text: "x", language: "en") }`,
    {},
    { authorization: `Bearer ${staff}` },
  );
  expect(errorCodes(asStaff)).toEqual(["FORBIDDEN"]);
  // Not part of the public graph at all.
  const viaGateway = await graph.query(
    `mutation { _submitResidentFeedback(siteCode: "${siteCode}", category: COMPLAINT, text: "x", language: "en") }`,
    {},
    coordinator,
    "CARE",
  );
  expect(errorCodes(viaGateway)).toEqual(["BAD_USER_INPUT"]);
  expect(await feedbackRows()).toBe(4);
});
