import { cachedFigures, cacheKey, perIndicatorPeriod } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { HousingPeer } from "../peers/housing-peer";
import { SchoolAgeCounts, SocialPeer } from "../peers/social-peer";
import { IndicatorReport } from "./indicators.entity";
import { assessedAndWaiting, daysToSchool, enrolledOn } from "./indicators.service";

/**
 * The report's loaders of one request: the entity for a reference, and each
 * group of figures computed once however many of its fields are asked.
 */
export function createIndicatorLoaders(dataSource: DataSource, housing: HousingPeer, social: SocialPeer) {
  return {
    indicatorReport: perIndicatorPeriod<IndicatorReport>(async (p) => ({ from: p.from, to: p.to, siteId: p.siteId })),
    indicatorAssessedWaiting: perIndicatorPeriod(async (p) =>
      assessedAndWaiting(dataSource, p.from, p.to, await housing.periodResidents(p)),
    ),
    indicatorDaysToSchool: perIndicatorPeriod(async (p) =>
      daysToSchool(dataSource, p.from, p.to, await housing.periodResidents(p)),
    ),
    /** Social counts the school-age persons served; education says which of them have a place (one call). */
    indicatorSchoolAge: perIndicatorPeriod<SchoolAgeCounts>(async (p) => {
      const people = await housing.periodResidents(p);
      const ask = async () => social.schoolAgeCounts(p.to, people, await enrolledOn(dataSource, p.to, people));
      // All sites: every enrolment and every person served are read; kept while neither education's data
      // (report_cache's version) nor social's (its version, in the key) changes.
      if (people != null) return ask();
      return cachedFigures(dataSource, "schoolAge", cacheKey(p.to, await social.reportDataVersion()), ask);
    }),
  };
}
