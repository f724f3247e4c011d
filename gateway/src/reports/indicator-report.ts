/**
 * The one GraphQL operation both exports run through the gateway (`indicators` and, for a site, its
 * name), and the shape of its answer: the IndicatorReport contract of issue 10.
 */

export const INDICATORS_OPERATION_NAME = "IndicatorsExport";

const COUNT = "{ value suppressed }";
const PERCENTAGE = "{ value numerator denominator suppressed }";
const STATISTIC = "{ value basis suppressed }";
const RESULT = "{ code level name unit value numerator denominator suppressed baseline target met }";

/** Every field of the report the exports carry, each with its selection. */
export const REPORT_SELECTION = `
    from
    to
    siteId
    centresOperational ${RESULT}
    placesTotal
    placesOccupied ${COUNT}
    occupancyRate ${PERCENTAGE}
    moveOuts ${COUNT}
    averageStayDays ${STATISTIC}
    livingConditionsImprovedPct ${RESULT}
    staffTrainedPsea ${RESULT}
    staffTrainedMhpss ${RESULT}
    feedbackChannelsPerCentre ${RESULT}
    feedbackReceived ${COUNT}
    feedbackClosed ${COUNT}
    medianFeedbackResponseDays ${STATISTIC}
    referralsByStatus { status count ${COUNT} }
    overdueReferrals ${COUNT}
    personsServed ${COUNT}
    personsByAgeAndSex { ageBand sex count ${COUNT} }
    householdsByComposition { composition count ${COUNT} }
    openCaseFiles ${COUNT}
    caseFilesOpened ${COUNT}
    caseFilesClosed ${COUNT}
    maxCaseload
    averageCaseload
    healthInsuredPct ${PERCENTAGE}
    childrenAssessed ${COUNT}
    schoolAgeChildren ${COUNT}
    childrenEnrolledPct ${PERCENTAGE}
    medianDaysToEnrolment ${STATISTIC}
    okanWaitingList ${COUNT}`;

/**
 * The export's operation. With a site, the same operation also asks the site's name (for the
 * location column and the DHIS2 organisation unit); `site` needs a non-null ID, hence two texts.
 */
export function indicatorsOperation(withSite: boolean): string {
  const variables = withSite ? "$from: Date!, $to: Date!, $siteId: ID!" : "$from: Date!, $to: Date!";
  const site = withSite ? "\n  site(id: $siteId) { id name }" : "";
  return `query ${INDICATORS_OPERATION_NAME}(${variables}) {
  indicators(from: $from, to: $to${withSite ? ", siteId: $siteId" : ""}) {${REPORT_SELECTION}
  }${site}
}`;
}

export interface CountValue {
  value: number | null;
  suppressed: boolean;
}

export interface PercentageValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}

export interface StatisticValue {
  value: number | null;
  basis: number | null;
  suppressed: boolean;
}

export interface ResultValue {
  code: string;
  level: string;
  name: string;
  unit: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  baseline: number;
  target: number;
  met: boolean | null;
}

export interface IndicatorReportData {
  from: string;
  to: string;
  siteId: string | null;
  centresOperational: ResultValue;
  placesTotal: number;
  placesOccupied: CountValue;
  occupancyRate: PercentageValue;
  moveOuts: CountValue;
  averageStayDays: StatisticValue;
  livingConditionsImprovedPct: ResultValue;
  staffTrainedPsea: ResultValue;
  staffTrainedMhpss: ResultValue;
  feedbackChannelsPerCentre: ResultValue;
  feedbackReceived: CountValue;
  feedbackClosed: CountValue;
  medianFeedbackResponseDays: StatisticValue;
  referralsByStatus: { status: string; count: CountValue }[];
  overdueReferrals: CountValue;
  personsServed: CountValue;
  personsByAgeAndSex: { ageBand: string | null; sex: string; count: CountValue }[];
  householdsByComposition: { composition: string; count: CountValue }[];
  openCaseFiles: CountValue;
  caseFilesOpened: CountValue;
  caseFilesClosed: CountValue;
  maxCaseload: number;
  averageCaseload: number | null;
  healthInsuredPct: PercentageValue;
  childrenAssessed: CountValue;
  schoolAgeChildren: CountValue;
  childrenEnrolledPct: PercentageValue;
  medianDaysToEnrolment: StatisticValue;
  okanWaitingList: CountValue;
}

/** The report with where it applies: the site's name, or the whole city when no site is asked. */
export interface LocatedReport {
  report: IndicatorReportData;
  site: { id: string; name: string } | null;
}
