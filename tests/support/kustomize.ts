import { readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseAllDocuments } from "yaml";

/**
 * The part of Kustomize (kustomize.config.k8s.io/v1beta1) that deploy/kubernetes uses, so that CI builds the
 * manifests without the kustomize binary (npm has no maintained JavaScript Kustomize): `resources` (files and
 * directories holding a kustomization), `namespace`, `images` and `patches` as RFC 6902 JSON patches (inline or
 * from a file) with a `target` of group, version, kind and name. Anything else in a kustomization is an error
 * naming the field, never silently ignored, so the build here cannot drift from `kubectl kustomize` unseen.
 * Order as in Kustomize: a base is built whole first; then the overlay's patches, namespace and images.
 */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
};

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  patches?: { path?: string; patch?: string; target?: PatchTarget }[];
}

interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

type JsonPatchOp = { op: "add" | "replace" | "remove"; path: string; value?: unknown };

const SUPPORTED = new Set(["apiVersion", "kind", "resources", "namespace", "images", "patches"]);

/** Kinds without a namespace among those a kustomization here may hold. */
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition"]);

function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, "utf8")).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    const value = doc.toJS();
    return value === null ? [] : [value];
  });
}

function kustomizationFile(dir: string): string {
  for (const name of ["kustomization.yaml", "kustomization.yml", "Kustomization"]) {
    const file = join(dir, name);
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) return file;
  }
  throw new Error(`${dir} holds no kustomization.yaml.`);
}

/** Builds the kustomization in `dir` into its list of objects, as `kubectl kustomize dir` would. */
export function buildKustomization(dir: string): K8sObject[] {
  const file = kustomizationFile(dir);
  const [k] = readYamlDocuments(file) as Kustomization[];
  for (const key of Object.keys(k)) {
    if (!SUPPORTED.has(key))
      throw new Error(`${file}: "${key}" is not in the Kustomize subset tests/support/kustomize.ts builds.`);
  }
  if (k.kind !== undefined && k.kind !== "Kustomization")
    throw new Error(`${file}: kind ${k.kind} is not Kustomization.`);

  let objects: K8sObject[] = [];
  for (const entry of k.resources ?? []) {
    const path = resolve(dir, entry);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${file}: resource ${entry} does not exist.`);
    objects.push(...(stat.isDirectory() ? buildKustomization(path) : (readYamlDocuments(path) as K8sObject[])));
  }
  const ids = new Set<string>();
  for (const o of objects) {
    const id = `${o.apiVersion}|${o.kind}|${o.metadata?.namespace ?? ""}|${o.metadata?.name}`;
    if (ids.has(id)) throw new Error(`${file}: ${o.kind} ${o.metadata?.name} is declared twice.`);
    ids.add(id);
  }

  for (const [i, p] of (k.patches ?? []).entries()) {
    if ((p.path === undefined) === (p.patch === undefined))
      throw new Error(`${file}: patches[${i}] needs exactly one of path and patch.`);
    const text = p.patch ?? readFileSync(resolve(dir, p.path!), "utf8");
    const [ops] = parseAllDocuments(text).map((d) => d.toJS());
    if (!Array.isArray(ops))
      throw new Error(
        `${file}: patches[${i}] is not a JSON 6902 patch (a list of operations); only those are built here.`,
      );
    if (!p.target) throw new Error(`${file}: patches[${i}] has no target.`);
    const targets = objects.filter((o) => matches(o, p.target!));
    if (targets.length === 0)
      throw new Error(`${file}: patches[${i}] targets ${JSON.stringify(p.target)}, which matches nothing.`);
    objects = objects.map((o) =>
      targets.includes(o) ? applyJsonPatch(o, ops as JsonPatchOp[], `${file} patches[${i}]`) : o,
    );
  }

  if (k.namespace) {
    objects = objects.map((o) =>
      CLUSTER_SCOPED.has(o.kind) ? o : { ...o, metadata: { ...o.metadata, namespace: k.namespace } },
    );
  }

  for (const image of k.images ?? []) objects = objects.map((o) => setImage(o, image));
  return objects;
}

function matches(o: K8sObject, t: PatchTarget): boolean {
  const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["", o.apiVersion];
  return (
    (t.group === undefined || t.group === group) &&
    (t.version === undefined || t.version === version) &&
    (t.kind === undefined || t.kind === o.kind) &&
    (t.name === undefined || t.name === o.metadata.name) &&
    (t.namespace === undefined || t.namespace === o.metadata.namespace)
  );
}

/** RFC 6901: "/a/b~1c" → ["a", "b/c"]. */
function pointer(path: string): string[] {
  if (!path.startsWith("/")) throw new Error(`JSON pointer ${JSON.stringify(path)} does not start with /.`);
  return path
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** add, replace and remove of RFC 6902 on a copy; a path that does not exist is an error, as in Kustomize. */
export function applyJsonPatch<T>(doc: T, ops: readonly JsonPatchOp[], where = "patch"): T {
  const out = structuredClone(doc) as any;
  for (const op of ops) {
    const keys = pointer(op.path);
    const last = keys.pop()!;
    let parent = out;
    for (const key of keys) {
      if (parent === null || typeof parent !== "object" || !(key in parent))
        throw new Error(`${where}: ${op.op} ${op.path}: ${key} does not exist.`);
      parent = parent[key];
    }
    if (Array.isArray(parent)) {
      const index = last === "-" ? parent.length : Number(last);
      if (
        !Number.isInteger(index) ||
        index < 0 ||
        index > parent.length ||
        (op.op !== "add" && index === parent.length)
      )
        throw new Error(`${where}: ${op.op} ${op.path}: no element ${last}.`);
      if (op.op === "add") parent.splice(index, 0, op.value);
      else if (op.op === "replace") parent[index] = op.value;
      else if (op.op === "remove") parent.splice(index, 1);
      else
        throw new Error(`${where}: operation ${(op as { op: string }).op} is not built here (add, replace, remove).`);
      continue;
    }
    if (parent === null || typeof parent !== "object") throw new Error(`${where}: ${op.op} ${op.path}: not an object.`);
    if (op.op !== "add" && !(last in parent)) throw new Error(`${where}: ${op.op} ${op.path}: ${last} does not exist.`);
    if (op.op === "add" || op.op === "replace") parent[last] = op.value;
    else if (op.op === "remove") delete parent[last];
    else throw new Error(`${where}: operation ${(op as { op: string }).op} is not built here (add, replace, remove).`);
  }
  return out;
}

/** The image's name without its tag or digest ("registry:5000/a/b:1" → "registry:5000/a/b"). */
export function imageName(image: string): string {
  const at = image.indexOf("@");
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(":");
  return colon > withoutDigest.lastIndexOf("/") ? withoutDigest.slice(0, colon) : withoutDigest;
}

/** Kustomize's `images`: every container or init container whose image has that name gets the new name, tag or digest. */
function setImage(o: K8sObject, image: NonNullable<Kustomization["images"]>[number]): K8sObject {
  const visit = (node: any): any => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== "object") return node;
    const out: any = {};
    for (const [key, value] of Object.entries(node)) {
      if ((key === "containers" || key === "initContainers") && Array.isArray(value)) {
        out[key] = value.map((c: any) => {
          if (typeof c?.image !== "string" || imageName(c.image) !== image.name) return visit(c);
          const rest = c.image.slice(imageName(c.image).length);
          const suffix = image.digest ? `@${image.digest}` : image.newTag ? `:${image.newTag}` : rest;
          return { ...visit(c), image: `${image.newName ?? image.name}${suffix}` };
        });
      } else out[key] = visit(value);
    }
    return out;
  };
  return visit(o);
}

/** The directory of this repository's Kubernetes manifests. */
export const KUBERNETES_DIR = join(dirname(__dirname), "..", "deploy", "kubernetes");
