import { composeServices } from "@apollo/composition";
import { printSubgraphSchema } from "@apollo/subgraph";
import { DEFAULT_PORTS } from "@reception-graph/kit";
import { parse } from "graphql";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_SUBGRAPHS } from "./subgraphs";

export const SCHEMA_DIR = join(__dirname, "..", "schema");

export interface Composition {
  subgraphs: { name: string; sdl: string }[];
  supergraphSdl: string;
}

/** Prints every subgraph's SDL and composes the supergraph, as the gateway will load it. */
export async function composeSupergraph(): Promise<Composition> {
  const subgraphs = [];
  for (const module of ALL_SUBGRAPHS) {
    subgraphs.push({ name: module.name, sdl: printSubgraphSchema(await module.buildSchema()) });
  }
  const result = composeServices(
    subgraphs.map((s) => ({
      name: s.name,
      typeDefs: parse(s.sdl),
      // Default local URLs; the gateway overrides them from <NAME>_URL.
      url: `http://127.0.0.1:${DEFAULT_PORTS[s.name as keyof typeof DEFAULT_PORTS]}/graphql`,
    })),
  );
  if (result.errors?.length) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join("\n")}`);
  }
  return { subgraphs, supergraphSdl: result.supergraphSdl! };
}

export function writeComposition(c: Composition, dir = SCHEMA_DIR): void {
  mkdirSync(dir, { recursive: true });
  for (const s of c.subgraphs) writeFileSync(join(dir, `${s.name}.graphql`), s.sdl);
  writeFileSync(join(dir, "supergraph.graphql"), c.supergraphSdl);
}

if (require.main === module) {
  composeSupergraph()
    .then((c) => {
      writeComposition(c);
      console.log(`Composed ${c.subgraphs.map((s) => s.name).join(", ")} into schema/supergraph.graphql`);
    })
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
