import { generateInternalKeyPair, isRole, Role, ROLES, SUBGRAPH_NAMES } from "@reception-graph/kit";
import { SignJWT } from "jose";
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

/** Secrets generated once for the embedded development setup and kept under DATA_DIR. */
export interface DevSecrets {
  jwtSecret: string;
  /** The gateway's Ed25519 key for internal tokens (PEM): the private half goes to the gateway only. */
  internalPrivateKey: string;
  /** Its public half, which every subgraph verifies internal tokens with. */
  internalPublicKey: string;
  /** Password of the embedded PostgreSQL superuser. */
  postgresPassword: string;
  /** Passwords of the subgraphs' database roles, by role name (DEV_DATABASE_ROLES). */
  databasePasswords: Record<string, string>;
}

/** The two roles of each subgraph database npm start creates: `reception_<name>_owner` and `reception_<name>_app`. */
export const DEV_DATABASE_ROLES: readonly string[] = SUBGRAPH_NAMES.flatMap((name) => [
  `reception_${name}_owner`,
  `reception_${name}_app`,
]);

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR || "data");
}

export function secretsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), "secrets.json");
}

async function readSecrets(path: string): Promise<Partial<DevSecrets> | null> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as Partial<DevSecrets>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`${path} could not be read: ${(e as Error).message}`);
  }
}

const newSecret = () => randomBytes(32).toString("base64url");

/**
 * The development secrets: kept in DATA_DIR/secrets.json (mode 600), created
 * on first use; JWT_SECRET and INTERNAL_TOKEN_PRIVATE_KEY / INTERNAL_TOKEN_PUBLIC_KEYS
 * from the environment win.
 */
export async function ensureDevSecrets(env: NodeJS.ProcessEnv = process.env): Promise<DevSecrets> {
  const path = secretsPath(env);
  const kept = (await readSecrets(path)) ?? {};
  const pair =
    kept.internalPrivateKey && kept.internalPublicKey
      ? { privateKeyPem: kept.internalPrivateKey, publicKeyPem: kept.internalPublicKey }
      : generateInternalKeyPair();
  const secrets: DevSecrets = {
    jwtSecret: kept.jwtSecret || newSecret(),
    internalPrivateKey: pair.privateKeyPem,
    internalPublicKey: pair.publicKeyPem,
    postgresPassword: kept.postgresPassword || newSecret(),
    databasePasswords: Object.fromEntries(
      DEV_DATABASE_ROLES.map((role) => [role, kept.databasePasswords?.[role] || newSecret()]),
    ),
  };
  if (
    secrets.jwtSecret !== kept.jwtSecret ||
    secrets.internalPrivateKey !== kept.internalPrivateKey ||
    secrets.postgresPassword !== kept.postgresPassword ||
    DEV_DATABASE_ROLES.some((role) => secrets.databasePasswords[role] !== kept.databasePasswords?.[role])
  ) {
    await mkdir(dataDir(env), { recursive: true });
    await writeFile(path, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  }
  await chmod(path, 0o600);
  return {
    ...secrets,
    jwtSecret: env.JWT_SECRET || secrets.jwtSecret,
    internalPrivateKey: env.INTERNAL_TOKEN_PRIVATE_KEY || secrets.internalPrivateKey,
    internalPublicKey: env.INTERNAL_TOKEN_PUBLIC_KEYS || secrets.internalPublicKey,
  };
}

/** The HS256 secret development tokens are signed with: JWT_SECRET, else the one kept under DATA_DIR. */
export async function devJwtSecret(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  const kept = await readSecrets(secretsPath(env));
  if (kept?.jwtSecret) return kept.jwtSecret;
  throw new Error(
    `No JWT_SECRET is set and ${secretsPath(env)} does not exist yet: run \`npm start\` once (it creates it), or set JWT_SECRET.`,
  );
}

export interface DevTokenClaims {
  roles: Role[];
  org: string;
  sub?: string;
  sites?: string[];
  schools?: string[];
  organisations?: string[];
  /** Lifetime, as jose understands it: "8h", "30m", "2d". */
  ttl?: string;
  /** A partner app's name: the token is the app's (claim `app`), which runs trusted documents only. */
  app?: string;
}

/** A caller's token as an identity provider would issue it, signed HS256 for development. */
export async function signDevToken(claims: DevTokenClaims, secret: string): Promise<string> {
  return new SignJWT({
    org: claims.org,
    roles: claims.roles,
    sites: claims.sites ?? [],
    schools: claims.schools ?? [],
    organisations: claims.organisations ?? [],
    ...(claims.app ? { app: claims.app } : {}),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub || `dev-${claims.roles[0].toLowerCase().replace(/_/g, "-")}`)
    .setIssuedAt()
    .setExpirationTime(claims.ttl || "8h")
    .sign(new TextEncoder().encode(secret));
}

export class UsageError extends Error {}

const USAGE = `Usage: npm run token -- --role ROLE --org ORG [--site ID] [--school ID] [--organisation NAME] [--sub NAME] [--ttl 8h] [--app NAME]
  --role          one of ${ROLES.join(", ")} (repeat or comma-separate for several)
  --org           the caller's organisation, e.g. OCMW_GENT, IOM, CAW
  --site          a site ID the caller works for (SITE_COORDINATOR scope; repeatable)
  --school        a school ID (SCHOOL_STAFF scope; repeatable)
  --organisation  an organisation a CARE_WORKER works for (repeatable)
  --sub           the subject (user name); default dev-<role>
  --ttl           lifetime, e.g. 30m, 8h, 2d; default 8h
  --app           a partner app's name: the token is that app's, which may run registered operations only
Signs with JWT_SECRET, else the development secret kept in DATA_DIR/secrets.json by npm start.`;

/** Reads the command line of `npm run token`. */
export function parseTokenArgs(argv: string[]): DevTokenClaims {
  const values: Record<string, string[]> = {};
  const known = ["role", "org", "site", "school", "organisation", "sub", "ttl", "app"];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") throw new UsageError(USAGE);
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m || !known.includes(m[1])) throw new UsageError(`Unknown option ${JSON.stringify(arg)}.\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === "" || (m[2] === undefined && value.startsWith("--"))) {
      throw new UsageError(`--${m[1]} needs a value.\n${USAGE}`);
    }
    (values[m[1]] ??= []).push(value);
  }
  const list = (name: string) =>
    (values[name] ?? [])
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
  const roles = list("role").map((r) => r.toUpperCase());
  if (roles.length === 0) throw new UsageError(`--role is required; valid roles: ${ROLES.join(", ")}.\n${USAGE}`);
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) {
    throw new UsageError(`Unknown role ${unknown.join(", ")}; valid roles: ${ROLES.join(", ")}.`);
  }
  const org = values.org?.at(-1);
  if (!org) throw new UsageError(`--org is required, e.g. --org OCMW_GENT.\n${USAGE}`);
  const ttl = values.ttl?.at(-1);
  if (ttl !== undefined && !/^\d+\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|day|days|w|week|weeks)$/i.test(ttl)) {
    throw new UsageError(`--ttl ${JSON.stringify(ttl)} is not a duration; use e.g. 30m, 8h or 2d.`);
  }
  return {
    roles: roles as Role[],
    org,
    sub: values.sub?.at(-1),
    sites: list("site"),
    schools: list("school"),
    organisations: list("organisation"),
    ttl,
    ...(values.app ? { app: values.app.at(-1) } : {}),
  };
}

async function main(): Promise<void> {
  try {
    const claims = parseTokenArgs(process.argv.slice(2));
    const token = await signDevToken(claims, await devJwtSecret());
    // Only the token goes to stdout, so that TOKEN=$(npm run -s token -- …) works.
    process.stdout.write(token + "\n");
    process.stderr.write(
      `Token for ${claims.app ? `the app ${claims.app}, ` : ""}${claims.roles.join(",")} of ${claims.org}, valid ${claims.ttl || "8h"}. ` +
        `Send it as "Authorization: Bearer <token>" with an x-purpose header.\n`,
    );
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
