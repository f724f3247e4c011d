import { IndicatorPeriod, IndicatorReportEntity } from "@reception-graph/kit";

/**
 * The report's key; housing resolves the housing figures (see the resolver),
 * the other subgraphs contribute theirs to the same entity.
 */
@IndicatorReportEntity(
  "Indicators for a period (and optionally one site), each resolved by the subgraph that owns the data; every count of people in it is suppressed when 1–4.",
)
export class IndicatorReport implements IndicatorPeriod {
  from: string;
  to: string;
  siteId: string | null;
}
