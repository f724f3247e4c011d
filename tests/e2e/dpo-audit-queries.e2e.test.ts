// Scenario: two people, A and B. A social worker reads A's data held in all four subgraphs, and B's; an analyst
// and a social worker asking for health data are refused A's data (in social, in care). The DPO (purpose AUDIT) asks the gateway for A's trail: reads from
// all four subgraphs, in time order, only the accesses naming A, nothing of B; walked page by page it equals the
// full list. The DPO's own queries are audited (in social, and in each peer "via social"). auditLog finds what
// one caller did and the refusals; auditChains verifies each subgraph and names the row a superuser altered.
// Other roles and purposes are refused and recorded; bad input is refused naming the value.
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes } from "../support/graphql";
import { TokenClaims } from "../support/tokens";

const DPO: TokenClaims = { sub: "dpo-audit", org: "CITY_GHENT", roles: ["DPO"] };
const READER: TokenClaims = { sub: "trail-reader", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] };
const ANALYST: TokenClaims = { sub: "trail-analyst", org: "IOM", roles: ["ANALYST"] };
const CURIOUS: TokenClaims = { sub: "trail-curious", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] };

const TRAIL = `query Trail($id: ID!, $first: Int, $after: String, $from: Date, $to: Date) {
  auditTrail(personId: $id, first: $first, after: $after, from: $from, to: $to) {
    edges { cursor node { id at subgraph requestId subject organisation roles onBehalfOf purpose operation outcome
      accesses { category fields action outcome reason personIds } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const LOG = `query Log($filter: AuditLogFilter!, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    edges { node { id subgraph subject outcome accesses { category outcome reason personIds } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CHAINS = `query Chains($from: Date!, $to: Date!) { auditChains(from: $from, to: $to) { subgraph rowsChecked intact firstBroken { id at reason } } }`;
const READ_ALL = `query ReadAll($id: ID!) { person(id: $id) { givenName placement { id } referrals { id } enrolments { id } } }`;

let graph: RunningGraph;
let a: string;
let b: string;
const today = new Date().toISOString().slice(0, 10);

async function trailPage(first: number, after: string | null = null) {
  const res = await graph.query(TRAIL, { id: a, first, after }, DPO, "AUDIT");
  expect(res.errors).toBeUndefined();
  return res.data.auditTrail;
}

beforeAll(async () => {
  graph = await startGraph();
  const social = graph.dataSources.social;
  const [household] = await social.query(`INSERT INTO household DEFAULT VALUES RETURNING id`);
  const people = await social.query(
    `INSERT INTO person (household_id, given_name, family_name, sex) VALUES ($1, 'Olena', 'Trail', 'FEMALE'), ($1, 'Petro', 'Trail', 'MALE') RETURNING id`,
    [household.id],
  );
  [a, b] = people.map((p: { id: string }) => p.id);
  for (const id of [a, b, a]) {
    const res = await graph.query(READ_ALL, { id }, READER, "CASE_MANAGEMENT");
    expect(res.errors).toBeUndefined();
  }
  expect(errorCodes(await graph.query(READ_ALL, { id: a }, ANALYST, "REPORTING"))).toContain("FORBIDDEN");
  expect(
    errorCodes(
      await graph.query(
        `query H($id: ID!) { person(id: $id) { careContacts { id } } }`,
        { id: a },
        CURIOUS,
        "CASE_MANAGEMENT",
      ),
    ),
  ).toContain("FORBIDDEN");
}, 120_000);
afterAll(async () => {
  await graph?.stop();
});

test("a person's trail holds reads from all four subgraphs in time order, only the accesses naming them", async () => {
  const page = await trailPage(200);
  const nodes = page.edges.map((e: any) => e.node);
  expect(page.pageInfo.hasNextPage).toBe(false);
  expect(new Set(nodes.map((n: any) => n.subgraph))).toEqual(new Set(["social", "housing", "care", "education"]));
  const order = ["social", "housing", "care", "education"];
  for (let i = 1; i < nodes.length; i++) {
    const [p, n] = [nodes[i - 1], nodes[i]];
    expect(p.at < n.at || (p.at === n.at && order.indexOf(p.subgraph) <= order.indexOf(n.subgraph))).toBe(true);
  }
  for (const n of nodes) {
    expect(n.id).toMatch(new RegExp(`^${n.subgraph}:\\d+$`));
    expect(n.accesses.length).toBeGreaterThan(0);
    for (const access of n.accesses) expect(access.personIds).toEqual([a]);
  }
  expect(JSON.stringify(page)).not.toContain(b);
  // Values are never in the trail.
  expect(JSON.stringify(page)).not.toMatch(/Olena|Petro/);
  const reads = nodes.filter((n: any) => n.subject === "trail-reader");
  expect(reads.length).toBeGreaterThanOrEqual(8);
  expect(reads.find((n: any) => n.subgraph === "housing")).toMatchObject({
    organisation: "OCMW_GHENT",
    roles: ["SOCIAL_WORKER"],
    purpose: "CASE_MANAGEMENT",
    operation: expect.stringContaining("ReadAll"),
    outcome: "ALLOWED",
    accesses: [expect.objectContaining({ category: "HOUSING", action: "READ", outcome: "ALLOWED" })],
  });
  const refused = nodes.filter((n: any) => n.outcome === "REFUSED").map((n: any) => [n.subject, n.subgraph]);
  expect(refused).toEqual(
    expect.arrayContaining([
      ["trail-analyst", "social"],
      ["trail-curious", "care"],
    ]),
  );
});

test("walking the trail page by page gives the full list, without gaps or repeats", async () => {
  const before = (await trailPage(200)).edges.map((e: any) => e.node.id);
  // Each page asked is itself audited in the four subgraphs (four entries naming A, after everything seen):
  // pages of five still catch up with the end of the trail.
  const walked: { id: string; subject: string }[] = [];
  let after: string | null = null;
  let done = false;
  for (let pages = 0; pages < 100 && !done; pages++) {
    const page = await trailPage(5, after);
    walked.push(...page.edges.map((e: any) => ({ id: e.node.id, subject: e.node.subject })));
    done = !page.pageInfo.hasNextPage;
    after = page.pageInfo.endCursor;
  }
  expect(done).toBe(true);
  const ids = walked.map((w) => w.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.slice(0, before.length)).toEqual(before);
  // The full list asked now: the walk is its beginning, and what follows is only the DPO's last page query.
  const now = (await trailPage(200)).edges.map((e: any) => e.node);
  expect(now.slice(0, ids.length).map((n: any) => n.id)).toEqual(ids);
  expect(now.slice(ids.length).every((n: any) => n.subject === "dpo-audit")).toBe(true);
  expect(walked.slice(before.length).every((w) => w.subject === "dpo-audit")).toBe(true);
});

test("the DPO's queries are audited in social and in every peer, via social", async () => {
  await trailPage(5);
  for (const [name, ds] of Object.entries(graph.dataSources)) {
    const rows = await ds.query(
      `SELECT on_behalf_of, purpose, entries::text AS entries FROM audit_log WHERE subject = 'dpo-audit' AND $1 = ANY(person_ids)`,
      [a],
    );
    expect({ name, some: rows.length > 0 }).toEqual({ name, some: true });
    expect(rows.every((r: any) => r.purpose === "AUDIT" && r.entries.includes("AUDIT_TRAIL"))).toBe(true);
    if (name !== "social") expect(rows.every((r: any) => r.on_behalf_of === "via social")).toBe(true);
  }
  // Queries that name no person leave their record too, in social and in every peer.
  expect((await graph.query(LOG, { filter: { subject: "nobody-at-all" } }, DPO, "AUDIT")).errors).toBeUndefined();
  expect((await graph.query(CHAINS, { from: today, to: today }, DPO, "AUDIT")).errors).toBeUndefined();
  for (const [name, ds] of Object.entries(graph.dataSources)) {
    const [row] = await ds.query(
      `SELECT string_agg(entries::text, ' ') AS entries FROM audit_log WHERE subject = 'dpo-audit' AND purpose = 'AUDIT'`,
    );
    const fields =
      name === "social" ? ["Query.auditLog", "Query.auditChains"] : ["Query._auditRecords", "Query._auditChain"];
    for (const field of fields)
      expect({ name, field, found: row.entries.includes(field) }).toEqual({ name, field, found: true });
  }
});

test("auditLog: what one caller did, and refusals only, across subgraphs", async () => {
  const bySubject = await graph.query(LOG, { filter: { subject: "trail-reader" }, first: 200 }, DPO, "AUDIT");
  expect(bySubject.errors).toBeUndefined();
  const nodes = bySubject.data.auditLog.edges.map((e: any) => e.node);
  expect(nodes.every((n: any) => n.subject === "trail-reader")).toBe(true);
  expect(new Set(nodes.map((n: any) => n.subgraph)).size).toBe(4);
  const people = new Set(nodes.flatMap((n: any) => n.accesses.flatMap((x: any) => x.personIds)));
  expect(people).toEqual(new Set([a, b]));

  const refusals = await graph.query(LOG, { filter: { outcome: "REFUSED" }, first: 200 }, DPO, "AUDIT");
  expect(refusals.errors).toBeUndefined();
  const refused = refusals.data.auditLog.edges.map((e: any) => e.node);
  expect(refused.length).toBeGreaterThanOrEqual(2);
  expect(refused.every((n: any) => n.outcome === "REFUSED")).toBe(true);
  expect(refused.map((n: any) => n.subject)).toEqual(expect.arrayContaining(["trail-analyst", "trail-curious"]));

  const byOrg = await graph.query(LOG, { filter: { organisation: "IOM", purpose: "REPORTING" } }, DPO, "AUDIT");
  expect(byOrg.data.auditLog.edges.map((e: any) => e.node.subject)).toEqual(["trail-analyst"]);
});

test("bad input is refused naming the value", async () => {
  const unknown = "00000000-0000-4000-8000-00000000abcd";
  const missing = await graph.query(TRAIL, { id: unknown }, DPO, "AUDIT");
  expect(errorCodes(missing)).toEqual(["NOT_FOUND"]);
  expect(missing.errors![0].message).toContain(unknown);
  const backwards = await graph.query(TRAIL, { id: a, from: "2026-03-10", to: "2026-03-01" }, DPO, "AUDIT");
  expect(errorCodes(backwards)).toEqual(["BAD_USER_INPUT"]);
  expect(backwards.errors![0].message).toMatch(/2026-03-01.*2026-03-10/);
  const tooMany = await graph.query(TRAIL, { id: a, first: 201 }, DPO, "AUDIT");
  expect(errorCodes(tooMany)).toEqual(["BAD_USER_INPUT"]);
  expect(tooMany.errors![0].message).toContain("201");
  const noFilter = await graph.query(LOG, { filter: {} }, DPO, "AUDIT");
  expect(errorCodes(noFilter)).toEqual(["BAD_USER_INPUT"]);
  const badCursor = await graph.query(TRAIL, { id: a, after: "bm90LWEtY3Vyc29y" }, DPO, "AUDIT");
  expect(errorCodes(badCursor)).toEqual(["BAD_USER_INPUT"]);
  for (const res of [missing, backwards, tooMany, noFilter, badCursor]) expect(res.data?.auditTrail ?? null).toBeNull();
});

test("other roles and other purposes are refused, recorded, and read nothing of the trail", async () => {
  for (const [as, purpose] of [
    [READER, "AUDIT"],
    [READER, "CASE_MANAGEMENT"],
    [{ sub: "trail-admin", org: "CITY_GHENT", roles: ["ADMIN"] }, "AUDIT"],
    [DPO, "CASE_MANAGEMENT"],
    [DPO, null],
  ] as [TokenClaims, any][]) {
    for (const [query, vars] of [
      [TRAIL, { id: a }],
      [LOG, { filter: { subject: "trail-reader" } }],
      [CHAINS, { from: today, to: today }],
    ] as [string, Record<string, unknown>][]) {
      const res = await graph.query(query, vars, as, purpose);
      expect(errorCodes(res).some((c) => c === "FORBIDDEN" || c === "PURPOSE_REQUIRED")).toBe(true);
      expect(JSON.stringify(res.data ?? null)).not.toMatch(/trail-reader|rowsChecked|"edges"/);
    }
  }
  const refusals = await graph.dataSources.social.query(
    `SELECT count(*)::int AS n FROM audit_log WHERE subject = 'trail-admin' AND refused`,
  );
  expect(refusals[0].n).toBeGreaterThan(0);
});

test("auditChains verifies every subgraph and names the row a superuser altered", async () => {
  const intact = await graph.query(CHAINS, { from: today, to: today }, DPO, "AUDIT");
  expect(intact.errors).toBeUndefined();
  expect(intact.data.auditChains.map((c: any) => c.subgraph)).toEqual(["social", "housing", "care", "education"]);
  for (const c of intact.data.auditChains) expect(c).toMatchObject({ intact: true, firstBroken: null });
  expect(intact.data.auditChains.every((c: any) => c.rowsChecked > 0)).toBe(true);

  // The server's superuser, the one role able to get past both the privileges and the trigger.
  const care = graph.databases.care;
  const [victim] = await care.queryAs(
    "superuser",
    `SELECT id::text AS id FROM audit_log WHERE subject = 'trail-curious' LIMIT 1`,
  );
  await care.queryAs("superuser", `ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
  await care.queryAs("superuser", `UPDATE audit_log SET subject = 'someone-else' WHERE id = $1`, [victim.id]);
  await care.queryAs("superuser", `ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);

  const broken = await graph.query(CHAINS, { from: today, to: today }, DPO, "AUDIT");
  expect(broken.errors).toBeUndefined();
  const byName = Object.fromEntries(broken.data.auditChains.map((c: any) => [c.subgraph, c]));
  expect(byName.care).toMatchObject({ intact: false, firstBroken: { id: victim.id } });
  expect(byName.care.firstBroken.reason).toMatch(/altered/);
  expect(byName.social.intact).toBe(true);
  expect(errorCodes(await graph.query(CHAINS, { from: today, to: "2020-01-01" }, DPO, "AUDIT"))).toEqual([
    "BAD_USER_INPUT",
  ]);
});
