// Scenario: a developer runs `npm start` on a new machine, and another on the data directory they have used for
// months, where every database and table belongs to the superuser postgres. The provisioning step of npm start
// creates the owner and application roles, gives the database (and, for the old directory, every table, sequence,
// view and function the migrations made) to the owner role, and the subgraph then migrates as the owner and serves
// as the application role, with the old data readable and the audit trail closed to changes.
import { createSubgraphDataSource, openSubgraphDatabase } from "@reception-graph/kit";
import { socialSubgraph } from "@reception-graph/social";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { DataSource, DataSourceOptions } from "typeorm";
import { withDatabase } from "../../../scripts/postgres/databases";
import { asRole, DatabaseRoles, provisionDatabase, roleNames } from "../../../scripts/postgres/roles";
import { serverUrl } from "../../support/db";

function rolesFor(prefix: string): DatabaseRoles {
  const database = `${prefix}_${randomBytes(4).toString("hex")}`;
  const names = roleNames(database);
  return {
    database,
    owner: { name: names.owner, password: randomBytes(12).toString("hex") },
    app: { name: names.app, password: randomBytes(12).toString("hex") },
  };
}

async function asSuperuser<T = any>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: withDatabase(serverUrl(), database) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function dropAll(spec: DatabaseRoles): Promise<void> {
  await asSuperuser("postgres", `DROP DATABASE IF EXISTS "${spec.database}" WITH (FORCE)`);
  await asSuperuser("postgres", `DROP ROLE IF EXISTS "${spec.app.name}"`);
  await asSuperuser("postgres", `DROP ROLE IF EXISTS "${spec.owner.name}"`);
}

const urlsOf = (spec: DatabaseRoles) => {
  const url = withDatabase(serverUrl(), spec.database);
  return { application: asRole(url, spec.app), migration: asRole(url, spec.owner) };
};

const ownersOf = (spec: DatabaseRoles) =>
  asSuperuser(
    spec.database,
    `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class
     WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S', 'v', 'm') ORDER BY 1`,
  );

test("a new server: both roles, the database owned by the owner role; a second run changes nothing", async () => {
  const spec = rolesFor("test_provision_new");
  try {
    expect(await provisionDatabase(serverUrl(), spec)).toEqual({ createdDatabase: true, reassigned: [] });
    const [db] = await asSuperuser(
      "postgres",
      `SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1`,
      [spec.database],
    );
    expect(db.owner).toBe(spec.owner.name);
    const dataSource = await openSubgraphDatabase(socialSubgraph, urlsOf(spec));
    try {
      expect(await dataSource.query(`SELECT current_user AS role`)).toEqual([{ role: spec.app.name }]);
    } finally {
      await dataSource.destroy();
    }
    expect(await ownersOf(spec)).toEqual([{ owner: spec.owner.name }]);
    expect(await provisionDatabase(serverUrl(), spec)).toEqual({ createdDatabase: false, reassigned: [] });
  } finally {
    await dropAll(spec);
  }
});

test("a database from before the two roles, all the superuser's: handed to the owner role, then served as the application role", async () => {
  const spec = rolesFor("test_provision_old");
  try {
    // The old setup: database and tables created and migrated by the superuser, up to the migrations of issue 11.
    await asSuperuser("postgres", `CREATE DATABASE "${spec.database}"`);
    const current = createSubgraphDataSource(socialSubgraph, withDatabase(serverUrl(), spec.database));
    const before = (current.options.migrations as Function[]).filter(
      (m) => Number(/(\d{13})$/.exec(m.name)?.[1] ?? 0) < 1764950000000,
    );
    const old = new DataSource({ ...current.options, migrations: before } as DataSourceOptions);
    await old.initialize();
    await old.runMigrations({ transaction: "each" });
    const [{ rates }] = await old.query(`SELECT count(*)::int AS rates FROM living_wage_rate`);
    expect(rates).toBeGreaterThan(0);
    await old.destroy();
    expect(await ownersOf(spec)).toEqual([{ owner: "postgres" }]);

    const done = await provisionDatabase(serverUrl(), spec);
    expect(done.createdDatabase).toBe(false);
    expect(done.reassigned).toEqual(expect.arrayContaining(["audit_log", "migrations", "person"]));
    expect(await ownersOf(spec)).toEqual([{ owner: spec.owner.name }]);
    // The append-only trigger's function is the owner's now; the extensions' objects stayed the superuser's.
    const [fn] = await asSuperuser(
      spec.database,
      `SELECT pg_get_userbyid(proowner) AS owner FROM pg_proc WHERE proname = 'audit_log_append_only'`,
    );
    expect(fn.owner).toBe(spec.owner.name);
    const [trgm] = await asSuperuser(
      spec.database,
      `SELECT pg_get_userbyid(proowner) AS owner FROM pg_proc WHERE proname = 'similarity' LIMIT 1`,
    );
    expect(trgm.owner).toBe("postgres");

    const dataSource = await openSubgraphDatabase(socialSubgraph, urlsOf(spec));
    try {
      expect(await dataSource.query(`SELECT current_user AS role`)).toEqual([{ role: spec.app.name }]);
      // The rows the old setup wrote are there for the application role.
      expect(await dataSource.query(`SELECT count(*)::int AS rates FROM living_wage_rate`)).toEqual([{ rates }]);
      await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied for table audit_log/);
      await expect(dataSource.query(`ALTER TABLE audit_log DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    } finally {
      await dataSource.destroy();
    }
    expect(await provisionDatabase(serverUrl(), spec)).toEqual({ createdDatabase: false, reassigned: [] });
  } finally {
    await dropAll(spec);
  }
});
