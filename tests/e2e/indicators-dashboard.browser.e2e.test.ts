// Scenario: a coordinator opens /dashboard on the gateway in a real headless Chromium (Debian
// chromium + playwright-core), pastes an ANALYST token, picks the current month and all sites, and
// sees the results matrix against targets with the numbers of the known data (two IOM centres,
// 8 + 7 places, three households: see tests/support/indicators-scenario.ts), housing figures,
// suppressed demographic cells shown as "suppressed" (never 0), and the occupancy chart drawn by
// Chart.js served from node_modules. The page loads nothing from elsewhere (CSP 'self', no
// violation), keeps the token in sessionStorage only, reads only through /graphql, and fits a
// phone's width. Screenshots (laptop and phone) are saved in test-output/.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Browser, chromium, Page } from "playwright-core";
import { RunningGraph, startGraph } from "../support/graph";
import { ANALYST, buildIndicatorsScenario, IndicatorsScenario } from "../support/indicators-scenario";
import { callerToken } from "../support/tokens";

/** Debian's chromium package (installed by .ci/run): the test fails, never skips, without it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUTPUT = join(__dirname, "..", "..", "test-output");

let graph: RunningGraph;
let browser: Browser;
let s: IndicatorsScenario;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium (as .ci/run does).`);
  }
  graph = await startGraph();
  s = await buildIndicatorsScenario(graph);
  // Running as root (CI containers) needs Chromium's sandbox off.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  mkdirSync(OUTPUT, { recursive: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await graph?.stop();
});

interface Watched {
  page: Page;
  requests: string[];
  problems: string[];
}

async function open(viewport: { width: number; height: number }): Promise<Watched> {
  const page = await browser.newPage({ viewport, locale: "en-GB" });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  return { page, requests, problems };
}

async function signInAndShow(page: Page, token: string) {
  const opened = await page.goto(`${graph.url}/dashboard`);
  expect(opened!.status()).toBe(200);
  expect(opened!.headers()["content-security-policy"]).toContain("default-src 'self'");
  expect(opened!.headers()["content-security-policy"]).toContain("script-src 'self'");
  await page.fill("#token", token);
  await page.click("#signin button[type=submit]");
  await page.waitForSelector("#filters:not([hidden])");
  await page.fill("#from", s.from);
  await page.fill("#to", s.to);
  await page.selectOption("#site", "");
  await page.click("#filters button[type=submit]");
  await page.waitForSelector("body[data-loaded=true]", { timeout: 30_000 });
}

const cell = (page: Page, rowSelector: string, column: number) =>
  page.locator(`${rowSelector} > :nth-child(${column})`).textContent();

test("a coordinator signs in, sees the results matrix and the figures, and the occupancy chart is drawn", async () => {
  const { page, requests, problems } = await open({ width: 1280, height: 900 });
  const token = await callerToken(ANALYST);
  await signInAndShow(page, token);

  // The results matrix against targets: Output 1.1 is 2 centres of target 2, met.
  expect(await cell(page, "#matrix tr[data-code=OUTPUT_1_1]", 3)).toBe("2");
  expect(await cell(page, "#matrix tr[data-code=OUTPUT_1_1]", 4)).toBe("2");
  expect(await cell(page, "#matrix tr[data-code=OUTPUT_1_1]", 6)).toBe("met");
  // Output 1.2: no staff trained yet: 0 of target 2, not met (a 0 is shown as 0).
  expect(await cell(page, "#matrix tr[data-code=OUTPUT_1_2_PSEA]", 3)).toBe("0");
  expect(await cell(page, "#matrix tr[data-code=OUTPUT_1_2_PSEA]", 6)).toBe("not met");
  expect(await page.locator("#matrix tbody tr").count()).toBe(5);

  // Housing: 15 validated places, 13 people placed, 13 / 15 = 86.7 %.
  expect(await cell(page, "#housing tr[data-field=placesTotal]", 2)).toBe("15");
  expect(await cell(page, "#housing tr[data-field=placesOccupied]", 2)).toBe("13");
  expect(await cell(page, "#housing tr[data-field=occupancyRate]", 2)).toBe("86.7 % (13 / 15)");

  // People served by age and sex: women 18–59 are 6; girls 0–4 (2) and, complementary, men 18–59 (5) are suppressed.
  expect(await cell(page, "#caseload tr[data-field=personsServed]", 2)).toBe("13");
  expect(await cell(page, "#caseload tr[data-age=AGE_18_59]", 2)).toBe("6");
  expect(await cell(page, "#caseload tr[data-age=AGE_18_59]", 3)).toBe("suppressed");
  expect(await cell(page, "#caseload tr[data-age=AGE_0_4]", 2)).toBe("suppressed");
  expect(await cell(page, "#caseload tr[data-age=AGE_0_4]", 3)).toBe("0");

  // The occupancy chart: one point per day of the month; on the first day 15 validated places and 13 people.
  const chart = await page.evaluate(() => {
    const c = (window as any).Chart.getChart("occupancy-chart");
    const canvas = document.getElementById("occupancy-chart") as HTMLCanvasElement;
    const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
    return {
      type: c.config.type,
      labels: c.data.labels.length,
      first: c.data.labels[0],
      datasets: c.data.datasets.map((d: any) => ({ label: d.label, first: d.data[0] })),
      width: canvas.width,
      inked,
    };
  });
  const days = Number(s.to.slice(8, 10));
  expect(chart).toMatchObject({ type: "line", labels: days, first: s.from });
  expect(chart.datasets).toEqual([
    { label: "Validated places", first: 15 },
    { label: "People placed", first: 13 },
    { label: "Available", first: 2 },
  ]);
  expect(chart.width).toBeGreaterThan(0);
  expect(chart.inked).toBeGreaterThan(1000);

  // Only this origin, nothing refused by the CSP, the token in this tab's session only.
  const origin = new URL(graph.url).origin;
  expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
  expect(requests.some((u) => u.endsWith("/dashboard/chart.umd.min.js"))).toBe(true);
  const dataRequests = requests.filter((u) => !u.includes("/dashboard"));
  expect(dataRequests.every((u) => u === `${origin}/graphql`)).toBe(true);
  expect(problems).toEqual([]);
  expect(await page.evaluate(() => sessionStorage.getItem("rg.dashboard.token"))).toBe(token);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  expect(await page.evaluate(() => document.cookie)).toBe("");

  await page.screenshot({ path: join(OUTPUT, "indicators-dashboard-laptop.png"), fullPage: true });
  expect(existsSync(join(OUTPUT, "indicators-dashboard-laptop.png"))).toBe(true);

  await page.click("#signout");
  expect(await page.evaluate(() => sessionStorage.getItem("rg.dashboard.token"))).toBeNull();
  expect(await page.locator("#panels").isHidden()).toBe(true);
  await page.close();
});

test("on a phone: one column, nothing wider than the screen, the chart drawn", async () => {
  const { page, problems } = await open({ width: 390, height: 844 });
  await signInAndShow(page, await callerToken(ANALYST));
  const layout = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
    chart: (document.getElementById("occupancy-chart") as HTMLCanvasElement).getBoundingClientRect().width,
  }));
  expect(layout.scroll).toBeLessThanOrEqual(layout.width);
  expect(layout.chart).toBeGreaterThan(250);
  expect(layout.chart).toBeLessThanOrEqual(layout.width);
  expect(await cell(page, "#matrix tr[data-code=OUTPUT_1_1]", 3)).toBe("2");
  expect(problems).toEqual([]);
  await page.screenshot({ path: join(OUTPUT, "indicators-dashboard-phone.png"), fullPage: true });
  await page.close();
});

test("a wrong token is refused and not kept; the page's files are served with the CSP", async () => {
  const { page } = await open({ width: 1280, height: 900 });
  await page.goto(`${graph.url}/dashboard`);
  await page.fill("#token", "not-a-token");
  await page.click("#signin button[type=submit]");
  await page.waitForFunction(() => document.getElementById("status")!.textContent!.includes("UNAUTHENTICATED"));
  expect(await page.evaluate(() => sessionStorage.getItem("rg.dashboard.token"))).toBeNull();
  expect(await page.locator("#filters").isHidden()).toBe(true);
  await page.close();

  const script = await fetch(`${graph.url}/dashboard/chart.umd.min.js`);
  expect(script.status).toBe(200);
  expect(script.headers.get("content-type")).toMatch(/javascript/);
  expect(await script.text()).toContain("Chart");
  expect((await fetch(`${graph.url}/dashboard/..%2F..%2Fpackage.json`)).status).toBe(404);
  expect((await fetch(`${graph.url}/dashboard/secrets.env`)).status).toBe(404);
});
