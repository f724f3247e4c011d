// Scenario: someone with the social subgraph's database password (a leaked .env, a compromised process) tries to
// rewrite or empty the audit trail, or to switch its guard off. The subgraph serves as its own application role:
// no superuser, owner of nothing, only INSERT and SELECT on audit_log, so every such attempt fails on privileges;
// the owner role that ran the migrations is stopped by the append-only trigger. The real process entry migrates as
// the owner and serves as the application role, and refuses to serve as a superuser.
import { createSubgraphDataSource, subgraphDatabaseUrls } from "@reception-graph/kit";
import { socialSubgraph } from "@reception-graph/social";
import { ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createDatabase, migratedDatabase, TestDatabase, undoThrough } from "../../support/db";
import { freePort } from "../../../scripts/postgres/embedded";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { TEST_INTERNAL_KEYS } from "../../support/tokens";
import { OCMW_ADMIN, ok, registerHousehold } from "../social/social-fixtures";

const ROOT = join(__dirname, "..", "..", "..");

let sg: RunningSubgraph;
let db: TestDatabase;
beforeAll(async () => {
  sg = await startSubgraph(socialSubgraph);
  db = sg.db;
  // Some audit lines, written by the subgraph itself through its application role.
  const { memberIds } = await registerHousehold(sg, [{ givenName: "Olena", familyName: "Shevchenko", sex: "FEMALE" }]);
  ok(await sg.query(`query P($id: ID!) { person(id: $id) { givenName } }`, { id: memberIds[0] }, OCMW_ADMIN));
});
afterAll(() => sg?.stop());

/** The whole audit table, as one digest and a count: nothing may change it. */
const auditState = async () =>
  (
    await db.queryAs(
      "superuser",
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(a::text, '|' ORDER BY a::text), '')) AS digest FROM audit_log a`,
    )
  )[0] as { n: number; digest: string };

test("the subgraph serves as the application role, which inserts and reads its audit lines", async () => {
  expect(await db.dataSource.query(`SELECT current_user AS role`)).toEqual([{ role: db.roles.app }]);
  const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`);
  expect(n).toBeGreaterThan(0);
  expect(n).toBe((await auditState()).n);
});

test("as the application role, UPDATE, DELETE and TRUNCATE on audit_log fail on privileges and change nothing", async () => {
  const before = await auditState();
  expect(before.n).toBeGreaterThan(0);
  for (const sql of [`UPDATE audit_log SET subject = 'someone-else'`, `DELETE FROM audit_log`, `TRUNCATE audit_log`]) {
    await expect(db.dataSource.query(sql)).rejects.toMatchObject({
      message: expect.stringMatching(/permission denied for table audit_log/),
      driverError: expect.objectContaining({ code: "42501" }),
    });
  }
  expect(await auditState()).toEqual(before);
});

test("as the owner role, the append-only trigger refuses UPDATE, DELETE and TRUNCATE and nothing changes", async () => {
  const before = await auditState();
  for (const sql of [`UPDATE audit_log SET subject = 'someone-else'`, `DELETE FROM audit_log`, `TRUNCATE audit_log`]) {
    await expect(db.queryAs("owner", sql)).rejects.toThrow(/append-only/);
  }
  expect(await auditState()).toEqual(before);
});

test("the application role is no superuser, owns nothing, and holds exactly INSERT and SELECT on audit_log", async () => {
  const [role] = await db.queryAs(
    "superuser",
    `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication FROM pg_roles WHERE rolname = $1`,
    [db.roles.app],
  );
  expect(role).toEqual({
    rolsuper: false,
    rolcreaterole: false,
    rolcreatedb: false,
    rolbypassrls: false,
    rolreplication: false,
  });
  const [owned] = await db.queryAs(
    "superuser",
    `SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid)::int AS relations,
            (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)::int AS functions,
            (SELECT count(*) FROM pg_type WHERE typowner = r.oid)::int AS types,
            (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid)::int AS schemas,
            (SELECT count(*) FROM pg_database WHERE datdba = r.oid)::int AS databases
     FROM pg_roles r WHERE rolname = $1`,
    [db.roles.app],
  );
  expect(owned).toEqual({ relations: 0, functions: 0, types: 0, schemas: 0, databases: 0 });
  // Every table belongs to the owner role.
  const owners = await db.queryAs("superuser", `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
  expect(owners).toEqual([{ tableowner: db.roles.owner }]);

  const privileges = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"];
  const [held] = await db.queryAs(
    "superuser",
    `SELECT ${privileges.map((p) => `has_table_privilege($1, 'audit_log', '${p}') AS "${p}"`).join(", ")}`,
    [db.roles.app],
  );
  expect(held).toEqual({
    SELECT: true,
    INSERT: true,
    UPDATE: false,
    DELETE: false,
    TRUNCATE: false,
    REFERENCES: false,
    TRIGGER: false,
  });
  // The sequences (audit_log's ids among them): usable, never reset.
  const sequences = await db.queryAs(
    "superuser",
    `SELECT c.relname AS name, has_sequence_privilege($1, c.oid, 'USAGE') AS usage,
            has_sequence_privilege($1, c.oid, 'UPDATE') AS reset
     FROM pg_class c WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace ORDER BY 1`,
    [db.roles.app],
  );
  expect(sequences.length).toBeGreaterThan(0);
  for (const s of sequences) expect(s).toEqual({ name: s.name, usage: true, reset: false });
});

test("every domain table: rows read and written, never truncated; the migrations table is the owner's alone", async () => {
  const tables = await db.queryAs(
    "superuser",
    `SELECT tablename AS name,
            has_table_privilege($1, format('%I', tablename), 'SELECT, INSERT, UPDATE, DELETE') AS rows,
            has_table_privilege($1, format('%I', tablename), 'SELECT') AS reads,
            has_table_privilege($1, format('%I', tablename), 'TRUNCATE') AS truncates
     FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    [db.roles.app],
  );
  const byName = Object.fromEntries(tables.map((t) => [t.name, t]));
  expect(byName.person).toEqual({ name: "person", rows: true, reads: true, truncates: false });
  expect(byName.migrations).toEqual({ name: "migrations", rows: false, reads: false, truncates: false });
  for (const t of tables.filter((x) => !["migrations", "audit_log"].includes(x.name)))
    expect(t).toEqual({ name: t.name, rows: true, reads: true, truncates: false });
  await expect(db.dataSource.query(`SELECT * FROM migrations`)).rejects.toThrow(
    /permission denied for table migrations/,
  );
});

test("the application role cannot switch the guard off, drop it, take the table over or bypass it", async () => {
  const triggers = async () =>
    (
      await db.queryAs(
        "superuser",
        `SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal ORDER BY 1`,
      )
    ).map((t) => `${t.tgname}:${t.tgenabled}`);
  const before = await triggers();
  expect(before.length).toBeGreaterThanOrEqual(2);
  const names = before.map((t) => t.split(":")[0]);
  const attempts: [string, RegExp][] = [
    [`ALTER TABLE audit_log DISABLE TRIGGER ALL`, /must be owner of table audit_log/],
    [`ALTER TABLE audit_log DISABLE TRIGGER ${names[0]}`, /must be owner of table audit_log/],
    [`DROP TRIGGER ${names[0]} ON audit_log`, /must be owner of (table|relation) audit_log/],
    [`ALTER TABLE audit_log OWNER TO ${db.roles.app}`, /must be owner of table audit_log/],
    [`DROP TABLE audit_log`, /must be owner of table audit_log/],
    [`SET session_replication_role = replica`, /permission denied to set parameter "session_replication_role"/],
    [`CREATE TABLE audit_log_copy (id int)`, /permission denied for schema public/],
  ];
  for (const [sql, error] of attempts) await expect(db.dataSource.query(sql)).rejects.toThrow(error);
  expect(await triggers()).toEqual(before);
});

test("the kit refuses to serve through a superuser or through the owner role", async () => {
  const { openSubgraphDatabase } = await import("@reception-graph/kit");
  await expect(
    openSubgraphDatabase(socialSubgraph, { application: db.superuserUrl, migration: db.ownerUrl }),
  ).rejects.toThrow(/is a superuser/);
  await expect(
    openSubgraphDatabase(socialSubgraph, { application: db.ownerUrl, migration: db.ownerUrl }),
  ).rejects.toThrow(/owns \d+ relation/);
});

test("a subgraph process needs its owner's URL beside its application URL, and two different roles", () => {
  const app = db.url;
  expect(() => subgraphDatabaseUrls("social", { SOCIAL_DATABASE_URL: app })).toThrow(/SOCIAL_MIGRATION_DATABASE_URL/);
  expect(() =>
    subgraphDatabaseUrls("social", { SOCIAL_DATABASE_URL: app, SOCIAL_MIGRATION_DATABASE_URL: app }),
  ).toThrow(/same role/);
  expect(
    subgraphDatabaseUrls("social", { SOCIAL_DATABASE_URL: app, SOCIAL_MIGRATION_DATABASE_URL: db.ownerUrl }),
  ).toEqual({ application: app, migration: db.ownerUrl });
});

test("a table a later migration creates is covered by the owner's default privileges", async () => {
  await db.queryAs("owner", `CREATE TABLE later_feature (id bigserial PRIMARY KEY, note text NOT NULL)`);
  try {
    await db.dataSource.query(`INSERT INTO later_feature (note) VALUES ('x')`);
    await db.dataSource.query(`UPDATE later_feature SET note = 'y'`);
    expect(await db.dataSource.query(`SELECT note FROM later_feature`)).toEqual([{ note: "y" }]);
    await db.dataSource.query(`DELETE FROM later_feature`);
    await expect(db.dataSource.query(`TRUNCATE later_feature`)).rejects.toThrow(/permission denied/);
  } finally {
    await db.queryAs("owner", `DROP TABLE later_feature`);
  }
});

test("the roles migration goes down (no grants left) and up again", async () => {
  const owned = await migratedDatabase(socialSubgraph, "owner");
  const app = await createSubgraphDataSource(socialSubgraph, owned.url, 1).initialize();
  try {
    await app.query(`SELECT count(*) FROM person`);
    await undoThrough(owned.dataSource, "DatabaseRoles1764950100000");
    await expect(app.query(`SELECT count(*) FROM person`)).rejects.toThrow(/permission denied for table person/);
    await expect(app.query(`SELECT count(*) FROM audit_log`)).rejects.toThrow(/permission denied/);
    const [{ n }] = await owned.queryAs(
      "superuser",
      `SELECT count(*)::int AS n FROM pg_default_acl WHERE $1 = ANY(SELECT grantee::regrole::text FROM aclexplode(defaclacl))`,
      [owned.roles.app],
    );
    expect(n).toBe(0);
    await owned.dataSource.runMigrations({ transaction: "each" });
    await app.query(`SELECT count(*) FROM person`);
    await expect(app.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied for table audit_log/);
  } finally {
    await app.destroy();
    await owned.close();
  }
});

/** Runs a subgraph's real entry point (as npm start and docker-compose do) until it is ready or exits. */
function runEntry(env: NodeJS.ProcessEnv): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "subgraphs/social/src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: "1", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return { child, output: () => output, exited };
}

test("the real process entry migrates as the owner role and serves as the application role", async () => {
  const fresh = await createDatabase("test_social_entry");
  const port = await freePort();
  const run = runEntry({
    SOCIAL_PORT: String(port),
    SOCIAL_DATABASE_URL: fresh.url,
    SOCIAL_MIGRATION_DATABASE_URL: fresh.ownerUrl,
    INTERNAL_TOKEN_PUBLIC_KEYS: TEST_INTERNAL_KEYS.publicKeyPem,
  });
  let gone = false;
  void run.exited.then(() => (gone = true));
  try {
    for (let i = 0; ; i++) {
      if (gone) throw new Error(`the subgraph exited:\n${run.output()}`);
      const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (i > 300) throw new Error(`the subgraph was not ready:\n${run.output()}`);
      await new Promise((done) => setTimeout(done, 200));
    }
    // Every connection the process holds now is its pool's, as the application role; the owner's is closed.
    const sessions = await fresh.queryAs(
      "superuser",
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = $1 AND application_name = 'reception-graph-social'`,
      [fresh.name],
    );
    expect(sessions).toEqual([{ usename: fresh.roles.app }]);
    // The migrations ran, as the owner: it owns every table, the migrations table among them.
    const owners = await fresh.queryAs(
      "superuser",
      `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(owners).toEqual([{ tableowner: fresh.roles.owner }]);
    const [{ applied }] = await fresh.queryAs("owner", `SELECT count(*)::int AS applied FROM migrations`);
    expect(applied).toBeGreaterThan(socialSubgraph.migrations.length);
  } finally {
    run.child.kill("SIGTERM");
    await run.exited;
    await fresh.drop();
  }
});

test("the real process entry refuses to serve as a superuser: it exits before listening", async () => {
  const fresh = await createDatabase("test_social_entry_su");
  const port = await freePort();
  const run = runEntry({
    SOCIAL_PORT: String(port),
    SOCIAL_DATABASE_URL: fresh.superuserUrl,
    SOCIAL_MIGRATION_DATABASE_URL: fresh.ownerUrl,
    INTERNAL_TOKEN_PUBLIC_KEYS: TEST_INTERNAL_KEYS.publicKeyPem,
  });
  try {
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toMatch(/is a superuser/);
    expect(run.output()).not.toMatch(/subgraph ready/);
    await expect(fetch(`http://127.0.0.1:${port}/ready`)).rejects.toThrow();
  } finally {
    await fresh.drop();
  }
});
