import { perIndicatorPeriod, SitesPeer } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { livingConditionsImproved } from "../living-conditions/living-conditions.service";
import { IndicatorReport } from "./indicators.entity";
import { channelsPerSite, feedbackFigures, referralFigures, trainedFigures } from "./indicators.service";

/** Indicator loaders of one request (per request); housing is the request's SitesPeer. */
export function createIndicatorLoaders(dataSource: DataSource, housing: SitesPeer) {
  return {
    indicatorReport: perIndicatorPeriod<IndicatorReport>(async (p) => ({ from: p.from, to: p.to, siteId: p.siteId })),
    indicatorReferrals: perIndicatorPeriod(async (p) =>
      referralFigures(dataSource, p.from, p.to, await housing.periodResidents(p)),
    ),
    indicatorFeedback: perIndicatorPeriod((p) => feedbackFigures(dataSource, p.from, p.to, p.siteId)),
    indicatorTrained: perIndicatorPeriod((p) => trainedFigures(dataSource, p.to, p.siteId)),
    indicatorLivingConditions: perIndicatorPeriod((p) => livingConditionsImproved(dataSource, p.siteId, p.from, p.to)),
    /** Feedback channels of each centre operational in the period (housing says which), in housing's order. */
    indicatorCentreChannels: perIndicatorPeriod(async (p) =>
      channelsPerSite(dataSource, await housing.operationalCentres(p.from, p.to, p.siteId)),
    ),
  };
}
