import { IndicatorPeriod, SitesPeer } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { livingConditionsImproved } from "../living-conditions/living-conditions.service";
import { IndicatorReport } from "./indicators.entity";
import { channelsPerSite, feedbackFigures, referralFigures, trainedFigures } from "./indicators.service";

/** A report's key as a loader key: the same JSON whatever order the representation's fields came in. */
export function periodKey(p: IndicatorPeriod): string {
  return JSON.stringify({ from: p.from, to: p.to, siteId: p.siteId });
}

/** One loader per computation, keyed by the period: fields that share a statement run it once per request. */
function byPeriod<T>(compute: (p: IndicatorPeriod) => Promise<T>): DataLoader<string, T> {
  return new DataLoader<string, T>((keys) => Promise.all(keys.map((k) => compute(JSON.parse(k) as IndicatorPeriod))));
}

/** Indicator loaders of one request (per request); housing is the request's SitesPeer. */
export function createIndicatorLoaders(dataSource: DataSource, housing: SitesPeer) {
  /** The site's residents in the period, or null (everyone: housing is not asked, no ID list is built). */
  const residents = async (p: IndicatorPeriod): Promise<string[] | null> =>
    p.siteId == null ? null : [...(await housing.residents({ siteId: p.siteId }, p.from, p.to))];
  return {
    indicatorReport: byPeriod<IndicatorReport>(async (p) => ({ from: p.from, to: p.to, siteId: p.siteId })),
    indicatorReferrals: byPeriod(async (p) => referralFigures(dataSource, p.from, p.to, await residents(p))),
    indicatorFeedback: byPeriod((p) => feedbackFigures(dataSource, p.from, p.to, p.siteId)),
    indicatorTrained: byPeriod((p) => trainedFigures(dataSource, p.to, p.siteId)),
    indicatorLivingConditions: byPeriod((p) => livingConditionsImproved(dataSource, p.siteId, p.from, p.to)),
    /** Feedback channels of each centre operational in the period (housing says which), in housing's order. */
    indicatorCentreChannels: byPeriod(async (p) =>
      channelsPerSite(dataSource, await housing.operationalCentres(p.from, p.to, p.siteId)),
    ),
  };
}
