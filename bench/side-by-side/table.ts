/** The side-by-side figures as the table: medians of the rounds, ratios per round then their median. */
export function sideBySideTable(results: Record<string, any>): string {
  const lines = [
    `Side by side: ${results.persons} persons, ${results.rounds} rounds, ${results.concurrency} concurrent, ` +
      `servers ${results.pinning.servers}, load ${results.pinning.load_generator} (medians of the rounds)`,
    "",
    "| operation | gateway | req/s | p95 ms | CPU ms/request: gateway + subgraphs + PostgreSQL = total | SQL/request | audit B/request | failures |",
    "|---|---|---|---|---|---|---|---|",
  ];
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  for (const [op, perGateway] of Object.entries<any>(results.medians)) {
    for (const [g, m] of Object.entries<any>(perGateway)) {
      if (g === "ratios") continue;
      const c = m.cpu_ms_per_request;
      lines.push(
        `| ${op} | ${g} | ${m.requests_per_second} | ${m.p95_ms} | ${c.gateway} + ${c.subgraphs} + ${c.postgres} = ${c.total} | ` +
          `${Math.round(sum(m.sql_statements_per_request) * 100) / 100} | ${sum(m.audit_bytes_per_request)} | ${m.failures} |`,
      );
    }
  }
  lines.push(
    "",
    "| operation | throughput ours/Hive | ours/Hive+router-runtime | gateway CPU ours/Hive | ours/Hive+rr | ours/direct |",
    "|---|---|---|---|---|---|",
  );
  for (const [op, perGateway] of Object.entries<any>(results.medians)) {
    const r = perGateway.ratios;
    const f = (x: { median: number; per_round: number[] } | undefined) =>
      x ? `${x.median} (${x.per_round.join(", ")})` : "";
    lines.push(
      `| ${op} | ${f(r.throughput_ours_to_hive)} | ${f(r.throughput_ours_to_hive_router_runtime)} | ` +
        `${f(r.gateway_cpu_ours_to_hive)} | ${f(r.gateway_cpu_ours_to_hive_router_runtime)} | ${f(r.throughput_ours_to_direct)} |`,
    );
  }
  lines.push(
    "",
    "RSS MB after each round: " +
      results.rss_mb_after_each_round.map((r: any) => `${r.gateway}#${r.round} ${r.rss_mb}`).join(", "),
  );
  return lines.join("\n");
}
