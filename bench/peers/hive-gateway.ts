import {
  createGatewayRuntime,
  createInlineSigningKeyProvider,
  GatewayPlugin,
  JWTExtendContextFields,
  useJWT,
} from "@graphql-hive/gateway";
import { unifiedGraphHandler } from "@graphql-hive/router-runtime";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
// The kit's signer itself, by path: the peer forwards exactly the internal token our gateway forwards,
// without loading the kit's index (TypeORM, type-graphql) into the peer's memory.
import { internalAudience, InternalTokenSigner } from "../../subgraphs/kit/src/auth/internal-token";
import { Caller, isPurpose, Purpose } from "../../subgraphs/kit/src/auth/caller";
import { callerFromClaims, checkTimeClaims } from "../../gateway/src/auth";
import type { JWTPayload } from "jose";
import type { SubgraphName } from "../../subgraphs/kit/src/config";

/**
 * A peer gateway for the side-by-side benchmark: Hive Gateway serving the
 * committed supergraph to the same subgraphs, with the same authentication as
 * ours (the caller's HS256 JWT verified; per request and subgraph an internal
 * token with the same claims our gateway signs: caller, purpose, request id,
 * operation, audience). HIVE_ROUTER_RUNTIME=1 plans with its Rust query
 * planner (@graphql-hive/router-runtime) instead of the JavaScript one.
 * Not product code: it lives in bench/'s own package.
 */
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set.`);
  return value;
};
const SUBGRAPHS: readonly SubgraphName[] = ["social", "housing", "care", "education"];
const SAFE_REQUEST_ID = /^[\w-]{1,64}$/;

/** The committed supergraph with each subgraph's URL replaced by where the benchmark started it. */
function supergraph(): string {
  let sdl = readFileSync(process.env.SUPERGRAPH_PATH || join(__dirname, "../../schema/supergraph.graphql"), "utf8");
  for (const name of SUBGRAPHS) {
    sdl = sdl.replace(
      new RegExp(`@join__graph\\(name: "${name}", url: "[^"]*"\\)`),
      `@join__graph(name: "${name}", url: "${env(`${name.toUpperCase()}_URL`)}")`,
    );
  }
  return sdl;
}

/** The caller as our gateway builds it from a verified token: the same claims, time checks and refusals. */
function callerFromVerifiedPayload(payload: JWTPayload): Caller {
  checkTimeClaims(payload);
  return callerFromClaims(payload);
}

interface PeerContext {
  jwt?: JWTExtendContextFields;
  headers: Record<string, string>;
  params?: { operationName?: string | null };
}

interface RequestIdentity {
  caller: Caller;
  purpose: Purpose | null;
  requestId: string;
  /** This request's internal tokens so far: one per subgraph, as our gateway signs them. */
  tokens: Map<SubgraphName, Promise<string>>;
}
const perRequest = new WeakMap<object, RequestIdentity>();

/** The request's identity, read once from its verified JWT and headers as our gateway's requestContext does. */
function identityOf(ctx: PeerContext & { jwt: JWTExtendContextFields }): RequestIdentity {
  let identity = perRequest.get(ctx);
  if (!identity) {
    const purpose = (ctx.headers["x-purpose"] ?? "").trim().toUpperCase();
    const rid = ctx.headers["x-request-id"];
    identity = {
      caller: callerFromVerifiedPayload(ctx.jwt.payload as JWTPayload),
      purpose: isPurpose(purpose) ? purpose : null,
      requestId: rid && SAFE_REQUEST_ID.test(rid) ? rid : randomUUID(),
      tokens: new Map(),
    };
    perRequest.set(ctx, identity);
  }
  return identity;
}

function internalTokens(signer: InternalTokenSigner): GatewayPlugin<PeerContext> {
  return {
    onFetch({ context, executionRequest, options, setOptions }) {
      const name = executionRequest?.subgraphName as SubgraphName | undefined;
      const ctx = context as unknown as PeerContext;
      if (!name || !ctx.jwt) return;
      const identity = identityOf(ctx as PeerContext & { jwt: JWTExtendContextFields });
      let token = identity.tokens.get(name);
      if (!token) {
        token = signer.sign(
          {
            caller: identity.caller,
            purpose: identity.purpose,
            requestId: identity.requestId,
            operation: ctx.params?.operationName ?? "anonymous",
          },
          internalAudience(name, identity.caller),
        );
        identity.tokens.set(name, token);
      }
      return token.then((t) => {
        const headers = {
          ...(options.headers as Record<string, string>),
          authorization: `Bearer ${t}`,
          "x-request-id": identity.requestId,
        };
        setOptions({ ...options, headers });
      });
    },
  };
}

async function main() {
  const signer = await InternalTokenSigner.fromPem(env("INTERNAL_TOKEN_PRIVATE_KEY"));
  const runtime = createGatewayRuntime<PeerContext>({
    supergraph: supergraph(),
    logging: false,
    ...(process.env.HIVE_ROUTER_RUNTIME === "1" ? { unifiedGraphHandler } : {}),
    // Its HTTP executor shares one subgraph answer among identical requests in flight, keyed without the headers
    // our internal token travels in: two callers' requests would become one subgraph read and one audit record.
    // Our gateway sends, and the subgraph audits, one fetch per request; so does the peer here.
    transportEntries: { "*.http": { options: { deduplicateInflightRequests: false } } },
    plugins: () => [
      useJWT({
        signingKeyProviders: [createInlineSigningKeyProvider(env("JWT_SECRET"))],
        tokenVerification: { algorithms: ["HS256"] },
        reject: { missingToken: true, invalidToken: true },
      }) as GatewayPlugin<PeerContext>,
      internalTokens(signer),
    ],
  });
  const server = createServer(runtime);
  const port = Number(process.env.HIVE_PORT ?? 0);
  server.listen(port, "127.0.0.1", () => console.log(`[hive] listening on ${port}`));
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((e) => {
  console.error("[hive] failed to start", e);
  process.exit(1);
});
