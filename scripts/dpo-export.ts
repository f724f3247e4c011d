import { assertUuid, envPort } from "@reception-graph/kit";
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { devJwtSecret, signDevToken, UsageError } from "./token";

const USAGE = `Usage: npm run dpo:export -- --person ID [--out FILE] [--sub NAME] [--org ORG]
  --person  the person's ID (UUID)
  --out     where to write the JSON document; default subject-access-<ID>.json in the current folder
  --sub     the DPO's subject written in the audit trail; default dev-dpo
  --org     the DPO's organisation; default DPO
Asks the running gateway (GATEWAY_URL, else http://127.0.0.1:<GATEWAY_PORT or 4000>) for
GET /dpo/subject-access/<ID>.json with a DPO token signed from the development secrets (like npm run token).`;

export interface ExportArgs {
  person: string;
  out: string;
  sub: string;
  org: string;
}

/** Reads the command line of `npm run dpo:export`. */
export function parseExportArgs(argv: string[]): ExportArgs {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") throw new UsageError(USAGE);
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m || !["person", "out", "sub", "org"].includes(m[1]))
      throw new UsageError(`Unknown option ${JSON.stringify(arg)}.\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === "" || (m[2] === undefined && value.startsWith("--")))
      throw new UsageError(`--${m[1]} needs a value.\n${USAGE}`);
    values[m[1]] = value;
  }
  if (!values.person) throw new UsageError(`--person is required.\n${USAGE}`);
  let person: string;
  try {
    person = assertUuid(values.person, "--person");
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return {
    person,
    out: resolve(values.out ?? `subject-access-${person}.json`),
    sub: values.sub ?? "dev-dpo",
    org: values.org ?? "DPO",
  };
}

export function gatewayUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.GATEWAY_URL || `http://127.0.0.1:${envPort("gateway", env)}`).replace(/\/$/, "");
}

/** Downloads one person's export from the gateway and writes it (mode 600: it holds health data). */
export async function runExport(args: ExportArgs, base: string, token: string): Promise<string> {
  const res = await fetch(`${base}/dpo/subject-access/${args.person}.json`, {
    headers: { authorization: `Bearer ${token}`, "x-purpose": "AUDIT" },
  });
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
      if (body.errors?.[0]) message = `${body.errors[0].extensions?.code ?? res.status}: ${body.errors[0].message}`;
    } catch {
      // Not JSON: the text as it came.
    }
    throw new Error(`The gateway refused the export (${res.status}): ${message}`);
  }
  await writeFile(args.out, text, { mode: 0o600 });
  return args.out;
}

async function main(): Promise<void> {
  try {
    const args = parseExportArgs(process.argv.slice(2));
    const token = await signDevToken({ roles: ["DPO"], org: args.org, sub: args.sub, ttl: "5m" }, await devJwtSecret());
    const out = await runExport(args, gatewayUrl(), token);
    process.stderr.write(`Subject-access export of ${args.person} written to ${out}.\n`);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
