import { createHash, timingSafeEqual } from "node:crypto";
import express from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { DataSource } from "typeorm";

/**
 * Prometheus metrics of one service (the gateway or a subgraph), in a registry of its own so that
 * each server's /metrics shows its own requests even when several run in one process (tests).
 */
export interface ServiceMetrics {
  registry: Registry;
  /** graphql_requests_total{operation,outcome}: outcome success, partial (data and errors) or error. */
  requests: Counter<"operation" | "outcome">;
  /** graphql_request_duration_seconds{operation}. */
  duration: Histogram<"operation">;
  /** graphql_errors_total{code}: each error of a response, by the code the client saw. */
  errors: Counter<"code">;
  /** Gateway only: gateway_subgraph_fetch_duration_seconds{subgraph,outcome}. */
  subgraphFetch: Histogram<"subgraph" | "outcome"> | null;
  /** The label an operation name is counted under (see operationLabel). */
  operation(name: string | null | undefined): string;
}

export interface ServiceMetricsOptions {
  /** A subgraph's database: its connection pool is reported (db_pool_connections). */
  dataSource?: DataSource;
  /** The gateway: time of each fetch from a subgraph. */
  subgraphFetches?: boolean;
}

/** Seconds: from a cached lookup to the gateway's subgraph timeout and beyond. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Distinct operation names a process labels; later new names count as "other", so a client cannot grow the series without bound. */
export const MAX_OPERATION_LABELS = 200;

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z,]{0,99}$/;

/** The part of node-postgres' Pool that is read: TypeORM keeps it as the postgres driver's `master`. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

function poolOf(dataSource: DataSource): PoolCounts | null {
  const master = (dataSource.driver as unknown as { master?: unknown })?.master as PoolCounts | undefined;
  return master && typeof master.totalCount === "number" ? master : null;
}

/** The metrics of one service, with Node's process metrics (CPU, memory, event loop lag, GC). */
export function createServiceMetrics(service: string, options: ServiceMetricsOptions = {}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requests = new Counter({
    name: "graphql_requests_total",
    help: "GraphQL operations answered, by operation name and outcome (success, partial, error).",
    labelNames: ["operation", "outcome"] as const,
    registers,
  });
  const duration = new Histogram({
    name: "graphql_request_duration_seconds",
    help: "Time to answer a GraphQL operation, by operation name.",
    labelNames: ["operation"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const errors = new Counter({
    name: "graphql_errors_total",
    help: "Errors in GraphQL responses, by the code the caller received.",
    labelNames: ["code"] as const,
    registers,
  });
  const subgraphFetch = options.subgraphFetches
    ? new Histogram({
        name: "gateway_subgraph_fetch_duration_seconds",
        help: "Time of each fetch the gateway makes from a subgraph, by subgraph and outcome (success, error, failed).",
        labelNames: ["subgraph", "outcome"] as const,
        buckets: LATENCY_BUCKETS,
        registers,
      })
    : null;
  const dataSource = options.dataSource;
  if (dataSource) {
    new Gauge({
      name: "db_pool_connections",
      help: "The database connection pool: connections open (total), idle, and queries waiting for one (waiting).",
      labelNames: ["state"] as const,
      registers,
      collect() {
        const pool = poolOf(dataSource);
        if (!pool) return;
        this.set({ state: "total" }, pool.totalCount);
        this.set({ state: "idle" }, pool.idleCount);
        this.set({ state: "waiting" }, pool.waitingCount);
      },
    });
    new Gauge({
      name: "db_pool_max_connections",
      help: "The most connections the pool opens.",
      registers,
      collect() {
        const max = poolOf(dataSource)?.options?.max;
        if (typeof max === "number") this.set(max);
      },
    });
  }
  const seen = new Set<string>();
  const operation = (name: string | null | undefined): string => {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "invalid";
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATION_LABELS) return "other";
    seen.add(name);
    return name;
  };
  return { registry, requests, duration, errors, subgraphFetch, operation };
}

/** Addresses of this machine itself, as node reports a socket's peer. */
const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export type MetricsAccess =
  { allowed: true } | { allowed: false; status: 401 | 403; code: "UNAUTHENTICATED" | "FORBIDDEN"; message: string };

function sameSecret(given: string, expected: string): boolean {
  // Digests of equal length, so the comparison takes the same time whatever the given token's length.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Who may read /metrics: a caller on this machine (loopback), or one presenting
 * `Authorization: Bearer <METRICS_TOKEN>`. The peer's socket address is used, never a forwarded header:
 * behind a proxy on the same machine every caller would look local, so such a proxy must not forward /metrics.
 */
export function metricsAccess(
  remoteAddress: string | undefined,
  authorization: string | undefined,
  metricsToken: string | undefined = process.env.METRICS_TOKEN,
): MetricsAccess {
  const expected = metricsToken?.trim() || "";
  const given = authorization?.startsWith("Bearer ") ? authorization.slice(7).trim() : "";
  // A token that is sent is checked, from loopback too: a scraper with an outdated token should hear of it.
  if (expected && given)
    return sameSecret(given, expected)
      ? { allowed: true }
      : { allowed: false, status: 401, code: "UNAUTHENTICATED", message: "The metrics token is not valid." };
  if (remoteAddress && LOOPBACK.has(remoteAddress)) return { allowed: true };
  if (!expected)
    return {
      allowed: false,
      status: 403,
      code: "FORBIDDEN",
      message: "Metrics are readable from this machine only; set METRICS_TOKEN to let an operator read them remotely.",
    };
  return {
    allowed: false,
    status: 401,
    code: "UNAUTHENTICATED",
    message: "Metrics need the operator's token: send Authorization: Bearer <METRICS_TOKEN>.",
  };
}

/** GET /metrics in Prometheus' text format, for callers metricsAccess allows. */
export function metricsRoute(metrics: ServiceMetrics): express.RequestHandler {
  return async (req, res) => {
    const access = metricsAccess(req.socket.remoteAddress, req.headers.authorization);
    if (!access.allowed) {
      res.status(access.status).json({ errors: [{ message: access.message, extensions: { code: access.code } }] });
      return;
    }
    res.setHeader("content-type", metrics.registry.contentType);
    res.setHeader("cache-control", "no-store");
    res.send(await metrics.registry.metrics());
  };
}
