import { Supergraph } from "@apollo/federation-internals";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { Kind, parse, print, validate } from "graphql";
import {
  sha256Hex,
  TRUSTED_DOCUMENTS_DIR,
  TRUSTED_DOCUMENTS_MANIFEST,
  TrustedDocumentManifest,
} from "../gateway/src/limits/trusted-documents";

const SUPERGRAPH = join(__dirname, "..", "schema", "supergraph.graphql");

/**
 * The manifest of the partner apps' operations, from gateway/trusted-documents/*.graphql: one operation
 * per file, named as the file. Each body is the operation as graphql-js prints it (comments and layout
 * dropped), so reformatting a file changes no hash; each must validate against the public schema.
 */
export function buildTrustedDocumentManifest(
  dir = TRUSTED_DOCUMENTS_DIR,
  supergraphSdl = readFileSync(SUPERGRAPH, "utf8"),
): TrustedDocumentManifest {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .sort();
  const operations = files.map((file) => {
    const document = parse(readFileSync(join(dir, file), "utf8"));
    const ops = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (document.definitions.length !== 1 || ops.length !== 1) {
      throw new Error(
        `${file}: write exactly one operation (fragments inline), found ${document.definitions.length} definitions.`,
      );
    }
    const [op] = ops;
    const name = op.name?.value;
    if (name !== basename(file, ".graphql")) {
      throw new Error(`${file}: the operation is named ${JSON.stringify(name ?? null)}; name it as the file.`);
    }
    const errors = validate(schema, document);
    if (errors.length) throw new Error(`${file} does not validate against the supergraph: ${errors[0].message}`);
    const body = print(document);
    return { id: sha256Hex(body), name, type: op.operation, body };
  });
  return { format: "apollo-persisted-query-manifest", version: 1, operations };
}

export function manifestText(manifest: TrustedDocumentManifest): string {
  return JSON.stringify(manifest, null, 2) + "\n";
}

function main(): void {
  const check = process.argv.includes("--check");
  const text = manifestText(buildTrustedDocumentManifest());
  if (check) {
    if (readFileSync(TRUSTED_DOCUMENTS_MANIFEST, "utf8") !== text) {
      process.stderr.write("gateway/trusted-documents/manifest.json is stale: run npm run trusted-documents.\n");
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(TRUSTED_DOCUMENTS_MANIFEST, text);
  const { operations } = JSON.parse(text) as TrustedDocumentManifest;
  for (const op of operations) process.stdout.write(`${op.id}  ${op.name}\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
