// Reads of personal data through the gateway leave audit rows in the owning subgraph's database, refusals too, and never the values read.
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes } from "../support/graphql";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
let personId: string;

const READ = `query ReadPerson($id: ID!) { person(id: $id) { id givenName familyName birthDate } }`;

interface AuditRow {
  subject: string;
  organisation: string;
  roles: string[];
  person_id: string | null;
  category: string;
  fields: string[];
  operation: string;
  action: string;
  purpose: string | null;
  outcome: string;
  reason: string | null;
  request_id: string;
}

async function auditRows(subject: string): Promise<AuditRow[]> {
  return graph.dataSources.social.query(`SELECT * FROM ${AUDIT_LINES} WHERE subject = $1 ORDER BY id`, [subject]);
}

beforeAll(async () => {
  graph = await startGraph();
  const reg = await graph.query(
    `mutation Register($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { members { id } } }`,
    {
      input: {
        members: [{ givenName: "Iryna", familyName: "Bondarenko", birthDate: "1990-02-03", sex: "FEMALE" }],
      },
    },
    { sub: "registrar", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] },
  );
  expect(reg.errors).toBeUndefined();
  personId = reg.data.registerHousehold.members[0].id;
});
afterAll(async () => {
  await graph?.stop();
});

test("a read of personal data writes ALLOWED rows naming who, which person, which fields, operation and purpose", async () => {
  const res = await graph.query(
    READ,
    { id: personId },
    { sub: "reader-1", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] },
    "CASE_MANAGEMENT",
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.person.givenName).toBe("Iryna");

  const rows = await auditRows("reader-1");
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row).toMatchObject({
      organisation: "OCMW_GENT",
      roles: ["SOCIAL_WORKER"],
      person_id: personId,
      action: "READ",
      purpose: "CASE_MANAGEMENT",
      outcome: "ALLOWED",
    });
    expect(row.operation).toBe("query ReadPerson");
    expect(row.request_id).toBeTruthy();
  }
  const categories = new Set(rows.map((r) => r.category));
  expect(categories).toEqual(new Set(["IDENTITY_BASIC", "IDENTITY_FULL"]));
  expect(rows.flatMap((r) => r.fields).join(" ")).toMatch(/birthDate/);
  // The values read are never written to the audit trail.
  const everything = JSON.stringify(rows);
  expect(everything).not.toMatch(/Iryna|Bondarenko|1990-02-03/);
});

test("a read without a purpose is refused with PURPOSE_REQUIRED and the refusal is recorded", async () => {
  const res = await graph.query(
    READ,
    { id: personId },
    { sub: "reader-2", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] },
    null,
  );
  expect(errorCodes(res)).toContain("PURPOSE_REQUIRED");
  expect(JSON.stringify(res.data ?? {})).not.toMatch(/Iryna|Bondarenko/);

  const rows = await auditRows("reader-2");
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.outcome === "REFUSED" && r.reason === "PURPOSE_REQUIRED")).toBe(true);
  expect(rows.every((r) => r.person_id === personId && r.purpose === null)).toBe(true);
});

test("a read by a role the matrix does not allow is refused with FORBIDDEN and the refusal is recorded", async () => {
  const res = await graph.query(
    READ,
    { id: personId },
    { sub: "analyst-1", org: "STAD_GENT", roles: ["ANALYST"] },
    "REPORTING",
  );
  expect(errorCodes(res)).toContain("FORBIDDEN");
  expect(JSON.stringify(res.data ?? {})).not.toMatch(/Iryna|Bondarenko|1990-02-03/);

  const rows = await auditRows("analyst-1");
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.outcome === "REFUSED" && r.reason === "FORBIDDEN")).toBe(true);
  expect(rows.every((r) => r.organisation === "STAD_GENT" && r.purpose === "REPORTING")).toBe(true);
});

test("the audit trail is append-only in the database", async () => {
  // The subgraph's own role has no privilege to change it; its owner is stopped by the trigger.
  await expect(graph.dataSources.social.query(`UPDATE audit_log SET subject = 'someone-else'`)).rejects.toThrow(
    /permission denied for table audit_log/,
  );
  await expect(graph.dataSources.social.query(`DELETE FROM audit_log`)).rejects.toThrow(
    /permission denied for table audit_log/,
  );
  const db = graph.databases.social;
  await expect(db.queryAs("owner", `UPDATE audit_log SET subject = 'someone-else'`)).rejects.toThrow(/append-only/);
  await expect(db.queryAs("owner", `DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
});
