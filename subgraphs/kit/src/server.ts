import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError, GraphQLFormattedError, GraphQLSchema } from "graphql";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { DataSource } from "typeorm";
import { InternalTokenVerifier } from "./auth/internal-token";
import { SubgraphName } from "./config";
import { RELAYED_BY_HEADER } from "./access/person-scope";
import { recordSubgraphRequest } from "./audit/audit-counters";
import { buildContext, ContextParts, relayedBy, SubgraphContext } from "./context";
import { databaseUnavailable, isDatabaseUnavailable } from "./database-unavailable";
import { describeError } from "./error-log";
import { domainError, isPublicErrorCode } from "./errors";
import { DrainableServer, drainable, shutdownGraceMs, ShutdownReport } from "./graceful-shutdown";
import { requestErrorHandler } from "./http-errors";
import { observeService, requestRecordOf, serviceLogger } from "./observability";

/** How long a subgraph keeps an idle keep-alive connection open: longer than any client of it keeps its end. */
export const SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** How long a subgraph's /ready waits for its database's `SELECT 1`. */
export const READY_DATABASE_TIMEOUT_MS = 800;

/**
 * Apollo's own request-level codes that mean "your request was malformed". PERSISTED_QUERY_NOT_FOUND is
 * not among them: it is one of ERROR_CODES (the gateway's trusted documents), passed through as it is.
 */
const REQUEST_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

/**
 * Keeps the error codes of graph.md and their messages; anything else is an
 * INTERNAL error whose details are logged here (without personal values, see
 * describeError) and never sent.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (e: unknown) => void = console.error,
  /** The subgraph whose database this process uses: its outage is UNAVAILABLE naming it, not INTERNAL. */
  service?: string,
) {
  const ext = formatted.extensions ?? {};
  const code = ext.code;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (isPublicErrorCode(code) && code !== "INTERNAL") {
    const extensions: Record<string, unknown> = { code };
    for (const key of ["field", "existingId", "warnings", "limit", "service", "purpose", "category"])
      if (key in ext) extensions[key] = ext[key];
    return { ...base, extensions };
  }
  if (typeof code === "string" && REQUEST_ERROR_CODES.has(code)) {
    return { ...base, extensions: { code: "BAD_USER_INPUT" } };
  }
  const original = (error as GraphQLError)?.originalError ?? error;
  if ((original as Error)?.name === "ArgumentValidationError") {
    return { ...base, extensions: { code: "BAD_USER_INPUT" } };
  }
  log(describeError(original));
  if (service && isDatabaseUnavailable(original)) {
    const unavailable = databaseUnavailable(service);
    return { ...base, message: unavailable.message, extensions: { ...unavailable.extensions } };
  }
  return {
    message: "Internal error. It has been logged; please try again or contact the administrator.",
    path: formatted.path,
    extensions: { code: "INTERNAL" },
  };
}

/** Writes the request's audit lines before the response leaves; no audit, no data. */
function auditPlugin(name: string): ApolloServerPlugin<SubgraphContext> {
  const logger = serviceLogger(name);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (!operation) return;
          const roots = operation.selectionSet.selections.flatMap((s) => (s.kind === "Field" ? [s.name.value] : []));
          contextValue.audit?.describeOperation(operation.operation, roots);
        },
        async willSendResponse({ contextValue, response }) {
          try {
            // Checks of fields dropped after a sibling failed still end, and their lines go in with the rest.
            await contextValue.access?.settled();
            await contextValue.audit?.flush();
          } catch (e) {
            logger.error({ error: describeError(e) }, "audit write failed; response withheld");
            // A database that went away is the partner being unavailable, not a fault of the graph.
            const withheld = isDatabaseUnavailable(e)
              ? { message: databaseUnavailable(name).message, extensions: { code: "UNAVAILABLE", service: name } }
              : { message: "Internal error: the access could not be recorded.", extensions: { code: "INTERNAL" } };
            response.body = { kind: "single", singleResult: { errors: [withheld] } };
          }
        },
      };
    },
  };
}

export interface SubgraphServerOptions<TLoaders> extends ContextParts<TLoaders> {
  name: SubgraphName;
  schema: GraphQLSchema;
  dataSource: DataSource;
  /** The gateway's public key(s): the only signer of internal tokens this subgraph accepts. */
  internalTokens: InternalTokenVerifier;
  /** Peer subgraph URLs for scope questions; the object may be filled in after start. */
  peerUrls?: Partial<Record<string, string>>;
}

export interface SubgraphServer {
  name: string;
  app: express.Express;
  apollo: ApolloServer<SubgraphContext>;
  /** Listens on host:port (port 0 for a free one); resolves to the GraphQL URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Drains (see DrainableServer: not ready at once, requests in flight finish within SHUTDOWN_GRACE_MS), then stops Apollo. */
  stop(): Promise<ShutdownReport>;
}

/** An express app serving one subgraph at /graphql with /health and /ready; opens no port by itself. */
export async function createSubgraphServer<TLoaders>(opts: SubgraphServerOptions<TLoaders>): Promise<SubgraphServer> {
  const observed = observeService(opts.name, { dataSource: opts.dataSource });
  const apollo = new ApolloServer<SubgraphContext>({
    // Apollo's own SIGTERM handler stops the server and sends the signal again, which cut the drain short (the
    // second signal exits at once): stopping is graceful-shutdown.ts's alone.
    stopOnTerminationSignals: false,
    schema: opts.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Inline tracing is for Apollo Studio, which this graph does not use; it would also expose timings.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), auditPlugin(opts.name)],
    formatError: (formatted, error) =>
      maskError(formatted, error, (e) => observed.logger.error({ error: e }, "internal error"), opts.name),
  });
  apollo.addPlugin(observed.plugin);
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.use(observed.requests);
  app.get("/metrics", observed.metricsRoute);
  app.get("/health", (_req, res) => {
    res.json({ status: "ok", service: opts.name });
  });
  app.get("/ready", async (_req, res) => {
    // Bounded: a database that hangs (stopped, or a link that drops packets) makes this subgraph unready, not /ready slow.
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        opts.dataSource.query("SELECT 1"),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("database did not answer in time")), READY_DATABASE_TIMEOUT_MS);
        }),
      ]);
      res.json({ status: "ready", service: opts.name });
    } catch {
      res.status(503).json({ status: "unavailable", service: opts.name, reason: "database" });
    } finally {
      clearTimeout(timer);
    }
  });
  /** The context of one request from its internal token; UNAUTHENTICATED without a valid one. */
  const requestContext = async (req: express.Request): Promise<SubgraphContext<TLoaders>> => {
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    if (!token) throw domainError("UNAUTHENTICATED", "This subgraph only answers the gateway: no internal token.");
    let identity;
    try {
      identity = await opts.internalTokens.verify(token, opts.name);
    } catch (e) {
      observed.logger.warn({ reason: (e as Error).message }, "internal token refused");
      throw domainError("UNAUTHENTICATED", "This subgraph only answers the gateway: the internal token is not valid.");
    }
    return buildContext(
      opts.dataSource,
      identity,
      opts,
      { urls: opts.peerUrls ?? {} },
      { subgraph: opts.name, relayedBy: relayedBy(req.headers[RELAYED_BY_HEADER]) },
    );
  };
  app.use(
    "/graphql",
    // The subgraph's own request time, from arrival to the last byte sent: what audit time is a share of (bench).
    (_req, res, next) => {
      const started = performance.now();
      res.once("finish", () => recordSubgraphRequest(opts.name, performance.now() - started));
      next();
    },
    express.json({ limit: "2mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const context = await requestContext(req);
          return { ...context, requestRecord: requestRecordOf(req) };
        } catch (e) {
          observed.refused(req, e);
          throw e;
        }
      },
    }),
  );

  app.use(requestErrorHandler(opts.name));

  let http: Server | null = null;
  let drain: DrainableServer | null = null;
  return {
    name: opts.name,
    app,
    apollo,
    async listen(port, host = "127.0.0.1") {
      http = createServer(app);
      drain = drainable(http, opts.name);
      // Idle keep-alive sockets outlive the gateway's (30 s, gateway/src/subgraph-fetch.ts): the gateway closes
      // its end first, so it never sends a request onto a socket this server is closing (ECONNRESET).
      http.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS;
      http.headersTimeout = SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS + 1000;
      await new Promise<void>((resolve, reject) => {
        http!.once("error", reject);
        http!.listen(port, host, resolve);
      });
      const address = http.address() as AddressInfo;
      return `http://${host}:${address.port}/graphql`;
    },
    async stop() {
      const report = drain ? await drain.drain(shutdownGraceMs()) : { finished: 0, cut: 0 };
      http = null;
      await apollo.stop();
      return report;
    },
  };
}
