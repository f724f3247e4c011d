// Validates Kubernetes objects (a JSON array on stdin) against their schemas; prints one JSON line
// [{ apiVersion, kind, name, errors: string[] }]. A module of its own, run as a child process, because the
// `kubernetes-models` packages are ES modules only, which Jest's CommonJS runtime cannot load.
// - Kubernetes' own kinds: the validators `kubernetes-models` generates from the Kubernetes OpenAPI schema (types,
//   required fields, formats), and its TypeScript declarations of the same objects, which the TypeScript compiler
//   checks each object against: a field Kubernetes does not know (a typo such as `readinessProb`) is an error there,
//   as with `kubectl apply`'s strict field validation, where the generated validators let it through.
// - CloudNativePG's Cluster: the schema written in deploy/kubernetes/schemas from the API reference (its $comment names
//   the release), with ajv. Like `kubectl apply` (strict field validation), a field the schema does not declare is
//   an error unless the schema preserves unknown fields; its CEL rules (x-kubernetes-validations) are not evaluated.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const ROOT = join(import.meta.dirname, "..", "..");
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

/**
 * TypeScript's excess-property and type checks of each object against its kubernetes-models interface (I<Kind>),
 * one program for all; errors by the object's index. The program is a file that exists in memory only, placed in
 * the repository so that it resolves `kubernetes-models` from node_modules.
 */
function typeErrors(objects) {
  const file = join(ROOT, "tests", "support", "kubernetes-manifests.generated.ts");
  const checked = objects.map((o, i) => ({ o, i })).filter(({ o }) => !isCnpgCluster(o) && isKubernetesKind(o));
  const lines = checked.flatMap(({ o, i }) => [
    `import type { I${o.kind} as T${i} } from "kubernetes-models/${o.apiVersion}/${o.kind}";`,
    `export const o${i}: T${i} = ${JSON.stringify(o)};`,
  ]);
  const text = lines.join("\n") + "\n";
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, text, language) : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? text : readFile.call(host, name));
  const program = ts.createProgram([file], options, host);
  const byIndex = new Map();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.file?.fileName !== file) continue;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    const { i } = checked[Math.floor(line / 2)];
    const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
    byIndex.set(i, [...(byIndex.get(i) ?? []), message]);
  }
  return byIndex;
}

function isCnpgCluster(object) {
  return object.apiVersion === "postgresql.cnpg.io/v1" && object.kind === "Cluster";
}

/** The core group ("v1") and the groups of Kubernetes itself (apps/v1, policy/v1, networking.k8s.io/v1…). */
function isKubernetesKind(object) {
  return !object.apiVersion.includes(".") || object.apiVersion.includes(".k8s.io/");
}

async function validateOne(object, cnpg) {
  const { apiVersion, kind } = object;
  if (isCnpgCluster(object)) {
    if (cnpg(object)) return [];
    return cnpg.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  }
  if (!isKubernetesKind(object)) return [`no schema for ${apiVersion} ${kind}`];
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
const typed = typeErrors(objects);
const results = [];
for (const [i, object] of objects.entries()) {
  results.push({
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata?.name,
    errors: [...(await validateOne(object, cnpg)), ...(typed.get(i) ?? [])],
  });
}
process.stdout.write(JSON.stringify(results) + "\n");
