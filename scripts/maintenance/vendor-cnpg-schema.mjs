// Vendors the schema of CloudNativePG's `Cluster` (postgresql.cnpg.io/v1) for the Kubernetes manifests' test:
//   node scripts/maintenance/vendor-cnpg-schema.mjs <postgresql.cnpg.io_clusters.yaml> <release tag>
// The CRD file is the operator's config/crd/bases/postgresql.cnpg.io_clusters.yaml at that release (Apache-2.0).
// Kept: the v1 version's openAPIV3Schema without `status` (written by the operator, never by us) and without
// descriptions (they are most of the file); every validation keyword is kept as it is.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const [crdPath, release] = process.argv.slice(2);
if (!crdPath || !release) {
  console.error(
    "usage: node scripts/maintenance/vendor-cnpg-schema.mjs <postgresql.cnpg.io_clusters.yaml> <release tag>",
  );
  process.exit(2);
}
const crd = parse(readFileSync(crdPath, "utf8"));
if (crd?.spec?.group !== "postgresql.cnpg.io" || crd?.spec?.names?.kind !== "Cluster") {
  console.error(
    `${crdPath} is not the CloudNativePG Cluster CRD (group ${crd?.spec?.group}, kind ${crd?.spec?.names?.kind}).`,
  );
  process.exit(2);
}
const version = crd.spec.versions.find((v) => v.name === "v1");
const withoutDescriptions = (node) => {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => key !== "description" || typeof value !== "string")
      .map(([key, value]) => [key, withoutDescriptions(value)]),
  );
};
const schema = withoutDescriptions(version.schema.openAPIV3Schema);
delete schema.properties.status;
const out = {
  $comment: [
    `CloudNativePG ${release}: config/crd/bases/postgresql.cnpg.io_clusters.yaml, version v1, openAPIV3Schema`,
    "(Apache License 2.0, The CloudNativePG Contributors), without status and descriptions;",
    "vendored by scripts/maintenance/vendor-cnpg-schema.mjs.",
  ].join(" "),
  ...schema,
};
const target = join(import.meta.dirname, "..", "..", "deploy", "kubernetes", "schemas", "cnpg-cluster-v1.schema.json");
writeFileSync(target, JSON.stringify(out, null, 2) + "\n");
console.log(`wrote ${target}`);
