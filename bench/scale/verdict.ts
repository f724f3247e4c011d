import { median, round2 } from "../side-by-side/stats";

/**
 * Issue 13's limits on how p95 may grow from the small data set to the national one: person, list and search
 * operations at most 1.5×, aggregates (computed over all rows in range) at most 3×.
 */
export const P95_GROWTH_LIMITS = { "person/list/search": 1.5, aggregate: 3 } as const;
export type OperationClass = keyof typeof P95_GROWTH_LIMITS;
export const AGGREGATES: ReadonlySet<string> = new Set(["indicators-month", "children-awaiting-school"]);

export interface P95Verdict {
  class: OperationClass;
  limit: number;
  /** p95(large) / p95(small) in each round (the two measured back to back). */
  per_round: number[];
  median: number;
  met: boolean;
}

/** The ratio of p95 at the large size to p95 at the small one, per round, and its median against the limit. */
export function p95Verdict(operation: string, smallP95PerRound: number[], largeP95PerRound: number[]): P95Verdict {
  if (smallP95PerRound.length === 0 || smallP95PerRound.length !== largeP95PerRound.length)
    throw new Error(
      `${operation}: ${smallP95PerRound.length} small and ${largeP95PerRound.length} large rounds; one of each per round expected.`,
    );
  const zero = smallP95PerRound.findIndex((p) => !(p > 0));
  if (zero >= 0)
    throw new Error(`${operation}: p95 at the small size is ${smallP95PerRound[zero]} in round ${zero + 1}.`);
  const cls: OperationClass = AGGREGATES.has(operation) ? "aggregate" : "person/list/search";
  const perRound = smallP95PerRound.map((small, k) => round2(largeP95PerRound[k] / small));
  const med = round2(median(perRound));
  return {
    class: cls,
    limit: P95_GROWTH_LIMITS[cls],
    per_round: perRound,
    median: med,
    met: med <= P95_GROWTH_LIMITS[cls],
  };
}

export interface StatementComparison {
  identical: boolean;
  /** The subgraphs whose count differs. */
  differing: string[];
  /** One line per subgraph whose count differs between the measurements, naming each measurement's count. */
  differences: string[];
}

/**
 * Whether SQL statements per request are the same in every measurement (e.g. "small", "large", or "small/10" …),
 * subgraph by subgraph.
 */
export function compareStatements(counts: Record<string, Record<string, number>>): StatementComparison {
  const labels = Object.keys(counts);
  const subgraphs = [...new Set(labels.flatMap((l) => Object.keys(counts[l])))];
  const differences: string[] = [];
  const differing: string[] = [];
  for (const s of subgraphs) {
    const values = labels.map((l) => counts[l][s]);
    if (new Set(values).size > 1) differing.push(s);
    if (new Set(values).size > 1)
      differences.push(`${s}: ${labels.map((l, k) => `${l} ${values[k] ?? "none"}`).join(", ")}`);
  }
  return { identical: differences.length === 0, differing, differences };
}

/** One statement's calls and execution milliseconds (pg_stat_statements), by its normalised text. */
export type Statements = Record<string, { calls: number; ms: number }>;

/**
 * A statement's text with every list of parameters as one (`IN ($1, $2, $3)` as `IN ($…)`): pg_stat_statements
 * tells apart the same statement asked with lists of other lengths (TypeORM's `In([...])`), which is one statement.
 */
export const oneStatement = (query: string) => query.replace(/\$\d+(?:\s*,\s*\$\d+)+/g, "$…");

/**
 * What was called between two readings of pg_stat_statements (statements not called in between left out), the
 * same statement with lists of other lengths counted as one.
 */
export function statementDelta(before: Statements, after: Statements): Statements {
  const out: Statements = {};
  for (const [query, a] of Object.entries(after)) {
    const b = before[query] ?? { calls: 0, ms: 0 };
    if (a.calls > b.calls) {
      const o = (out[oneStatement(query)] ??= { calls: 0, ms: 0 });
      o.calls += a.calls - b.calls;
      o.ms += a.ms - b.ms;
    }
  }
  return out;
}

/** The sum of several deltas (the rounds of one operation at one size, say). */
export function addStatements(...parts: Statements[]): Statements {
  const out: Statements = {};
  for (const part of parts)
    for (const [query, s] of Object.entries(part)) {
      const o = (out[query] ??= { calls: 0, ms: 0 });
      o.calls += s.calls;
      o.ms += s.ms;
    }
  return out;
}

/** A statement's text on one line, cut to `max` characters: enough to find it in the code. */
export const oneLine = (query: string, max = 140) => {
  const s = query.replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

/**
 * Why one subgraph's statements per request differ between measurements: each statement whose calls per request
 * differ, with its figure in every measurement ("small 0.75, large 1: SELECT …").
 */
export function differingStatements(measurements: Record<string, { calls: Statements; requests: number }>): string[] {
  const labels = Object.keys(measurements);
  const queries = [...new Set(labels.flatMap((l) => Object.keys(measurements[l].calls)))].sort();
  const lines: string[] = [];
  for (const q of queries) {
    const per = labels.map((l) => round2((measurements[l].calls[q]?.calls ?? 0) / measurements[l].requests));
    if (new Set(per).size > 1) lines.push(`${labels.map((l, k) => `${l} ${per[k]}`).join(", ")}: ${oneLine(q)}`);
  }
  return lines;
}

export interface StatementGrowth {
  query: string;
  calls: { small: number; large: number };
  mean_ms: { small: number; large: number };
  /** mean_ms large / small. */
  growth: number;
}

/**
 * The statements whose mean execution time grew most from the small data set to the large one (matched by text,
 * called at both sizes), most milliseconds added per call first: where a p95 that grows with the data comes from.
 */
export function statementGrowth(small: Statements, large: Statements, top = 5): StatementGrowth[] {
  const mean = (s: { calls: number; ms: number }) => s.ms / s.calls;
  return Object.keys(large)
    .filter((q) => small[q]?.calls > 0 && large[q].calls > 0)
    .map((q) => ({ q, added: mean(large[q]) - mean(small[q]) }))
    .sort((a, b) => b.added - a.added)
    .slice(0, top)
    .map(({ q }) => ({
      query: oneLine(q, 400),
      calls: { small: small[q].calls, large: large[q].calls },
      mean_ms: { small: round2(mean(small[q])), large: round2(mean(large[q])) },
      growth: round2(mean(large[q]) / mean(small[q])),
    }));
}
