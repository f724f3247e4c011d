import { cachedFigures, cacheKey, IndicatorPeriod, perIndicatorPeriod, SitesPeer } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { HouseholdComposition, IndicatorReport } from "./indicators.entity";
import { caseFileFigures, CaseFileFigures, householdFigures, peopleFigures, PeopleFigures } from "./indicators.service";

/**
 * The report's loaders of one request: the entity for a reference, and each
 * group of figures computed once however many fields of the group are asked.
 */
export function createIndicatorLoaders(dataSource: DataSource, sites: SitesPeer) {
  /**
   * All sites: every person served is read, so the figures are kept (report_cache) until social's data
   * changes. One site: its residents are few and change with housing's data; computed each time.
   */
  const figures = async <T>(p: IndicatorPeriod, kind: string, compute: (people: string[] | null) => Promise<T>) =>
    p.siteId == null
      ? cachedFigures(dataSource, kind, cacheKey(p.from, p.to), () => compute(null))
      : compute(await sites.periodResidents(p));
  return {
    indicatorReport: perIndicatorPeriod<IndicatorReport>(async (p) => ({ from: p.from, to: p.to, siteId: p.siteId })),
    indicatorPeople: perIndicatorPeriod<PeopleFigures>((p) =>
      figures(p, "people", (people) => peopleFigures(dataSource, p.to, people)),
    ),
    indicatorHouseholds: perIndicatorPeriod<Map<HouseholdComposition, number>>(
      async (p) =>
        new Map(
          await figures(p, "households", async (people) => [...(await householdFigures(dataSource, p.to, people))]),
        ),
    ),
    indicatorCaseFiles: perIndicatorPeriod<CaseFileFigures>((p) =>
      figures(p, "caseFiles", (people) => caseFileFigures(dataSource, p.from, p.to, people)),
    ),
  };
}
