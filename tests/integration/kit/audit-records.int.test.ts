// One compact, hash-chained audit record per request: a request's reads go in one INSERT; a write's record commits in
// its transaction or the write does not happen; concurrent inserts keep one intact chain; a row altered by the
// superuser is named by verifyAuditChain; the migration converts old lines and its down restores them.
import {
  AuditRecords1764950000000,
  auditRowHash,
  AuditTrail,
  AUDIT_CHAIN_GENESIS,
  createSubgraphDataSource,
  jsonbText,
  openDatabase,
  queryCount,
  verifyAuditChain,
} from "@reception-graph/kit";
import { socialSubgraph } from "@reception-graph/social";
import { Client } from "pg";
import { auditRows } from "../../support/audit";
import { migratedDatabase, serverUrl, TestDatabase, undoThrough } from "../../support/db";

let db: TestDatabase;
beforeAll(async () => {
  db = await migratedDatabase(socialSubgraph);
});
afterAll(async () => {
  await db?.close();
});

const caller = {
  sub: "sw-rec",
  org: "OCMW_GENT",
  roles: ["SOCIAL_WORKER" as const],
  sites: [],
  schools: [],
  organisations: [],
};

const person = (n: number) => `6f1c1f4e-58a4-4c39-9a55-${String(n).padStart(12, "0")}`;

/** The test server's superuser, on this file's database (the application may connect as a lesser role). */
async function asSuperuser<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const url = new URL(serverUrl());
  url.pathname = new URL(db.url).pathname;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function trail(requestId: string, operationName: string | null = "PeopleList") {
  return new AuditTrail(db.dataSource, caller, "CASE_MANAGEMENT", requestId, {
    subgraph: "social",
    operationName,
    onBehalfOf: "via housing",
  });
}

test("a 100-person read is one INSERT of one compact record naming every person once", async () => {
  const t = trail("req-list");
  t.describeOperation("query", ["people"]);
  for (let i = 0; i < 100; i++) {
    for (const field of ["Person.givenName", "Person.familyName"])
      t.record({ personId: person(i), category: "IDENTITY_BASIC", field, action: "READ", outcome: "ALLOWED" });
  }
  t.record({
    personId: person(7),
    category: "HEALTH",
    field: "Person.health",
    action: "READ",
    outcome: "REFUSED",
    reason: "FORBIDDEN",
  });
  const before = queryCount(db.dataSource);
  await t.flush();
  expect(queryCount(db.dataSource) - before).toBe(1);
  const records = await db.dataSource.query(`SELECT * FROM audit_log WHERE request_id = 'req-list'`);
  expect(records).toHaveLength(1);
  const [r] = records;
  expect(r).toMatchObject({
    subject: "sw-rec",
    organisation: "OCMW_GENT",
    roles: ["SOCIAL_WORKER"],
    purpose: "CASE_MANAGEMENT",
    operation: "query PeopleList",
    on_behalf_of: "via housing",
    refused: true,
  });
  expect(r.person_ids).toHaveLength(100);
  expect(r.entries).toEqual([
    {
      c: "IDENTITY_BASIC",
      f: ["Person.familyName", "Person.givenName"],
      a: "R",
      o: "A",
      p: Array.from({ length: 100 }, (_, i) => i),
    },
    { c: "HEALTH", f: ["Person.health"], a: "R", o: "R", r: "FORBIDDEN", p: [7] },
  ]);
  // Small: the whole record of a 100-person list, hashes included.
  const [{ bytes }] = await db.dataSource.query(
    `SELECT pg_column_size(a.*) AS bytes FROM audit_log a WHERE request_id = 'req-list'`,
  );
  expect(bytes).toBeLessThan(4000);
  const lines = await auditRows(db.dataSource, "request_id = $1 AND person_id = $2", ["req-list", person(7)]);
  expect(lines.map((l) => [l.category, l.outcome, l.fields])).toEqual([
    ["IDENTITY_BASIC", "ALLOWED", ["Person.familyName", "Person.givenName"]],
    ["HEALTH", "REFUSED", ["Person.health"]],
  ]);
});

test("an unnamed operation is named by its type and root fields", async () => {
  const t = trail("req-unnamed", null);
  t.describeOperation("mutation", ["placeHousehold"]);
  t.record({
    personId: null,
    category: "ROLE",
    field: "Mutation.x",
    action: "WRITE",
    outcome: "REFUSED",
    reason: "FORBIDDEN",
  });
  await t.flush();
  const [r] = await db.dataSource.query(
    `SELECT operation, person_ids, entries FROM audit_log WHERE request_id = 'req-unnamed'`,
  );
  expect(r).toEqual({
    operation: "mutation placeHousehold",
    person_ids: [],
    entries: [{ c: "ROLE", f: ["Mutation.x"], a: "W", o: "R", r: "FORBIDDEN" }],
  });
});

test("recordWrite outside a transaction throws, and a write's record commits in its transaction", async () => {
  const t = trail("req-write");
  expect(() => t.recordWrite({ category: "IDENTITY_FULL", personId: person(1), field: "Mutation.x" })).toThrow(
    /outside ctx.access.transaction/,
  );
  const id = await t.transaction(async (m) => {
    const [row] = await m.query(`INSERT INTO household DEFAULT VALUES RETURNING id`);
    t.recordWrite({ category: "IDENTITY_FULL", personId: person(1), field: "Mutation.registerHousehold" });
    return row.id as string;
  });
  expect(await db.dataSource.query(`SELECT 1 FROM household WHERE id = $1`, [id])).toHaveLength(1);
  const [r] = await db.dataSource.query(`SELECT person_ids, entries FROM audit_log WHERE request_id = 'req-write'`);
  expect(r).toEqual({
    person_ids: [person(1)],
    entries: [{ c: "IDENTITY_FULL", f: ["Mutation.registerHousehold"], a: "W", o: "A", p: [0] }],
  });
  // The read record of the request stays empty: the write's decision went with the transaction.
  expect(t.size).toBe(0);
});

test("a write whose audit insert fails leaves no data", async () => {
  await asSuperuser(async (c) => {
    await c.query(`CREATE FUNCTION audit_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit storage unavailable (test)'; END $$`);
    await c.query(
      `CREATE TRIGGER audit_test_fail BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_test_fail()`,
    );
  });
  try {
    const [{ n: before }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM household`);
    const t = trail("req-write-fails");
    await expect(
      t.transaction(async (m) => {
        await m.query(`INSERT INTO household DEFAULT VALUES`);
        t.recordWrite({ category: "IDENTITY_FULL", personId: person(2), field: "Mutation.registerHousehold" });
      }),
    ).rejects.toThrow(/audit storage unavailable/);
    const [{ n: after }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM household`);
    expect(after).toBe(before);
    expect(await db.dataSource.query(`SELECT 1 FROM audit_log WHERE request_id = 'req-write-fails'`)).toEqual([]);
  } finally {
    await asSuperuser(async (c) => {
      await c.query(`DROP TRIGGER audit_test_fail ON audit_log`);
      await c.query(`DROP FUNCTION audit_test_fail()`);
    });
  }
});

test("40 concurrent inserts leave every record in one intact chain, verified in Node", async () => {
  const from = new Date(Date.now() - 60_000);
  await Promise.all(
    Array.from({ length: 40 }, async (_, i) => {
      const t = trail(`req-par-${i}`);
      t.record({
        personId: person(i),
        category: "IDENTITY_BASIC",
        field: "Person.givenName",
        action: "READ",
        outcome: "ALLOWED",
      });
      await t.flush();
    }),
  );
  const [{ n }] = await db.dataSource.query(
    `SELECT count(*)::int AS n FROM audit_log WHERE request_id LIKE 'req-par-%'`,
  );
  expect(n).toBe(40);
  const [{ total }] = await db.dataSource.query(`SELECT count(*)::int AS total FROM audit_log`);
  const result = await verifyAuditChain(db.dataSource, from, new Date(Date.now() + 60_000));
  expect(result).toEqual({ rowsChecked: total, intact: true, firstBroken: null });
  // Each record links to the one before it, in id order, from the 32 zero bytes.
  const rows = await db.dataSource.query(`SELECT prev_hash, hash FROM audit_log ORDER BY id`);
  expect(rows[0].prev_hash.equals(AUDIT_CHAIN_GENESIS)).toBe(true);
  for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash.equals(rows[i - 1].hash)).toBe(true);
});

test("Node prints jsonb as PostgreSQL does, so auditRowHash recomputes the database's hash", async () => {
  const value = [{ c: 'X"\\\n\u0001é', f: ["b", "a"], a: "R", o: "A", long_key: 1, p: [0, 12] }, {}, []];
  const [{ text }] = await db.dataSource.query(`SELECT ($1::jsonb)::text AS text`, [JSON.stringify(value)]);
  expect(jsonbText(value)).toBe(text);
  const [r] = await db.dataSource.query(
    `SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, request_id, subject,
            organisation, roles, on_behalf_of, purpose, operation, person_ids::text[] AS person_ids, entries, refused,
            prev_hash, hash
     FROM audit_log WHERE request_id = 'req-list'`,
  );
  const recomputed = auditRowHash(r.prev_hash, {
    id: r.id,
    at: r.at,
    requestId: r.request_id,
    subject: r.subject,
    organisation: r.organisation,
    roles: r.roles,
    onBehalfOf: r.on_behalf_of,
    purpose: r.purpose,
    operation: r.operation,
    personIds: r.person_ids,
    entries: r.entries,
    refused: r.refused,
  });
  expect(recomputed.toString("hex")).toBe(r.hash.toString("hex"));
});

test("the application's connection cannot UPDATE, DELETE or TRUNCATE audit records", async () => {
  const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`);
  await expect(db.dataSource.query(`UPDATE audit_log SET subject = 'someone-else'`)).rejects.toThrow();
  await expect(db.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow();
  await expect(db.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow();
  const [{ n: after }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`);
  expect(after).toBe(n);
  expect(await db.dataSource.query(`SELECT 1 FROM audit_log WHERE subject = 'someone-else'`)).toEqual([]);
});

test("migration down restores one line per person, and up again keeps every record and an intact chain", async () => {
  const mine = trail("req-before-down");
  mine.record({
    personId: person(30),
    category: "HEALTH",
    field: "Person.x",
    action: "READ",
    outcome: "REFUSED",
    reason: "FORBIDDEN",
  });
  mine.record({
    personId: null,
    category: "ROLE",
    field: "Query.y",
    action: "READ",
    outcome: "REFUSED",
    reason: "FORBIDDEN",
  });
  await mine.flush();
  const before = await auditRows(
    db.dataSource,
    "true",
    [],
    "request_id, subject, person_id, category, fields, action, outcome, reason, purpose",
  );
  const requests = await db.dataSource.query(`SELECT request_id FROM audit_log ORDER BY id`);
  const key = (l: Record<string, unknown>) => JSON.stringify(l);
  // Migrations run as the owner role, as a subgraph process runs them; the application role may not.
  const owner = await openDatabase(createSubgraphDataSource(socialSubgraph, db.ownerUrl, undefined, db.roles.app));
  try {
    await undoThrough(owner, AuditRecords1764950000000.name);
    const old = await owner.query(
      `SELECT request_id, subject, person_id, category, fields, action, outcome, reason, purpose FROM audit_log ORDER BY id`,
    );
    expect(old.map(key).sort()).toEqual(before.map(key).sort());
    await expect(owner.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await owner.runMigrations({ transaction: "each" });
  } finally {
    await owner.destroy();
  }
  const after = await auditRows(
    db.dataSource,
    "true",
    [],
    "request_id, subject, person_id, category, fields, action, outcome, reason, purpose",
  );
  expect(after.map(key).sort()).toEqual(before.map(key).sort());
  expect(await db.dataSource.query(`SELECT request_id FROM audit_log ORDER BY id`)).toEqual(requests);
  const result = await verifyAuditChain(db.dataSource, new Date(0), new Date(Date.now() + 60_000));
  expect(result).toEqual({ rowsChecked: requests.length, intact: true, firstBroken: null });
  // New records chain on after the converted ones.
  const t = trail("req-after-up");
  t.record({
    personId: person(3),
    category: "IDENTITY_BASIC",
    field: "Person.givenName",
    action: "READ",
    outcome: "ALLOWED",
  });
  await t.flush();
  expect((await verifyAuditChain(db.dataSource, new Date(0), new Date(Date.now() + 60_000))).intact).toBe(true);
});

test("a record altered by the database superuser is named by verifyAuditChain", async () => {
  const [target] = await db.dataSource.query(`SELECT id::text AS id FROM audit_log WHERE request_id = 'req-par-5'`);
  await asSuperuser(async (c) => {
    await c.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await c.query(`UPDATE audit_log SET person_ids = '{}', entries = '[]' WHERE id = $1`, [target.id]);
    await c.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
  });
  const result = await verifyAuditChain(db.dataSource, new Date(0), new Date(Date.now() + 60_000));
  expect(result.intact).toBe(false);
  expect(result.firstBroken).toMatchObject({ id: target.id, reason: expect.stringMatching(/content does not match/) });
  expect(result.firstBroken!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
});

test("the check before a write and the write are one line, in the write's record; after a rollback the check stays", async () => {
  const t = trail("req-check-write");
  const check = {
    personId: person(20),
    category: "HEALTH",
    field: "Mutation.recordCareContact",
    action: "WRITE" as const,
    outcome: "ALLOWED" as const,
  };
  t.record(check);
  await t.transaction(async (m) => {
    await m.query(`INSERT INTO household DEFAULT VALUES`);
    t.recordWrite({ category: "HEALTH", personId: person(20), field: "Mutation.recordCareContact" });
  });
  await expect(
    t.transaction(async () => {
      t.record({ ...check, personId: person(21) });
      t.recordWrite({ category: "HEALTH", personId: person(21), field: "Mutation.recordCareContact" });
      throw new Error("the write failed");
    }),
  ).rejects.toThrow(/the write failed/);
  t.record({ ...check, personId: person(21) });
  await t.flush();
  const lines = await auditRows(db.dataSource, "request_id = $1", ["req-check-write"], "person_id, action, outcome");
  expect(lines).toEqual([
    { person_id: person(20), action: "WRITE", outcome: "ALLOWED" },
    { person_id: person(21), action: "WRITE", outcome: "ALLOWED" },
  ]);
  const records = await db.dataSource.query(
    `SELECT person_ids FROM audit_log WHERE request_id = 'req-check-write' ORDER BY id`,
  );
  expect(records).toEqual([{ person_ids: [person(20)] }, { person_ids: [person(21)] }]);
});
