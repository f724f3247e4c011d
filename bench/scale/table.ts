/** The scale figures as tables: p95 growth against issue 13's limits, then SQL statements per request. */
export function scaleTable(results: Record<string, any>): string {
  const perSubgraph = (c: Record<string, number>) =>
    ["social", "housing", "care", "education"].map((n) => `${n[0]} ${c[n]}`).join(" · ");
  const lines = [
    `Scale: ${results.persons.small} and ${results.persons.large} persons (seed ${results.seed}; seeded in ` +
      `${results.seed_seconds.small} s and ${results.seed_seconds.large} s), ${results.rounds} rounds, ` +
      `${results.concurrency} concurrent, servers ${results.pinning.servers}, load ${results.pinning.load_generator}`,
    "",
    "| operation | p50 / p95 ms small | p50 / p95 ms large | p95 large/small (per round) | limit | met | failures |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const [op, l] of Object.entries<any>(results.latency)) {
    const v = l.p95_large_to_small;
    lines.push(
      `| ${op} | ${l.small.p50_ms} / ${l.small.p95_ms} | ${l.large.p50_ms} / ${l.large.p95_ms} | ` +
        `${v.median} (${v.per_round.join(", ")}) | ${v.limit} | ${v.met ? "met" : "NOT MET"} | ` +
        `${l.small.failures + l.large.failures} |`,
    );
  }
  const s = results.sql_statements_per_request;
  lines.push(
    "",
    "SQL statements per request (social · housing · care · education; medians of the rounds)",
    "",
    "| operation | small | large | identical |",
    "|---|---|---|---|",
  );
  for (const [op, c] of Object.entries<any>(s.by_size))
    lines.push(`| ${op} | ${perSubgraph(c.small)} | ${perSubgraph(c.large)} | ${c.identical ? "yes" : "NO"} |`);
  const labels = Object.keys(Object.values<any>(s.by_page_size)[0] ?? {}).filter((k) => k.includes("/"));
  lines.push("", `| operation | ${labels.join(" | ")} | identical |`, `|---|${labels.map(() => "---|").join("")}---|`);
  for (const [op, c] of Object.entries<any>(s.by_page_size))
    lines.push(
      `| ${op} | ${labels.map((k) => `${perSubgraph(c[k])} (p95 ${c.p95_ms[k]} ms)`).join(" | ")} | ${c.identical ? "yes" : "NO"} |`,
    );
  const differ = [...Object.entries<any>(s.by_size), ...Object.entries<any>(s.by_page_size)].filter(
    ([, c]) => !c.identical,
  );
  lines.push(
    "",
    s.identical_everywhere
      ? "SQL statements per request: identical at both sizes and page sizes."
      : "SQL statements per request differ (calls per request of each statement that differs):",
  );
  for (const [op, c] of differ) {
    lines.push(`  ${op}: ${c.differences.join("; ")}`);
    // The JSON has them all; a few per subgraph say which kind of statement it is.
    for (const [n, statements] of Object.entries<string[]>(c.why)) {
      for (const w of statements.slice(0, 4)) lines.push(`    ${n}: ${w}`);
      if (statements.length > 4) lines.push(`    ${n}: … ${statements.length - 4} more in the JSON`);
    }
  }
  lines.push("", "Statements whose mean time grew most, small → large (ms per call, calls in the timed rounds):");
  for (const [n, grown] of Object.entries<any[]>(results.statements_grown_most))
    for (const g of grown.slice(0, 3))
      lines.push(
        `  ${n}: ${g.mean_ms.small} → ${g.mean_ms.large} ms (×${g.growth}; ${g.calls.small} / ${g.calls.large} calls) ` +
          `${g.query.slice(0, 160)}`,
      );
  return lines.join("\n");
}
