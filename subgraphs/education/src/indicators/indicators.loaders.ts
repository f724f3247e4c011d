import { cachedFigures, cacheKey, IndicatorPeriod } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { HousingPeer } from "../peers/housing-peer";
import { SchoolAgeCounts, SocialPeer } from "../peers/social-peer";
import { IndicatorReport } from "./indicators.entity";
import { assessedAndWaiting, daysToSchool, enrolledOn } from "./indicators.service";

/** One period's key, as every loader below caches it. */
const periodKey = (p: IndicatorPeriod): string => JSON.stringify([p.from, p.to, p.siteId]);

function perPeriod<T>(compute: (p: IndicatorPeriod) => Promise<T>): DataLoader<IndicatorPeriod, T, string> {
  return new DataLoader<IndicatorPeriod, T, string>((periods) => Promise.all(periods.map(compute)), {
    cacheKeyFn: periodKey,
  });
}

/**
 * The report's loaders of one request: the entity for a reference, and each
 * group of figures computed once however many of its fields are asked.
 */
export function createIndicatorLoaders(dataSource: DataSource, housing: HousingPeer, social: SocialPeer) {
  /** The site's residents in the period (housing, once per request), or null for all sites: no ID list then. */
  const scope = async (p: IndicatorPeriod): Promise<string[] | null> =>
    p.siteId == null ? null : [...(await housing.residents({ siteId: p.siteId }, p.from, p.to))];
  return {
    indicatorReport: perPeriod<IndicatorReport>(async (p) => ({ from: p.from, to: p.to, siteId: p.siteId })),
    indicatorAssessedWaiting: perPeriod(async (p) => assessedAndWaiting(dataSource, p.from, p.to, await scope(p))),
    indicatorDaysToSchool: perPeriod(async (p) => daysToSchool(dataSource, p.from, p.to, await scope(p))),
    /** Social counts the school-age persons served; education says which of them have a place (one call). */
    indicatorSchoolAge: perPeriod<SchoolAgeCounts>(async (p) => {
      const people = await scope(p);
      const ask = async () => social.schoolAgeCounts(p.to, people, await enrolledOn(dataSource, p.to, people));
      // All sites: every enrolment and every person served are read; kept while neither education's data
      // (report_cache's version) nor social's (its version, in the key) changes.
      if (people != null) return ask();
      return cachedFigures(dataSource, "schoolAge", cacheKey(p.to, await social.reportDataVersion()), ask);
    }),
  };
}
