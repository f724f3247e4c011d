/** What auditing costs one subgraph, by its own clock (summed since start or the last reset). */
export interface AuditCounters {
  /** Requests answered (GraphQL operations). */
  requests: number;
  /** Time from the start of those requests to their response, in milliseconds. */
  requestMs: number;
  /** Audit INSERT statements sent (read records and write-transaction records). */
  auditStatements: number;
  /** Time spent in those statements, in milliseconds, by the subgraph's clock (send to result). */
  auditMs: number;
  /** The part of it PostgreSQL spent executing them (trigger and chain included), by the server's clock. */
  auditServerMs: number;
}

const counters = new Map<string, AuditCounters>();

function of(subgraph: string): AuditCounters {
  let c = counters.get(subgraph);
  if (!c) counters.set(subgraph, (c = { requests: 0, requestMs: 0, auditStatements: 0, auditMs: 0, auditServerMs: 0 }));
  return c;
}

/** Counts one audit INSERT and its duration (and the server's part of it, when known). */
export function recordAuditWrite(subgraph: string, ms: number, serverMs = 0): void {
  const c = of(subgraph);
  c.auditStatements++;
  c.auditMs += ms;
  c.auditServerMs += serverMs;
}

/** Counts one request and its duration (the subgraph server's plugin). */
export function recordSubgraphRequest(subgraph: string, ms: number): void {
  const c = of(subgraph);
  c.requests++;
  c.requestMs += ms;
}

/**
 * The counters per subgraph of this process (the bench reads them: the share
 * of request time spent writing audit records, measured, not estimated by
 * turning auditing off).
 */
export function auditCounters(): Record<string, AuditCounters> {
  return Object.fromEntries([...counters].map(([name, c]) => [name, { ...c }]));
}

/** Starts the counters again from zero (the bench, between phases). */
export function resetAuditCounters(): void {
  counters.clear();
}
