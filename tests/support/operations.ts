import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { runInNewContext } from "node:vm";
import { DocumentNode, Kind, OperationDefinitionNode, parse } from "graphql";

/** One GraphQL operation written in the repository's code, with where it was found. */
export interface FoundOperation {
  file: string;
  name: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

const ROOT = join(__dirname, "..", "..");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules") return [];
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Template literals and quoted-string concatenations that read as a GraphQL document. */
function candidates(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/`([^`]*)`/g)) found.push(m[1]);
  // The dashboard builds its documents from "…" + "…" concatenations (browser code, no template literals).
  for (const m of text.matchAll(/"((?:query|mutation) [^"]*)"(?:\s*\+\s*"[^"]*")*/g)) {
    found.push(
      m[0]
        .split(/"\s*\+\s*"/)
        .join("")
        .replace(/^"|"$/g, ""),
    );
  }
  return found.filter((s) => /^\s*(#[^\n]*\n\s*)*(query|mutation)\b/.test(s));
}

/**
 * The operations the repository's own code sends: the tests, the demo loader, the explorer's examples,
 * the dashboard and the gateway's routes. An interpolation (`${…}`) is read as a placeholder value; a
 * text that still does not parse (a deliberately broken document in a test) is left out.
 */
export function repositoryOperations(dirs: string[]): FoundOperation[] {
  const out: FoundOperation[] = [];
  for (const dir of dirs) {
    const abs = join(ROOT, dir);
    const files = statSync(abs).isDirectory() ? filesUnder(abs) : [abs];
    for (const file of files) {
      for (const raw of candidates(readFileSync(file, "utf8"))) {
        let document: DocumentNode;
        try {
          document = parse(raw.replace(/\$\{[^}]*\}/g, "X"));
        } catch {
          continue;
        }
        for (const d of document.definitions) {
          if (d.kind !== Kind.OPERATION_DEFINITION) continue;
          out.push({ file: relative(ROOT, file), name: d.name?.value ?? "anonymous", document, operation: d });
        }
      }
    }
  }
  return out;
}

/**
 * The dashboard's operations: its browser script builds them from pieces (`"{ value suppressed }"`…), so
 * its QUERIES object is evaluated, with the piece definitions before it, rather than read as text.
 */
export function dashboardOperations(): FoundOperation[] {
  const file = "gateway/src/dashboard/dashboard.client.js";
  const text = readFileSync(join(ROOT, file), "utf8");
  const start = text.indexOf("var charts = {};");
  const queries = text.indexOf("var QUERIES = {");
  const end = text.indexOf("\n  };\n", queries);
  if (start < 0 || queries < 0 || end < 0) throw new Error(`${file}: QUERIES not found where expected`);
  const values = runInNewContext(`${text.slice(start, end + 5)}\nQUERIES`, {}) as Record<string, string>;
  return Object.values(values).map((source) => {
    const document = parse(source);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    return { file, name: operation.name?.value ?? "anonymous", document, operation };
  });
}
