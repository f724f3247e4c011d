// The audit log refuses changes, flushes one record whose lines (per person and category) list their fields, and idempotency keys hold under concurrent
// repeats and belong to their caller (subject, operation, key).
import {
  captureLogs,
  AuditTrail,
  createSubgraphDataSource,
  IdempotencyKeysBySubject1763900000002,
  once,
} from "@reception-graph/kit";
import { socialSubgraph } from "@reception-graph/social";
import { AUDIT_LINES } from "../../support/audit";
import { migratedDatabase, TestDatabase } from "../../support/db";

let db: TestDatabase;
beforeAll(async () => {
  db = await migratedDatabase(socialSubgraph);
});
afterAll(async () => {
  await db?.close();
});

const caller = {
  sub: "sw-1",
  org: "OCMW_GENT",
  roles: ["SOCIAL_WORKER" as const],
  sites: [],
  schools: [],
  organisations: [],
};

test("audit lines of one request are merged per person and category and written in one statement", async () => {
  const trail = new AuditTrail(db.dataSource, caller, "CASE_MANAGEMENT", "req-1");
  const person = "6f1c1f4e-58a4-4c39-9a55-0a4c1f7a0001";
  trail.record({
    personId: person,
    category: "IDENTITY_BASIC",
    field: "Person.givenName",
    operation: "Q/person",
    action: "READ",
    outcome: "ALLOWED",
  });
  trail.record({
    personId: person,
    category: "IDENTITY_BASIC",
    field: "Person.familyName",
    operation: "Q/person",
    action: "READ",
    outcome: "ALLOWED",
  });
  trail.record({
    personId: person,
    category: "IDENTITY_FULL",
    field: "Person.birthDate",
    operation: "Q/person",
    action: "READ",
    outcome: "REFUSED",
    reason: "FORBIDDEN",
  });
  await trail.flush();
  const rows = await db.dataSource.query(
    `SELECT subject, organisation, roles, category, fields, purpose, outcome, reason, request_id FROM ${AUDIT_LINES} WHERE person_id = $1 ORDER BY category`,
    [person],
  );
  expect(rows).toEqual([
    {
      subject: "sw-1",
      organisation: "OCMW_GENT",
      roles: ["SOCIAL_WORKER"],
      category: "IDENTITY_BASIC",
      fields: ["Person.familyName", "Person.givenName"],
      purpose: "CASE_MANAGEMENT",
      outcome: "ALLOWED",
      reason: null,
      request_id: "req-1",
    },
    {
      subject: "sw-1",
      organisation: "OCMW_GENT",
      roles: ["SOCIAL_WORKER"],
      category: "IDENTITY_FULL",
      fields: ["Person.birthDate"],
      purpose: "CASE_MANAGEMENT",
      outcome: "REFUSED",
      reason: "FORBIDDEN",
      request_id: "req-1",
    },
  ]);
});

test("the audit log is append-only: update, delete and truncate are refused by the database, even to its owner", async () => {
  await expect(db.queryAs("owner", `UPDATE audit_log SET subject = 'someone-else'`)).rejects.toThrow(/append-only/);
  await expect(db.queryAs("owner", `DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  await expect(db.queryAs("owner", `TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
});

test("ten concurrent calls with one idempotency key create once and all get the same ID", async () => {
  let created = 0;
  const attempt = () =>
    db.dataSource.transaction((m) =>
      once(m, { subject: "sw-1", operation: "testCreate" }, "key-1", { a: 1 }, async () => {
        created++;
        const [row] = await m.query(`INSERT INTO household DEFAULT VALUES RETURNING id`);
        return row.id as string;
      }),
    );
  const results = await Promise.all(Array.from({ length: 10 }, attempt));
  expect(created).toBe(1);
  expect(new Set(results.map((r) => r.id)).size).toBe(1);
  expect(results.filter((r) => !r.replayed)).toHaveLength(1);
});

test("the same idempotency key with a different input is a CONFLICT and writes nothing", async () => {
  await db.dataSource.transaction((m) =>
    once(m, { subject: "sw-1", operation: "testCreate" }, "key-2", { a: 1 }, async () => "first"),
  );
  await expect(
    db.dataSource.transaction((m) =>
      once(m, { subject: "sw-1", operation: "testCreate" }, "key-2", { a: 2 }, async () => "second"),
    ),
  ).rejects.toMatchObject({ extensions: { code: "CONFLICT" } });
});

test("when the audit table cannot be written, the lines go to the server log and the flush fails", async () => {
  const broken = new AuditTrail(db.dataSource, caller, "CASE_MANAGEMENT", "req-broken");
  // A person ID that is not a UUID makes the INSERT fail, as a database outage would.
  broken.record({
    personId: "not-a-uuid",
    category: "IDENTITY_BASIC",
    field: "Person.givenName",
    operation: "Q/person",
    action: "READ",
    outcome: "ALLOWED",
  });
  const logged = captureLogs();
  try {
    await expect(broken.flush()).rejects.toThrow();
  } finally {
    logged.stop();
  }
  const joined = logged.lines().join("\n");
  expect(joined).toMatch(/"level":"error".*could not write this audit record/);
  expect(joined).toContain('"requestId":"req-broken"');
  expect(joined).toContain('"f":["Person.givenName"]');
});

test("a key belongs to its caller; the migration's down keeps the oldest caller's row and restores (operation, key)", async () => {
  const create = (sub: string, id: string) =>
    db.dataSource.transaction((m) =>
      once(m, { subject: sub, operation: "testCreate" }, "shared-key", { a: 1 }, async () => id),
    );
  expect(await create("sw-1", "first")).toEqual({ id: "first", replayed: false });
  expect(await create("sw-2", "second")).toEqual({ id: "second", replayed: false });
  expect(await create("sw-1", "never")).toEqual({ id: "first", replayed: true });

  const primaryKey = async () =>
    (
      await db.dataSource.query(
        `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = 'idempotency_key'::regclass AND i.indisprimary ORDER BY a.attname`,
      )
    ).map((r: { attname: string }) => r.attname);
  expect(await primaryKey()).toEqual(["key", "operation", "subject"]);
  // Migrations run as the owner role.
  const owner = await createSubgraphDataSource(socialSubgraph, db.ownerUrl, 1, db.roles.app).initialize();
  const runner = owner.createQueryRunner();
  try {
    await new IdempotencyKeysBySubject1763900000002().down(runner);
    expect(await primaryKey()).toEqual(["key", "operation"]);
    expect(await db.dataSource.query(`SELECT result_id FROM idempotency_key WHERE key = 'shared-key'`)).toEqual([
      { result_id: "first" },
    ]);
    await new IdempotencyKeysBySubject1763900000002().up(runner);
    expect(await primaryKey()).toEqual(["key", "operation", "subject"]);
  } finally {
    await runner.release();
    await owner.destroy();
  }
});
