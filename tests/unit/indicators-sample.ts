import { RESULTS_MATRIX } from "@reception-graph/kit";
import { CountValue, IndicatorReportData, ResultValue } from "../../gateway/src/reports/indicator-report";
import { AGE_BANDS, COMPOSITIONS, REFERRAL_STATUSES, SEXES } from "../../gateway/src/reports/indicator-rows";

const shown = (value: number): CountValue => ({ value, suppressed: false });
const hidden: CountValue = { value: null, suppressed: true };

function result(
  key: keyof typeof RESULTS_MATRIX,
  value: number | null,
  numerator: number | null,
  denominator: number | null,
): ResultValue {
  const row = RESULTS_MATRIX[key];
  return { ...row, value, numerator, denominator, suppressed: false, met: value == null ? null : value >= row.target };
}

/**
 * A report with every field and every breakdown cell, as the graph would answer it: some cells
 * suppressed (FEMALE 0-4 is 3 people, MALE 0-4 hidden with it by complementary suppression), some 0.
 */
export function sampleReport(overrides: Partial<IndicatorReportData> = {}): IndicatorReportData {
  return {
    from: "2022-05-01",
    to: "2022-05-31",
    siteId: null,
    livingConditionsImprovedPct: result("livingConditionsImproved", 80, 8, 10),
    centresOperational: result("centresOperational", 2, null, null),
    staffTrainedPsea: result("staffTrainedPsea", 3, null, null),
    staffTrainedMhpss: result("staffTrainedMhpss", 4, null, null),
    feedbackChannelsPerCentre: result("feedbackChannelsPerCentre", 1, 2, 2),
    placesTotal: 86,
    placesOccupied: shown(40),
    occupancyRate: { value: 46.5, numerator: 40, denominator: 86, suppressed: false },
    moveOuts: hidden,
    averageStayDays: { value: null, basis: null, suppressed: true },
    feedbackReceived: shown(12),
    feedbackClosed: shown(0),
    medianFeedbackResponseDays: { value: null, basis: null, suppressed: false },
    referralsByStatus: REFERRAL_STATUSES.map((status) => ({ status, count: status === "SENT" ? shown(6) : shown(0) })),
    overdueReferrals: shown(0),
    personsServed: shown(40),
    personsByAgeAndSex: AGE_BANDS.flatMap((ageBand) =>
      SEXES.map((sex) => ({
        ageBand,
        sex,
        count:
          ageBand === "AGE_0_4" && (sex === "FEMALE" || sex === "MALE")
            ? hidden
            : ageBand === "AGE_18_59" && sex === "FEMALE"
              ? shown(20)
              : ageBand === "AGE_18_59" && sex === "MALE"
                ? shown(11)
                : shown(0),
      })),
    ),
    householdsByComposition: COMPOSITIONS.map((composition) => ({
      composition,
      count: composition === "ADULTS_WITH_CHILDREN" ? shown(9) : composition === "SINGLE_WOMAN" ? hidden : shown(0),
    })),
    openCaseFiles: shown(10),
    caseFilesOpened: shown(5),
    caseFilesClosed: hidden,
    maxCaseload: 6,
    averageCaseload: 3.3,
    healthInsuredPct: { value: 87.5, numerator: 35, denominator: 40, suppressed: false },
    childrenAssessed: shown(0),
    schoolAgeChildren: shown(7),
    childrenEnrolledPct: { value: null, numerator: null, denominator: null, suppressed: true },
    medianDaysToEnrolment: { value: 12.5, basis: 6, suppressed: false },
    okanWaitingList: hidden,
    ...overrides,
  };
}
