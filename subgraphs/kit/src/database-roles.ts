import { DataSource, MigrationInterface, QueryRunner } from "typeorm";

/**
 * Two roles per subgraph database. The owner role owns every table and runs
 * the migrations; the application role serves requests and may only read and
 * write rows: it owns nothing, so it cannot drop a table or disable a trigger,
 * and on audit_log it may only INSERT and SELECT. The usual names are
 * `<database>_owner` and `<database>_app` (npm start, docker-compose and the
 * tests create them so).
 */

/**
 * The session setting that names the application role to the migrations. The
 * kit sets it on the owner's connections from the user of the application URL
 * (createDataSource's applicationRole), so other naming schemes work too.
 */
export const APPLICATION_ROLE_SETTING = "reception.app_role";

const ROLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A role name usable in a connection's options and as a plain identifier. */
export function assertRoleName(name: string): string {
  if (!ROLE_NAME.test(name) || name.length > 63)
    throw new Error(`"${name}" is not a usable role name (letters, digits and _, at most 63 characters).`);
  return name;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The application role a migration grants to: the setting above, else the
 * current (owner) role's name with `_owner` replaced by `_app`. Refuses a role
 * that does not exist, is a superuser, or is the current role itself.
 */
export async function applicationRole(q: QueryRunner): Promise<string> {
  const [row] = (await q.query(`SELECT current_setting($1, true) AS setting, current_user AS owner`, [
    APPLICATION_ROLE_SETTING,
  ])) as { setting: string | null; owner: string }[];
  const derived = row.owner.endsWith("_owner") ? `${row.owner.slice(0, -"_owner".length)}_app` : null;
  const name = row.setting || derived;
  if (!name)
    throw new Error(
      `No application role: set ${APPLICATION_ROLE_SETTING} or run the migrations as a role named <something>_owner ` +
        `(the application role is then <something>_app); running as ${row.owner}.`,
    );
  assertRoleName(name);
  const [role] = (await q.query(`SELECT rolsuper FROM pg_roles WHERE rolname = $1`, [name])) as {
    rolsuper: boolean;
  }[];
  if (!role) throw new Error(`The application role ${name} does not exist: create it before migrating.`);
  if (role.rolsuper) throw new Error(`The application role ${name} is a superuser; it must not be.`);
  if (name === row.owner) throw new Error(`The migrations run as ${name}, which must not be the application role.`);
  return name;
}

/**
 * Grants the application role what the code needs, for the tables of every
 * migration before this one and (default privileges of the owner) every table
 * a later migration creates: rows of domain tables, only INSERT and SELECT on
 * audit_log, nothing on the migrations table.
 */
export class DatabaseRoles1764950100000 implements MigrationInterface {
  name = "DatabaseRoles1764950100000";

  async up(q: QueryRunner): Promise<void> {
    const app = ident(await applicationRole(q));
    const owner = ident(((await q.query(`SELECT current_user AS owner`)) as { owner: string }[])[0].owner);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
    );
    // Whatever shape audit_log has: the application appends and reads, never changes or empties it.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${app}`);
    // Which migrations ran is the owner's business; the application neither reads nor rewrites it.
    await q.query(`REVOKE ALL ON migrations FROM ${app}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const app = ident(await applicationRole(q));
    const owner = ident(((await q.query(`SELECT current_user AS owner`)) as { owner: string }[])[0].owner);
    await q.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${app}`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${app}`,
    );
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${app}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${app}`);
  }
}

/**
 * Refuses to serve through a connection that could change the audit trail
 * behind the triggers' back: a superuser, a role owning any table, view or
 * sequence of the database, or one with UPDATE, DELETE or TRUNCATE on
 * audit_log (a later migration run by another role would show up here).
 */
export async function assertApplicationRole(dataSource: DataSource): Promise<void> {
  const [row] = (await dataSource.query(`
    SELECT r.rolname AS role, r.rolsuper AS superuser,
      (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relowner = r.oid AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%') AS owned,
      to_regclass('audit_log') IS NOT NULL
        AND (has_table_privilege('audit_log', 'UPDATE') OR has_table_privilege('audit_log', 'DELETE')
          OR has_table_privilege('audit_log', 'TRUNCATE')) AS changes_audit
    FROM pg_roles r WHERE r.rolname = current_user`)) as {
    role: string;
    superuser: boolean;
    owned: number;
    changes_audit: boolean;
  }[];
  const problems = [
    row.superuser && "is a superuser",
    row.owned > 0 && `owns ${row.owned} relation(s)`,
    row.changes_audit && "may UPDATE, DELETE or TRUNCATE audit_log",
  ].filter(Boolean);
  if (problems.length > 0)
    throw new Error(
      `The application role ${row.role} ${problems.join(", ")}: serve as a role with only the migrations' grants ` +
        `(<NAME>_DATABASE_URL), and migrate as the owner role (<NAME>_MIGRATION_DATABASE_URL).`,
    );
}
