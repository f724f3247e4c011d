import { cachedFigures, cacheKey, IndicatorPeriod, SitesPeer } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { HouseholdComposition, IndicatorReport } from "./indicators.entity";
import { caseFileFigures, CaseFileFigures, householdFigures, peopleFigures, PeopleFigures } from "./indicators.service";

/** One period's key, as every loader below caches it. */
export const periodKey = (p: IndicatorPeriod): string => JSON.stringify([p.from, p.to, p.siteId]);

/** A loader computing one figure group per period, each period on its own (a request asks for one or two). */
function perPeriod<T>(compute: (p: IndicatorPeriod) => Promise<T>): DataLoader<IndicatorPeriod, T, string> {
  return new DataLoader<IndicatorPeriod, T, string>((periods) => Promise.all(periods.map(compute)), {
    cacheKeyFn: periodKey,
  });
}

/**
 * The report's loaders of one request: the entity for a reference, and each
 * group of figures computed once however many fields of the group are asked.
 */
export function createIndicatorLoaders(dataSource: DataSource, sites: SitesPeer) {
  /** The site's residents in the period (asked of housing once), or null for all sites: no ID list then. */
  const scope = async (p: IndicatorPeriod): Promise<string[] | null> =>
    p.siteId == null ? null : [...(await sites.residents({ siteId: p.siteId }, p.from, p.to))];
  /**
   * All sites: every person served is read, so the figures are kept (report_cache) until social's data
   * changes. One site: its residents are few and change with housing's data; computed each time.
   */
  const figures = async <T>(p: IndicatorPeriod, kind: string, compute: (people: string[] | null) => Promise<T>) =>
    p.siteId == null
      ? cachedFigures(dataSource, kind, cacheKey(p.from, p.to), () => compute(null))
      : compute(await scope(p));
  return {
    indicatorReport: perPeriod<IndicatorReport>(async (p) => ({ from: p.from, to: p.to, siteId: p.siteId })),
    indicatorPeople: perPeriod<PeopleFigures>((p) =>
      figures(p, "people", (people) => peopleFigures(dataSource, p.to, people)),
    ),
    indicatorHouseholds: perPeriod<Map<HouseholdComposition, number>>(
      async (p) =>
        new Map(
          await figures(p, "households", async (people) => [...(await householdFigures(dataSource, p.to, people))]),
        ),
    ),
    indicatorCaseFiles: perPeriod<CaseFileFigures>((p) =>
      figures(p, "caseFiles", (people) => caseFileFigures(dataSource, p.from, p.to, people)),
    ),
  };
}
