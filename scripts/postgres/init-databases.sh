#!/bin/sh
# Run once by the official postgres image on a new volume (docker-entrypoint-initdb.d), as its superuser:
# one database per subgraph, owned by that subgraph's owner role (which runs the migrations), and an
# application role the subgraph serves as (no superuser, owns nothing; the migrations grant it what it needs).
# Passwords come from the environment: <NAME>_DB_OWNER_PASSWORD and <NAME>_DB_APP_PASSWORD.
# Safe to run again, e.g. on a volume from before the two roles, where everything belonged to postgres:
#   docker compose exec postgres sh /docker-entrypoint-initdb.d/10-databases.sh
# hands the database and its tables, views, sequences, functions and types to the owner role.
# In a subshell: the image's entrypoint sources a script that is not executable, and these shell options
# must not leak into it.
(
set -eu

for name in social housing care education; do
  upper=$(echo "$name" | tr '[:lower:]' '[:upper:]')
  owner_pw=$(printenv "${upper}_DB_OWNER_PASSWORD" || true)
  app_pw=$(printenv "${upper}_DB_APP_PASSWORD" || true)
  if [ -z "$owner_pw" ] || [ -z "$app_pw" ]; then
    echo "init-databases: set ${upper}_DB_OWNER_PASSWORD and ${upper}_DB_APP_PASSWORD" >&2
    exit 1
  fi
  db="reception_${name}"
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v db="$db" -v owner="${db}_owner" -v app="${db}_app" -v owner_pw="$owner_pw" -v app_pw="$app_pw" <<'SQL'
SELECT format('CREATE ROLE %I', :'owner') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I', :'app') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
ALTER ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'owner_pw';
ALTER ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'app_pw';
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'db', :'owner', 'UTF8')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO :"owner";
SQL
  # Objects an earlier setup created as postgres go to the owner role (those of extensions stay; indexes and
  # sequences of a table follow the table). Same rules as npm start (scripts/postgres/roles.ts).
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "$db" -v owner="${db}_owner" <<'SQL'
BEGIN;
SELECT format('ALTER %s %s OWNER TO %I',
    CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
      WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.oid::regclass, :'owner')
  FROM pg_class c
  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    AND pg_get_userbyid(c.relowner) <> :'owner'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
      AND d.objid = c.oid AND d.deptype IN ('a', 'i') AND d.refclassid = 'pg_class'::regclass))
  ORDER BY c.relkind \gexec
SELECT format('ALTER %s %s OWNER TO %I', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
    p.oid::regprocedure, :'owner')
  FROM pg_proc p
  WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> :'owner'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') \gexec
SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, :'owner')
  FROM pg_type t
  WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r', 'm')
    AND pg_get_userbyid(t.typowner) <> :'owner'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e') \gexec
COMMIT;
SQL
done
)
