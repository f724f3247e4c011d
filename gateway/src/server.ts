import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import type { FetcherResponse } from "@apollo/utils.fetcher";
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import {
  assertOperationName,
  Caller,
  DrainableServer,
  drainable,
  internalAudience,
  InternalTokenSigner,
  maskError,
  observeService,
  Purpose,
  requestErrorHandler,
  RequestRecord,
  requestRecordOf,
  SubgraphName,
  safeRequestId,
  serviceLogger,
  SUBGRAPH_NAMES,
  shutdownGraceMs,
  ShutdownReport,
} from "@reception-graph/kit";
import express from "express";
import { getVariableValues, GraphQLError, GraphQLSchema } from "graphql";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { authenticate, parsePurpose, TokenVerifier } from "./auth";
import { explorerRouter } from "./explorer/explorer";
import { residentFeedbackRouter } from "./feedback/resident-feedback";
import { operationDepth } from "./query-depth";
import { dashboardRouter } from "./dashboard/dashboard";
import { reportsRouter } from "./reports/reports-router";
import { subjectAccessRouter } from "./dpo/subject-access";
import { gatewayLimits } from "./limits";
import type { LimitsConfig } from "./limits/config";
import { observeSubgraphFetches } from "./subgraph-observability";
import { partnerUnavailable, unavailableReason } from "./partners";
import { gatewayReadiness } from "./readiness";
import { createSubgraphFetcher, subgraphTimeoutMs } from "./subgraph-fetch";

export const GRAPHQL_PATH = "/graphql";

/** What the gateway knows of one request (per request). */
export interface GatewayContext {
  caller: Caller;
  purpose: Purpose | null;
  requestId: string;
  operation: string;
  /**
   * The person of a subject-access export: set by the export route alone (a DPO, purpose AUDIT), signed
   * into this request's internal tokens as claim `sar`; /graphql never sets it.
   */
  subjectAccess?: string;
  /** The HTTP request's log and metrics record (observability). */
  requestRecord?: RequestRecord;
  /** The internal tokens of this request, one per subgraph (each names only where it may be used). */
  internalTokens?: Partial<Record<SubgraphName, Promise<string>>>;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph URLs by name, overriding the URLs in the supergraph. */
  subgraphUrls: Partial<Record<string, string>>;
  verifyToken: TokenVerifier;
  /** The gateway's private key: it alone vouches for callers towards the subgraphs. */
  internalTokens: InternalTokenSigner;
  /** The limits (README, "Limits"); from the environment when not given. */
  limits?: LimitsConfig;
  /** Each subgraph's timeout in ms; unset: `<NAME>_TIMEOUT_MS`, `SUBGRAPH_TIMEOUT_MS` or 5000 (subgraph-fetch.ts). */
  subgraphTimeoutsMs?: Partial<Record<string, number>>;
}

/** The operation the gateway sends one subgraph (its query, variables and HTTP parts). */
type SubgraphRequest = Parameters<RemoteGraphQLDataSource["didEncounterError"]>[4];

/**
 * Forwards the verified caller to a subgraph in a short-lived internal token,
 * signed for this request and valid only at that subgraph and the peers it
 * may have to ask for this caller.
 */
class InternalIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly name: SubgraphName,
    private readonly signer: InternalTokenSigner,
    timeoutMs: number,
  ) {
    super({ url, fetcher: createSubgraphFetcher(timeoutMs) });
  }

  /**
   * A subgraph that timed out, refused or cut the connection, or answered a proxy's 502/503/504 or no JSON:
   * the caller gets the other partners' data and one UNAVAILABLE error naming this subgraph and the fields
   * asked of it; any other failure keeps its own error.
   */
  didEncounterError(
    error: Error,
    _fetchRequest: unknown,
    _fetchResponse?: FetcherResponse,
    _context?: GatewayContext,
    request?: SubgraphRequest,
  ): void {
    const reason = unavailableReason(error);
    if (!reason) throw error;
    serviceLogger("gateway").warn({ subgraph: this.name, reason }, `${this.name} did not answer (${reason})`);
    throw partnerUnavailable(this.name, request?.query);
  }

  async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { request, context } = options;
    if (!("caller" in context) || !context.caller) return;
    // Audit records name the operation: the body's operationName, else the name written in the document itself,
    // else the client's root fields (each subgraph sees only its own part of the operation, e.g. _entities).
    const incoming = "incomingRequestContext" in options ? options.incomingRequestContext : null;
    const roots = (incoming?.operation?.selectionSet.selections ?? []).flatMap((s) =>
      s.kind === "Field" ? [s.name.value] : [],
    );
    const named = incoming?.operationName ?? (roots.length ? roots.join(",").slice(0, 200) : null);
    const operation = context.operation === "anonymous" && named ? named : context.operation;
    const tokens = (context.internalTokens ??= {});
    tokens[this.name] ??= this.signer.sign(
      {
        caller: context.caller,
        purpose: context.purpose,
        requestId: context.requestId,
        operation,
        ...(context.subjectAccess ? { subjectAccess: context.subjectAccess } : {}),
      },
      internalAudience(this.name, context.caller),
    );
    request.http?.headers.set("authorization", `Bearer ${await tokens[this.name]}`);
    request.http?.headers.set("x-request-id", context.requestId);
  }

  /**
   * A subgraph answers 400 with a GraphQL error body when it refuses the request itself (a variable
   * the gateway could not check, such as a malformed Date): relay that error and its code, instead of
   * Apollo's default "400: Bad Request", which the client would only see as INTERNAL.
   */
  async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    // Read a copy: the default error below reads the body again.
    const body = await this.parseBody(response.clone());
    const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | null)?.errors?.[0];
    if (response.status === 400 && typeof first?.message === "string" && first.extensions?.code === "BAD_USER_INPUT") {
      return new GraphQLError(first.message, { extensions: { code: "BAD_USER_INPUT" } });
    }
    return super.errorFromResponse(response);
  }
}

/** How long the gateway keeps an idle keep-alive connection of a caller open. */
export const GATEWAY_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Deepest nesting of fields an operation may have; the deepest real question (people → household → members → placement → site → municipality) is about 8. */
export const MAX_QUERY_DEPTH = 12;

/**
 * Before planning: refuses operations nested deeper than MAX_QUERY_DEPTH
 * (QUERY_TOO_COMPLEX), and checks variable values against the public schema
 * so that an invalid enum is BAD_USER_INPUT naming the input path.
 */
const requestChecks: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, operation, request, document }) {
        // Without an operationName in the body, the name written in the document is the one audit lines carry.
        assertOperationName(operation?.name?.value);
        // Apollo leaves the operation unresolved when operationName names none in the document, or when the
        // document holds several and names none: the caller's mistake, said as such (never INTERNAL).
        if (!operation) {
          const names = document.definitions.flatMap((d) =>
            d.kind === "OperationDefinition" ? [d.name?.value ?? "(unnamed)"] : [],
          );
          const message = request.operationName
            ? `No operation named ${JSON.stringify(request.operationName)} in the document; it holds: ${names.join(", ")}.`
            : `The document holds ${names.length} operations (${names.join(", ")}); say which to run in operationName.`;
          throw new GraphQLError(message, {
            extensions: { code: "BAD_USER_INPUT", field: "operationName", http: { status: 400 } },
          });
        }
        if (operation) {
          const fragments = Object.fromEntries(
            document.definitions.filter((d) => d.kind === "FragmentDefinition").map((d) => [d.name.value, d]),
          );
          const depth = operationDepth(operation, fragments);
          if (depth > MAX_QUERY_DEPTH) {
            throw new GraphQLError(
              `The operation nests fields ${depth} levels deep; at most ${MAX_QUERY_DEPTH} are allowed. Split it into smaller queries.`,
              { extensions: { code: "QUERY_TOO_COMPLEX", http: { status: 400 } } },
            );
          }
        }
        const { errors } = getVariableValues(schema, operation?.variableDefinitions ?? [], request.variables ?? {});
        if (errors?.length) {
          // "Variable "$input" got invalid value "WOMAN" at "input.members[0].sex"…": name the input path.
          const message = errors[0].message;
          const name = /at "([^"]+)"/.exec(message)?.[1] ?? /^Variable "\$(\w+)"/.exec(message)?.[1];
          throw new GraphQLError(errors[0].message, {
            extensions: { code: "BAD_USER_INPUT", ...(name ? { field: name } : {}), http: { status: 400 } },
          });
        }
      },
    };
  },
};

/**
 * The context of one request, the same for /graphql and the gateway's own routes that run an
 * operation (the exports): the caller from the bearer token (UNAUTHENTICATED, 401, without a valid
 * one), the purpose from x-purpose (the route's default when the caller states none), a request ID.
 */
export async function requestContext(
  req: express.Request,
  verifyToken: TokenVerifier,
  operation: string,
  defaultPurpose: Purpose | null = null,
): Promise<GatewayContext> {
  const caller = await authenticate(req.headers.authorization, verifyToken);
  const purpose = parsePurpose(req.headers["x-purpose"]) ?? defaultPurpose;
  const requestId = safeRequestId(req.headers["x-request-id"]);
  return { caller, purpose, requestId, operation, requestRecord: requestRecordOf(req) };
}

export interface GatewayServer {
  app: express.Express;
  listen(port: number, host?: string): Promise<string>;
  /** Drains (see DrainableServer: not ready at once, requests in flight finish within SHUTDOWN_GRACE_MS), then stops Apollo. */
  stop(): Promise<ShutdownReport>;
}

/** Builds the gateway (explorer, /graphql, /health, /ready) without opening a port. */
export async function createGatewayServer(opts: GatewayOptions): Promise<GatewayServer> {
  const urls = new Map<string, string>();
  const observed = observeService("gateway", { subgraphFetches: true });
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    buildService: ({ name, url }) => {
      const target = opts.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`No URL for subgraph ${name}`);
      if (!(SUBGRAPH_NAMES as readonly string[]).includes(name)) throw new Error(`Unknown subgraph ${name}`);
      urls.set(name, target);
      const timeoutMs = opts.subgraphTimeoutsMs?.[name] ?? subgraphTimeoutMs(name);
      const source = new InternalIdentityDataSource(target, name as SubgraphName, opts.internalTokens, timeoutMs);
      return observeSubgraphFetches(source, name, observed.metrics);
    },
  });
  // The public schema as loaded: the subject-access export generates its selection from it.
  let apiSchema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate((loaded) => {
    apiSchema = loaded.apiSchema;
  });
  const limits = gatewayLimits<GatewayContext>(opts.verifyToken, opts.limits);
  gateway.onSchemaLoadOrUpdate((loaded) => limits.onSupergraph(loaded.coreSupergraphSdl));
  const apollo = new ApolloServer<GatewayContext>({
    // Apollo's own SIGTERM handler stops the server and sends the signal again, which cut the drain short (the
    // second signal exits at once): stopping is graceful-shutdown.ts's alone.
    stopOnTerminationSignals: false,
    gateway,
    // Apollo's introspection stays on: the limits plugin refuses it to apps; without a token, nothing runs.
    introspection: true,
    // A hash names a trusted document only (limits/graphql-request.ts), never Apollo's cache of documents.
    persistedQueries: false,
    parseOptions: limits.parseOptions,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), requestChecks, limits.plugin],
    formatError: (formatted, error) =>
      maskError(formatted, error, (e) => observed.logger.error({ error: e }, "internal error")),
  });
  apollo.addPlugin(observed.plugin);
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.use(observed.requests);
  app.get("/metrics", observed.metricsRoute);
  app.get("/health", (_req, res) => {
    res.json({ status: "ok", service: "gateway" });
  });
  app.get(
    "/ready",
    gatewayReadiness({
      // Subgraphs in their usual order, then any other the supergraph names.
      subgraphUrls: () =>
        new Map(
          [...new Set([...SUBGRAPH_NAMES.filter((n) => urls.has(n)), ...urls.keys()])].map((n) => [n, urls.get(n)!]),
        ),
      verifyToken: opts.verifyToken,
    }),
  );
  app.use(limits.rateLimit);
  app.use(residentFeedbackRouter({ careUrl: () => urls.get("care"), signer: opts.internalTokens }));
  app.use(explorerRouter(GRAPHQL_PATH));
  app.use(
    reportsRouter({
      apollo,
      context: (req, operation, defaultPurpose) =>
        requestContext(req, limits.verifierFor(req), operation, defaultPurpose),
    }),
  );
  app.use(
    subjectAccessRouter({
      apollo,
      apiSchema: () => apiSchema,
      context: (req, operation) => requestContext(req, limits.verifierFor(req), operation, "AUDIT"),
    }),
  );
  app.use(dashboardRouter(GRAPHQL_PATH));
  app.use(
    GRAPHQL_PATH,
    ...limits.graphqlRequest,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const body = req.body as { operationName?: unknown } | undefined;
          const named = typeof body?.operationName === "string" ? body.operationName : null;
          const context = await requestContext(req, limits.verifierFor(req), named || "anonymous");
          if (named !== null) assertOperationName(named);
          return context;
        } catch (e) {
          observed.refused(req, e);
          throw e;
        }
      },
    }),
  );

  app.use(requestErrorHandler("gateway"));

  let http: Server | null = null;
  let drain: DrainableServer | null = null;
  return {
    app,
    async listen(port, host = "127.0.0.1") {
      http = createServer(app);
      drain = drainable(http, "gateway");
      // Idle keep-alive sockets outlive those of the clients and load balancers in front (60 s is the common idle
      // timeout): they close their end first and never send a request onto a socket the gateway is closing
      // (ECONNRESET). Node's default of 5 s reset a bench client's request after a pause of a few seconds.
      http.keepAliveTimeout = GATEWAY_KEEP_ALIVE_TIMEOUT_MS;
      http.headersTimeout = GATEWAY_KEEP_ALIVE_TIMEOUT_MS + 1000;
      await new Promise<void>((resolve, reject) => {
        http!.once("error", reject);
        http!.listen(port, host, resolve);
      });
      return `http://${host}:${(http.address() as AddressInfo).port}`;
    },
    async stop() {
      const report = drain ? await drain.drain(shutdownGraceMs()) : { finished: 0, cut: 0 };
      http = null;
      await apollo.stop();
      return report;
    },
  };
}
