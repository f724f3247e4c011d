import { IndicatorPeriod, IndicatorReportEntity } from "@reception-graph/kit";

/** One report, four contributors (graph.md): housing owns the entry point, education adds schooling. */
@IndicatorReportEntity("Indicators for a period (and optionally one site); each subgraph adds its own fields.")
export class IndicatorReport implements IndicatorPeriod {
  from: string;
  to: string;
  siteId: string | null;
}
