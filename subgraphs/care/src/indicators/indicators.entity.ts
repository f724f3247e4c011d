import { IndicatorPeriod, IndicatorReportEntity } from "@reception-graph/kit";

/**
 * Care's part of the one report (graph.md): the same entity every subgraph
 * contributes fields to, keyed by its period and site. The key is not
 * personal; each figure is declared AGGREGATES on its field resolver.
 */
@IndicatorReportEntity(
  "The indicators of one period (and optionally one site), contributed by every subgraph. Care's fields: living " +
    "conditions, staff trained, feedback mechanism, referrals.",
)
export class IndicatorReport implements IndicatorPeriod {
  from: string;
  to: string;
  siteId: string | null;
}
