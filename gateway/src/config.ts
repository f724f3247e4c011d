import { Supergraph } from "@apollo/federation-internals";
import { InternalTokenSigner, requireEnv, SUBGRAPH_NAMES } from "@reception-graph/kit";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { AuthConfig } from "./auth";
import { subgraphTimeoutMs } from "./subgraph-fetch";

export const SUPERGRAPH_PATH = join(__dirname, "..", "..", "schema", "supergraph.graphql");

/**
 * A setting the gateway cannot start with: the process prints its message as one line, without a stack
 * trace, and exits 1 (gateway/src/index.ts).
 */
export class StartupRefusal extends Error {
  name = "StartupRefusal";
}

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  return { jwtSecret: env.JWT_SECRET, jwksUrl: env.JWKS_URL, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
}

/** The first line of a message, without the file positions and hints that follow in GraphQL's errors. */
function firstLine(message: string): string {
  return message.split("\n")[0].trim();
}

/**
 * The composed supergraph the gateway serves (SUPERGRAPH_PATH, else schema/supergraph.graphql). A file that is
 * missing, unreadable, empty, not GraphQL or not a valid supergraph is a StartupRefusal naming the file and
 * what is wrong with it.
 */
export function loadSupergraph(path = process.env.SUPERGRAPH_PATH || SUPERGRAPH_PATH): string {
  const file = resolve(path);
  let sdl: string;
  try {
    sdl = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "does not exist"
        : code === "EACCES"
          ? "cannot be read (permission denied)"
          : code === "EISDIR"
            ? "is a directory, not a file"
            : `cannot be read (${code ?? (e as Error).message})`;
    throw new StartupRefusal(`The supergraph file ${file} ${why}; run npm run schema:compose or set SUPERGRAPH_PATH.`);
  }
  if (!sdl.trim()) throw new StartupRefusal(`The supergraph file ${file} is empty; run npm run schema:compose.`);
  try {
    Supergraph.build(sdl);
  } catch (e) {
    throw new StartupRefusal(
      `The supergraph file ${file} is not a valid composed supergraph: ${firstLine((e as Error).message)}; run npm run schema:compose.`,
    );
  }
  return sdl;
}

/** Every subgraph's timeout, checked at start: a bad `<NAME>_TIMEOUT_MS` or `SUBGRAPH_TIMEOUT_MS` refuses the start. */
export function subgraphTimeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, number> {
  try {
    return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphTimeoutMs(name, env)]));
  } catch (e) {
    throw new StartupRefusal((e as Error).message);
  }
}

/** The gateway's private key for internal tokens (PEM, or a path to one). */
export function internalSignerFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<InternalTokenSigner> {
  return InternalTokenSigner.fromPem(requireEnv("INTERNAL_TOKEN_PRIVATE_KEY", env));
}
