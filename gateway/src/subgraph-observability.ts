import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import { context, propagation, TextMapSetter } from "@opentelemetry/api";
import { ServiceMetrics } from "@reception-graph/kit";
import { performance } from "node:perf_hooks";

/** Writes propagation headers into the Headers object of a subgraph request. */
const headerSetter: TextMapSetter<{ set(name: string, value: string): void }> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

/**
 * Observes a subgraph data source without changing its class: each fetch carries the active trace
 * context as W3C `traceparent` (the gateway.fetch span Apollo Gateway opened for it), whatever HTTP
 * client the data source fetches with, and its time is counted in
 * gateway_subgraph_fetch_duration_seconds{subgraph, outcome}: success, error (the subgraph answered
 * with GraphQL errors) or failed (no usable answer).
 */
export function observeSubgraphFetches<T extends RemoteGraphQLDataSource<any>>(
  source: T,
  subgraph: string,
  metrics: ServiceMetrics,
): T {
  const willSendRequest = source.willSendRequest?.bind(source);
  source.willSendRequest = async (options: GraphQLDataSourceProcessOptions<any>) => {
    await willSendRequest?.(options);
    const headers = options.request.http?.headers;
    if (headers) propagation.inject(context.active(), headers, headerSetter);
  };
  const processRequest = source.process.bind(source);
  source.process = async (options) => {
    const started = performance.now();
    let outcome = "failed";
    try {
      const response = await processRequest(options);
      outcome = response.errors?.length ? "error" : "success";
      return response;
    } finally {
      metrics.subgraphFetch?.observe({ subgraph, outcome }, (performance.now() - started) / 1000);
    }
  };
  return source;
}
