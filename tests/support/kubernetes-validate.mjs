// Validates Kubernetes objects (a JSON array on stdin) against their schemas; prints one JSON line
// [{ apiVersion, kind, name, errors: string[] }]. A module of its own, run as a child process, because the
// `kubernetes-models` packages are ES modules only, which Jest's CommonJS runtime cannot load.
// - Kubernetes' own kinds: the validators `kubernetes-models` generates from the Kubernetes OpenAPI schema.
// - CloudNativePG's Cluster: the CRD's OpenAPI schema vendored in deploy/kubernetes/schemas (its $comment names
//   the release), with ajv. Like `kubectl apply` (strict field validation), a field the schema does not declare is
//   an error unless the schema preserves unknown fields; its CEL rules (x-kubernetes-validations) are not evaluated.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const CNPG_SCHEMA = join(
  import.meta.dirname,
  "..",
  "..",
  "deploy",
  "kubernetes",
  "schemas",
  "cnpg-cluster-v1.schema.json",
);

/** Closes every object schema that declares its properties, as the API server's strict field validation does. */
function strict(node) {
  if (Array.isArray(node)) return node.map(strict);
  if (node === null || typeof node !== "object") return node;
  const out = Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === "properties"
        ? [key, Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, strict(sub)]))]
        : [key, strict(value)],
    ),
  );
  if (out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
    out.additionalProperties = false;
  }
  return out;
}

function cnpgValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  // The CRD uses int32, int64 and date-time, all three in ajv-formats.
  addFormats(ajv);
  return ajv.compile(strict(JSON.parse(readFileSync(CNPG_SCHEMA, "utf8"))));
}

async function validateOne(object, cnpg) {
  const { apiVersion, kind } = object;
  if (apiVersion === "postgresql.cnpg.io/v1" && kind === "Cluster") {
    if (cnpg(object)) return [];
    return cnpg.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  }
  if (apiVersion.includes(".") && !apiVersion.includes(".k8s.io/")) return [`no schema for ${apiVersion} ${kind}`];
  // "apps/v1" → kubernetes-models/apps/v1; the core group "v1" → kubernetes-models/v1.
  let models;
  try {
    models = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    return [`no kubernetes-models module for apiVersion ${apiVersion}`];
  }
  const Model = models[kind];
  if (!Model) return [`no kubernetes-models model for ${apiVersion} ${kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (e) {
    return [String(e.message ?? e)];
  }
}

const input = readFileSync(0, "utf8");
const objects = JSON.parse(input);
const cnpg = cnpgValidator();
const results = [];
for (const object of objects) {
  results.push({
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata?.name,
    errors: await validateOne(object, cnpg),
  });
}
process.stdout.write(JSON.stringify(results) + "\n");
