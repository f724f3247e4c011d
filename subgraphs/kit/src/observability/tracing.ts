import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { Resource } from "@opentelemetry/resources";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

/**
 * OpenTelemetry for the gateway and the subgraphs. Spans are made by the request middleware
 * (observability/request.ts, one server span per HTTP request, its parent read from the W3C
 * `traceparent` header), by Apollo Gateway itself (gateway.request, gateway.plan, gateway.fetch…),
 * and the gateway writes `traceparent` into every subgraph request (gateway/src/subgraph-observability.ts).
 * Spans are instrumented explicitly rather than by patching `http` at load time, so that they work the
 * same whether the servers run as processes or in one test process, and whatever client the gateway
 * fetches subgraphs with.
 */

/** The name the tracer is registered under. */
export const TRACER_NAME = "reception-graph";

let contextManagerSet = false;
let provider: NodeTracerProvider | null = null;

/**
 * An AsyncLocalStorage context manager, registered once per process when tracing starts: spans find their
 * parent in the active context. Not before: its promise hooks cost every request CPU, and with tracing off
 * nothing needs it (each request's log record travels with the request, see requestRecordOf).
 */
export function ensureContextManager(): void {
  if (contextManagerSet) return;
  contextManagerSet = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

/** Where spans go: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces (the OTLP spec's rule). */
export function otlpTracesUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!base) return null;
  return `${base.replace(/\/+$/, "")}/v1/traces`;
}

/**
 * Starts tracing for this process when OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set: spans are batched and sent as OTLP/HTTP JSON, the service
 * named OTEL_SERVICE_NAME or `reception-graph-<service>`. Without an endpoint nothing is recorded and
 * nothing is sent. Idempotent: the global tracer provider can be registered once per process (in a test
 * process running the gateway and the subgraphs together, the first call names the service).
 * Returns whether tracing is on.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (provider) return true;
  const url = otlpTracesUrl(env);
  if (!url) return false;
  ensureContextManager();
  const variable = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim()
    ? "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
    : "OTEL_EXPORTER_OTLP_ENDPOINT";
  const given = JSON.stringify(env[variable]?.trim());
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${variable} is not a URL: ${given}. Give the collector's, e.g. http://127.0.0.1:4318.`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new Error(
      `${variable} must be an http(s) URL, not ${given}. Give the collector's, e.g. http://127.0.0.1:4318.`,
    );
  provider = new NodeTracerProvider({
    resource: new Resource({ "service.name": env.OTEL_SERVICE_NAME?.trim() || `reception-graph-${service}` }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  // Only the W3C trace context crosses processes: baggage from a client could carry anything into the subgraphs.
  provider.register({ contextManager: null, propagator: new W3CTraceContextPropagator() });
  return true;
}

/** Whether startTracing turned tracing on in this process. */
export function tracingEnabled(): boolean {
  return provider !== null;
}

/** Sends the spans still batched (tests, and a process about to exit). */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

/** Flushes and stops tracing; a later startTracing starts it anew. */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  if (!stopping) return;
  provider = null;
  await stopping.shutdown();
  trace.disable();
  propagation.disable();
}

/** The active trace context as request headers (`traceparent`), for a call to a peer subgraph; none while tracing is off. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}

/** The tracer of the graph's own spans (a no-op one while tracing is off). */
export function tracer() {
  return trace.getTracer(TRACER_NAME);
}
