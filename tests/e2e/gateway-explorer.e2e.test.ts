// The coordinators' explorer at / is GraphiQL served from the gateway itself: no CDN, every asset it references answers.
import { buildClientSchema, getIntrospectionQuery, parse, validate } from "graphql";
import { EXAMPLE_OPERATIONS } from "../../gateway/src/explorer/examples";
import { RunningGraph, startGraph } from "../support/graph";

let graph: RunningGraph;
let html: string;
let status: number;
let contentType: string | null;

beforeAll(async () => {
  graph = await startGraph();
  const res = await fetch(`${graph.url}/`, { headers: { accept: "text/html" } });
  status = res.status;
  contentType = res.headers.get("content-type");
  html = await res.text();
});
afterAll(async () => {
  await graph?.stop();
});

/** Every src= and href= of the page. */
function references(page: string): string[] {
  return [...page.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]);
}

test("GET / answers HTML with GraphiQL, a token box and a purpose picker, without a token", () => {
  expect(status).toBe(200);
  expect(contentType).toMatch(/text\/html/);
  expect(html).toMatch(/<title>Reception Graph explorer<\/title>/);
  expect(html).toMatch(/\/explorer\/graphiql\.min\.js/);
  expect(html).toMatch(/id="token"/);
  expect(html).toMatch(/id="purpose"/);
  expect(html).toMatch(/CASE_MANAGEMENT/);
  expect(html).toMatch(/x-purpose/);
});

test("the page loads nothing from outside: no absolute http(s) or protocol-relative URL anywhere in it", () => {
  expect(html).not.toMatch(/https?:\/\//i);
  expect(references(html).filter((ref) => ref.startsWith("//"))).toEqual([]);
  expect(html).not.toMatch(/unpkg|jsdelivr|cdnjs|apollographql|embeddable-sandbox/i);
});

test("every script and stylesheet the page references is served by the gateway", async () => {
  const refs = references(html);
  expect(refs.filter((r) => r.startsWith("/explorer/")).length).toBeGreaterThanOrEqual(4);
  for (const ref of refs) {
    expect(ref.startsWith("/")).toBe(true);
    const res = await fetch(`${graph.url}${ref}`);
    expect({ ref, status: res.status }).toEqual({ ref, status: 200 });
    const body = await res.text();
    // The icon is a small SVG; every script and stylesheet is more than a stub.
    expect(body.length).toBeGreaterThan(ref.endsWith(".svg") ? 100 : 1000);
    if (ref.endsWith(".js")) expect(res.headers.get("content-type")).toMatch(/javascript/);
    if (ref.endsWith(".css")) expect(res.headers.get("content-type")).toMatch(/text\/css/);
  }
});

test("the bundled GraphiQL script itself fetches nothing from a CDN", async () => {
  const js = await (await fetch(`${graph.url}/explorer/graphiql.min.js`)).text();
  expect(js).not.toMatch(/unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com/);
});

test("an unknown explorer asset is a 404, and no file outside the bundle can be reached", async () => {
  expect((await fetch(`${graph.url}/explorer/nope.js`)).status).toBe(404);
  expect((await fetch(`${graph.url}/explorer/..%2Fpackage.json`)).status).toBe(404);
});

test("the explorer's examples are valid operations of the graph it serves", async () => {
  expect(EXAMPLE_OPERATIONS.length).toBeGreaterThan(0);
  const intro = await graph.query(getIntrospectionQuery(), {}, { roles: ["ANALYST"] }, null);
  expect(intro.errors).toBeUndefined();
  const schema = buildClientSchema(intro.data);
  for (const example of EXAMPLE_OPERATIONS) {
    const errors = validate(schema, parse(example.query)).map((e) => e.message);
    expect({ example: example.name, errors }).toEqual({ example: example.name, errors: [] });
  }
});
