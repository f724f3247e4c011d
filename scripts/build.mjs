// npm run build: compiles the services and the scripts an image needs to plain JavaScript in dist/,
// with the same swc transform `npm start` and the tests use (.swcrc: legacy decorators and their
// metadata, which type-graphql and TypeORM read), so that a container runs `node dist/…` without
// compiling TypeScript at every start. dist/ mirrors the repository's layout, with the files the
// code reads beside it (the supergraph, the municipalities list, the pages' assets), and imports of
// the workspaces (@reception-graph/kit…) rewritten to relative paths: dist/ needs node_modules with
// the production dependencies only.
import { transformFile } from "@swc/core";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = join(ROOT, "dist");

/** Folders compiled whole; their other files (JSON, CSS, client scripts, icons) are copied. */
const SOURCE_DIRS = [
  "gateway/src",
  ...["kit", "social", "housing", "care", "education"].map((n) => `subgraphs/${n}/src`),
];
/** Command-line scripts for operators, and what they import. npm start and its embedded PostgreSQL stay out. */
const SCRIPTS = [
  "scripts/token.ts",
  "scripts/keys.ts",
  "scripts/container/database-env.ts",
  // The retention CronJob's (deploy/kubernetes/base/retention.yaml).
  "scripts/retention.ts",
];
/** Data files the code reads at run time, relative to its own folder. */
const DATA = [
  "schema/supergraph.graphql",
  "subgraphs/housing/data/flemish-municipalities-2022.csv",
  // The gateway refuses to start without its trusted documents' manifest.
  "gateway/trusted-documents",
];

/** Workspace package name → its entry file, as compiled in dist/. */
const WORKSPACES = Object.fromEntries(
  ["gateway", "subgraphs/kit", "subgraphs/social", "subgraphs/housing", "subgraphs/care", "subgraphs/education"].map(
    (dir) => {
      const pkg = JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8"));
      return [pkg.name, join(OUT, dir, pkg.main.replace(/\.ts$/, ".js"))];
    },
  ),
);

const swcrc = JSON.parse(readFileSync(join(ROOT, ".swcrc"), "utf8"));
delete swcrc.$schema;

function filesUnder(dir) {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : [path];
  });
}

/** `require("@reception-graph/kit")` → `require("../../subgraphs/kit/src/index.js")`, from the output file. */
function rewriteWorkspaceImports(code, outFile) {
  return code.replace(/require\("(@reception-graph\/[a-z]+)"\)/g, (whole, name) => {
    const target = WORKSPACES[name];
    if (!target) throw new Error(`${outFile}: unknown workspace ${name}`);
    let path = relative(dirname(outFile), target).split(sep).join("/");
    if (!path.startsWith(".")) path = `./${path}`;
    return `require(${JSON.stringify(path)})`;
  });
}

async function compile(source) {
  const outFile = join(OUT, source.replace(/\.ts$/, ".js"));
  const { code, map } = await transformFile(join(ROOT, source), {
    ...swcrc,
    swcrc: false,
    sourceMaps: true,
    sourceFileName: relative(dirname(outFile), join(ROOT, source)),
  });
  mkdirSync(dirname(outFile), { recursive: true });
  const base = outFile.slice(dirname(outFile).length + 1);
  writeFileSync(outFile, `${rewriteWorkspaceImports(code, outFile)}\n//# sourceMappingURL=${base}.map\n`);
  writeFileSync(`${outFile}.map`, map);
}

/** The relative imports of a script, followed so that a script's helpers come along. */
function withRelativeImports(entries) {
  const seen = new Set();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, spec] of readFileSync(join(ROOT, file), "utf8").matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
      const base = join(dirname(file), spec);
      const next = [`${base}.ts`, join(base, "index.ts")].find((p) => existsSync(join(ROOT, p)));
      if (next && !SOURCE_DIRS.some((d) => next.startsWith(d))) queue.push(next);
    }
  }
  return [...seen];
}

const started = Date.now();
rmSync(OUT, { recursive: true, force: true });
const sources = [];
for (const dir of SOURCE_DIRS) {
  for (const file of filesUnder(dir)) {
    if (file.endsWith(".ts") && !file.endsWith(".d.ts")) sources.push(file);
    else cpSync(join(ROOT, file), join(OUT, file));
  }
}
sources.push(...withRelativeImports(SCRIPTS));
await Promise.all(sources.map(compile));
for (const file of DATA) cpSync(join(ROOT, file), join(OUT, file), { recursive: true });
console.log(`dist/: ${sources.length} files compiled in ${Date.now() - started} ms`);
