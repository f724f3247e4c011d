import { IndicatorPeriod, indicatorPeriod, notFound } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { IndicatorReport } from "./indicators.entity";
import { HousingFigures, housingFigures } from "./indicators.service";

/** A checked period as a loader key: the same period, the same key, whatever order the fields came in. */
export function periodKey(period: IndicatorPeriod): string {
  return JSON.stringify({ from: period.from, to: period.to, siteId: period.siteId });
}

/** Indicator loaders of one request, keyed by the period's JSON. */
export function createIndicatorLoaders(dataSource: DataSource) {
  return {
    /** The report for a checked key; an unknown site is NOT_FOUND (as for occupancySeries), not a report of zeros. */
    indicatorReport: new DataLoader<string, IndicatorReport>(async (keys) => {
      const periods = keys.map((k) => JSON.parse(k) as IndicatorPeriod);
      const asked = [...new Set(periods.map((p) => p.siteId).filter((id): id is string => id != null))];
      const known = new Set<string>(
        asked.length
          ? (await dataSource.query(`SELECT id FROM site WHERE id = ANY($1::uuid[])`, [asked])).map(
              (r: { id: string }) => r.id,
            )
          : [],
      );
      return periods.map((p) => (p.siteId != null && !known.has(p.siteId) ? notFound("Site", p.siteId) : p));
    }),
    /** Every housing figure of one report, computed once however many fields ask. */
    housingFigures: new DataLoader<string, HousingFigures>((keys) =>
      Promise.all(keys.map((k) => housingFigures(dataSource, JSON.parse(k) as IndicatorPeriod))),
    ),
  };
}

type IndicatorLoaders = ReturnType<typeof createIndicatorLoaders>;

/** The report for a key from anywhere (the query or an `_entities` representation), checked first. */
export function loadIndicatorReport(
  loaders: IndicatorLoaders,
  ref: { from?: unknown; to?: unknown; siteId?: unknown },
): Promise<IndicatorReport> {
  return loaders.indicatorReport.load(periodKey(indicatorPeriod(ref)));
}
