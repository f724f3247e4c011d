import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  context,
  INVALID_SPAN_CONTEXT,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import express from "express";
import { performance } from "node:perf_hooks";
import { safeRequestId } from "../request-meta";
import { Logger, serviceLogger } from "./logger";
import { createServiceMetrics, metricsRoute, ServiceMetrics, ServiceMetricsOptions } from "./metrics";
import { tracer } from "./tracing";

/**
 * What one HTTP request's log line says besides method, path, status and duration: filled in by the
 * Apollo plugin below while the operation runs. Only names, codes and IDs, never a value of the request.
 */
export interface RequestRecord {
  requestId: string;
  started: number;
  operation?: string;
  outcome?: Outcome;
  errorCodes: string[];
  org?: string;
  /** The operationName of the request's GraphQL body, for a request refused before its operation ran. */
  bodyOperation(): unknown;
}

type Outcome = "success" | "partial" | "error";

/**
 * Each HTTP request's record, found from the request itself: the contexts built from it carry it to the Apollo
 * plugin (`requestRecord`). Not through the active OpenTelemetry context: that needs an AsyncLocalStorage context
 * manager, whose promise hooks cost every process 3–5% of its CPU with tracing off (profiles, issue 13).
 */
const records = new WeakMap<object, RequestRecord>();

/** The record of an HTTP request the service's middleware has seen, for the context built from that request. */
export function requestRecordOf(req: object): RequestRecord | undefined {
  return records.get(req);
}

/**
 * Root fields whose request lines name no organisation: an anonymous feedback submission must not be
 * traceable to whoever entered it (care's feedback mechanism), and a line naming the submitter's
 * organisation beside the time and operation would be such a trace.
 */
export const UNATTRIBUTED_FIELDS: ReadonlySet<string> = new Set(["submitFeedback"]);

/** Routes polled by probes and scrapers: their lines are debug whatever their status (an unready 503 is a state, not a fault), the rest info, 5xx error. */
const PROBE_PATHS = new Set(["/health", "/ready", "/metrics"]);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The path without its query string, IDs replaced by `:id` (a person's ID in a DPO export's path is not logged). */
export function loggedPath(url: string): string {
  return (url.split("?")[0] ?? "").replace(UUID, ":id").slice(0, 200);
}

/** A GraphQL error's code as the caller saw it. */
function codeOf(error: unknown): string {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return typeof code === "string" && /^[A-Z_]{1,64}$/.test(code) ? code : "INTERNAL";
}

/** What the gateway's and the subgraphs' contexts have that the log line uses. */
interface ObservedContext extends BaseContext {
  operation?: string;
  caller?: { org?: string } | null;
  /** The HTTP request's record (requestRecordOf), when the context was built from one. */
  requestRecord?: RequestRecord;
}

export interface ObservedService {
  service: string;
  logger: Logger;
  metrics: ServiceMetrics;
  /** First middleware of the app: request ID (echoed as x-request-id), server span, one log line per request. */
  requests: express.RequestHandler;
  /** Apollo plugin: operation name, outcome, error codes and organisation into the line and the metrics. */
  plugin: ApolloServerPlugin<ObservedContext>;
  /**
   * Counts a request whose context could not be built (no or a bad token) and notes it in its line: no
   * operation ran, so the plugin sees nothing of it. Called by the context factory before it throws.
   */
  refused(req: object, error: unknown): void;
  /** GET /metrics, for loopback or METRICS_TOKEN (see metricsAccess). */
  metricsRoute: express.RequestHandler;
}

/** Logs, metrics and the server span of one service (the gateway, or a subgraph with its database). */
export function observeService(service: string, options: ServiceMetricsOptions = {}): ObservedService {
  const logger = serviceLogger(service);
  const metrics = createServiceMetrics(service, options);

  const requests: express.RequestHandler = (req, res, next) => {
    const requestId = safeRequestId(req.headers["x-request-id"]);
    // The routes' own contexts read the request ID from this header: one ID for the line, the audit and the response.
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    const path = loggedPath(req.originalUrl);
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    // Probes and scrapes are not traced: one trace every few seconds per process would bury the requests.
    const span = PROBE_PATHS.has(path)
      ? trace.wrapSpanContext(INVALID_SPAN_CONTEXT)
      : tracer().startSpan(
          `${req.method} ${path}`,
          {
            kind: SpanKind.SERVER,
            attributes: { "http.request.method": req.method, "url.path": path, "reception.service": service },
          },
          parent,
        );
    const traced = span.isRecording();
    const record: RequestRecord = {
      requestId,
      started: performance.now(),
      errorCodes: [],
      bodyOperation: () => (req.body as { operationName?: unknown } | undefined)?.operationName,
    };
    records.set(req, record);
    const active = trace.setSpan(parent, span);
    // Body parsers call next() from the request stream's events: bound, they run in this request's context (the
    // span's, while tracing is on; with no context manager both calls do nothing).
    context.bind(active, req);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const durationMs = Math.round((performance.now() - record.started) * 10) / 10;
      const status = res.headersSent ? res.statusCode : 499;
      span.setAttribute("http.response.status_code", status);
      if (record.operation) span.setAttribute("graphql.operation.name", record.operation);
      if (status >= 500 || record.outcome === "error") span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      const traceId = span.spanContext().traceId;
      const line = {
        requestId,
        method: req.method,
        path,
        status,
        durationMs,
        ...(record.operation ? { operation: record.operation } : {}),
        ...(record.outcome ? { outcome: record.outcome } : {}),
        ...(record.errorCodes.length ? { errorCodes: [...new Set(record.errorCodes)] } : {}),
        ...(record.org ? { org: record.org } : {}),
        ...(traced ? { traceId } : {}),
      };
      const level = PROBE_PATHS.has(path) ? "debug" : status >= 500 ? "error" : "info";
      logger[level](line, res.writableFinished ? "request" : "request closed before the response was sent");
    };
    res.once("finish", finish);
    res.once("close", finish);
    context.with(active, next);
  };

  const refused = (req: object, error: unknown) => {
    const record = records.get(req);
    const code = codeOf(error);
    metrics.errors.inc({ code });
    const given = record?.bodyOperation();
    const operation = metrics.operation(typeof given === "string" ? given : null);
    metrics.requests.inc({ operation, outcome: "error" });
    if (record) {
      metrics.duration.observe({ operation }, (performance.now() - record.started) / 1000);
      record.operation ??= operation;
      record.outcome = "error";
      record.errorCodes.push(code);
    }
  };

  const plugin: ApolloServerPlugin<ObservedContext> = {
    async requestDidStart({ request, contextValue }) {
      const started = performance.now();
      const record = contextValue?.requestRecord;
      return {
        async willSendResponse({ contextValue, response, operation }) {
          const given = contextValue?.operation;
          const name =
            (given && given !== "anonymous" ? given : null) ?? request.operationName ?? operation?.name?.value;
          const label = metrics.operation(name);
          const body = response.body.kind === "single" ? response.body.singleResult : null;
          const errors = body?.errors ?? [];
          const outcome: Outcome = errors.length === 0 ? "success" : body?.data ? "partial" : "error";
          const codes = errors.map(codeOf);
          metrics.requests.inc({ operation: label, outcome });
          metrics.duration.observe({ operation: label }, (performance.now() - started) / 1000);
          for (const code of codes) metrics.errors.inc({ code });
          if (record) {
            record.operation = label;
            record.outcome = outcome;
            record.errorCodes.push(...codes);
            const org = contextValue?.caller?.org;
            const roots = (operation?.selectionSet.selections ?? []).flatMap((s) =>
              s.kind === "Field" ? [s.name.value] : [],
            );
            if (typeof org === "string" && org && !roots.some((f) => UNATTRIBUTED_FIELDS.has(f)))
              record.org = org.slice(0, 100);
          }
        },
      };
    },
  };

  return { service, logger, metrics, requests, plugin, refused, metricsRoute: metricsRoute(metrics) };
}
