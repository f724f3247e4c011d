// Scenario: two children are registered (social), placed (housing), referred (care, with a health contact each)
// and enrolled (education). The DPO downloads the first child's subject-access export from the gateway: it holds
// that child's data from all four subgraphs, the health contact apart in a section marked special category, and
// nothing of the other child; every read is audited SUBJECT_ACCESS. Other roles, other purposes, malformed and
// unknown IDs are refused without a line of data, and outside the export a DPO reads no personal data.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseExportArgs, runExport } from "../../scripts/dpo-export";
import { ok, seedPeopleAcrossGraph, SOCIAL } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes } from "../support/graphql";
import { callerToken, TokenClaims } from "../support/tokens";

const DPO: TokenClaims = { sub: "dpo-ghent", org: "CITY_GHENT", roles: ["DPO"] };
const CAW: TokenClaims = { sub: "sar-nurse", org: "CAW_OOST_VLAANDEREN", roles: ["CARE_WORKER"] };
const OUTCOMES = ["Asthma follow-up arranged", "Fracture healed, no follow-up"];

let graph: RunningGraph;
let subject: string;
let other: string;
let siteId: string;

async function download(personId: string, as: TokenClaims, purpose?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${await callerToken(as)}` };
  if (purpose) headers["x-purpose"] = purpose;
  const res = await fetch(`${graph.url}/dpo/subject-access/${personId}.json`, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function auditCount(): Promise<number> {
  let n = 0;
  for (const ds of Object.values(graph.dataSources)) {
    const [row] = await ds.query(`SELECT count(*)::int AS n FROM audit_log`);
    n += row.n;
  }
  return n;
}

beforeAll(async () => {
  graph = await startGraph();
  const seeded = await seedPeopleAcrossGraph(graph, 2);
  [subject, other] = seeded.personIds;
  siteId = seeded.siteId;
  for (const [i, personId] of [subject, other].entries()) {
    const referral = ok(
      await graph.query(`query R($id: ID!) { person(id: $id) { referrals { id } } }`, { id: personId }, SOCIAL),
    ).person.referrals[0].id;
    ok(
      await graph.query(
        `mutation T($input: TransitionReferralInput!) { transitionReferral(input: $input) { status } }`,
        { input: { referralId: referral, to: "ACCEPTED" } },
        CAW,
        "CARE",
      ),
    );
    ok(
      await graph.query(
        `mutation C($input: RecordCareContactInput!) { recordCareContact(input: $input) { id } }`,
        { input: { personId, siteId, date: "2022-05-03", kind: "CHECK_UP", outcome: OUTCOMES[i] } },
        CAW,
        "CARE",
      ),
    );
  }
}, 240_000);
afterAll(async () => {
  await graph?.stop();
});

test("the export holds the person's data from all four subgraphs, health apart and marked, and nobody else's", async () => {
  const res = await download(subject, DPO);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toContain(`subject-access-${subject}.json`);
  expect(res.headers.get("cache-control")).toBe("no-store");
  const doc = res.body;
  expect(doc.export).toMatchObject({
    kind: "SUBJECT_ACCESS",
    personId: subject,
    requestedBy: { subject: "dpo-ghent" },
  });
  // social
  expect(doc.person).toMatchObject({ id: subject, familyName: "Loader", birthDate: "2016-04-01" });
  expect(doc.person.household.id).toEqual(expect.any(String));
  // housing
  expect(doc.person.placement.site.id).toBe(siteId);
  // care (referral envelope) and education
  expect(doc.person.referrals).toHaveLength(1);
  expect(doc.person.referrals[0].status).toBe("ACCEPTED");
  expect(doc.person.enrolments).toHaveLength(1);
  expect(doc.person.enrolmentRequests).toHaveLength(1);
  // special category: apart, marked, and only there
  expect(doc.specialCategory).toMatchObject({ category: "HEALTH", specialCategory: true });
  expect(doc.specialCategory.data.careContacts).toEqual([
    expect.objectContaining({ kind: "CHECK_UP", outcome: OUTCOMES[0] }),
  ]);
  expect(JSON.stringify(doc.person)).not.toContain(OUTCOMES[0]);
  expect(doc.person.careContacts).toBeUndefined();
  // the audit lines naming the person, from all four subgraphs, oldest first, this export's reads among them
  const trail = doc.auditTrail.entries;
  expect(new Set(trail.map((e: any) => e.subgraph))).toEqual(new Set(["social", "housing", "care", "education"]));
  expect(trail.map((e: any) => e.at)).toEqual([...trail.map((e: any) => e.at)].sort());
  const exportReads = trail.filter((e: any) => e.subject === "dpo-ghent");
  expect(exportReads.some((e: any) => e.accesses.some((x: any) => x.reason === "SUBJECT_ACCESS"))).toBe(true);
  const nurse = trail.filter((e: any) => e.subject === "sar-nurse");
  expect(nurse.some((e: any) => e.accesses.some((x: any) => x.category === "HEALTH"))).toBe(true);
  // nobody else's data
  const text = JSON.stringify(doc);
  expect(text).not.toContain(other);
  expect(text).not.toContain(OUTCOMES[1]);
  expect(text).not.toMatch(/ChildB/);

  // Every subgraph recorded the export's reads of this person, as SUBJECT_ACCESS, and of no one else.
  for (const [name, ds] of Object.entries(graph.dataSources)) {
    const rows: { text: string }[] = await ds.query(
      `SELECT row_to_json(a)::text AS text FROM audit_log a WHERE subject = 'dpo-ghent'`,
    );
    expect({ name, rows: rows.length > 0 }).toEqual({ name, rows: true });
    const all = rows.map((r) => r.text).join("\n");
    expect(all).toContain(subject);
    expect(all).toContain("SUBJECT_ACCESS");
    expect(all).not.toContain(other);
  }
}, 60_000);

test("another role, or a DPO with another purpose, is refused and nothing is read", async () => {
  const before = await auditCount();
  for (const [as, purpose] of [
    [SOCIAL, "CASE_MANAGEMENT"],
    [{ sub: "nurse", org: "CAW_OOST_VLAANDEREN", roles: ["CARE_WORKER"] }, "AUDIT"],
    [{ sub: "analyst", org: "IOM", roles: ["ANALYST"] }, undefined],
    [DPO, "CASE_MANAGEMENT"],
  ] as [TokenClaims, string | undefined][]) {
    const res = await download(subject, as, purpose);
    expect(res.status).toBe(403);
    expect(res.body.errors[0].extensions.code).toBe("FORBIDDEN");
    expect(JSON.stringify(res.body)).not.toMatch(/Loader|2016-04-01/);
  }
  const anonymous = await fetch(`${graph.url}/dpo/subject-access/${subject}.json`);
  expect(anonymous.status).toBe(401);
  expect(await auditCount()).toBe(before);
});

test("a malformed ID is BAD_USER_INPUT and an unknown one NOT_FOUND, each naming the value", async () => {
  const bad = await download("not-a-uuid", DPO);
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "personId" } });
  expect(bad.body.errors[0].message).toContain("not-a-uuid");
  const unknown = "00000000-0000-4000-8000-000000000000";
  const missing = await download(unknown, DPO);
  expect(missing.status).toBe(404);
  expect(missing.body.errors[0]).toMatchObject({ extensions: { code: "NOT_FOUND", field: "personId" } });
  expect(missing.body.errors[0].message).toContain(unknown);
});

test("outside the export a DPO reads no personal field, with purpose AUDIT or any other", async () => {
  for (const purpose of ["AUDIT", "CASE_MANAGEMENT"] as const) {
    for (const query of [
      `query P($id: ID!) { person(id: $id) { givenName } }`,
      `query P($id: ID!) { person(id: $id) { placement { id } } }`,
      `query P($id: ID!) { person(id: $id) { careContacts { outcome } } }`,
      `query P($id: ID!) { person(id: $id) { enrolments { id } } }`,
    ]) {
      const res = await graph.query(query, { id: subject }, DPO, purpose);
      expect(errorCodes(res)).toContain("FORBIDDEN");
      expect(JSON.stringify(res.data ?? {})).not.toMatch(/Loader|Asthma|"id":"[0-9a-f-]{36}"/);
    }
  }
});

test("npm run dpo:export writes the same document to the file named by --out, readable by its owner only", async () => {
  const dir = await mkdtemp(join(tmpdir(), "sar-"));
  try {
    const args = parseExportArgs(["--person", subject, "--out", join(dir, "export.json"), "--sub", "dpo-ghent"]);
    const out = await runExport(args, graph.url, await callerToken({ ...DPO, org: args.org }));
    const written = JSON.parse(await readFile(out, "utf8"));
    const served = (await download(subject, DPO)).body;
    expect(written.export).toMatchObject({ kind: "SUBJECT_ACCESS", personId: subject });
    expect(written.person).toEqual(served.person);
    expect(written.specialCategory).toEqual(served.specialCategory);
    // The later download's trail holds the earlier one's lines, and the lines of the earlier download itself.
    const ids = (d: any) => d.auditTrail.entries.map((e: any) => e.id);
    expect(ids(served).slice(0, ids(written).length)).toEqual(ids(written));
    expect(ids(served).length).toBeGreaterThan(ids(written).length);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect(() => parseExportArgs(["--person", "nobody"])).toThrow(/nobody/);
    expect(() => parseExportArgs([])).toThrow(/--person is required/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
