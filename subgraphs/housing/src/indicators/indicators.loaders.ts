import {
  IndicatorPeriod,
  indicatorPeriod,
  indicatorPeriodKey,
  notFound,
  perIndicatorPeriod,
} from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { IndicatorReport } from "./indicators.entity";
import { HousingFigures, housingFigures } from "./indicators.service";

/** Indicator loaders of one request, keyed by the period's JSON. */
export function createIndicatorLoaders(dataSource: DataSource) {
  return {
    /** The report for a checked key; an unknown site is NOT_FOUND (as for occupancySeries), not a report of zeros. */
    indicatorReport: new DataLoader<IndicatorPeriod, IndicatorReport, string>(
      async (periods) => {
        const asked = [...new Set(periods.map((p) => p.siteId).filter((id): id is string => id != null))];
        const known = new Set<string>(
          asked.length
            ? (await dataSource.query(`SELECT id FROM site WHERE id = ANY($1::uuid[])`, [asked])).map(
                (r: { id: string }) => r.id,
              )
            : [],
        );
        return periods.map((p) => (p.siteId != null && !known.has(p.siteId) ? notFound("Site", p.siteId) : p));
      },
      { cacheKeyFn: indicatorPeriodKey },
    ),
    /** Every housing figure of one report, computed once however many fields ask. */
    housingFigures: perIndicatorPeriod<HousingFigures>((p) => housingFigures(dataSource, p)),
  };
}

type IndicatorLoaders = ReturnType<typeof createIndicatorLoaders>;

/** The report for a key from anywhere (the query or an `_entities` representation), checked first. */
export function loadIndicatorReport(
  loaders: IndicatorLoaders,
  ref: { from?: unknown; to?: unknown; siteId?: unknown },
): Promise<IndicatorReport> {
  return loaders.indicatorReport.load(indicatorPeriod(ref));
}
