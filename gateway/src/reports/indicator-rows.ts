import {
  CountValue,
  IndicatorReportData,
  LocatedReport,
  PercentageValue,
  ResultValue,
  StatisticValue,
} from "./indicator-report";

/**
 * What one row's number is: the value in its unit (percent, count, days…), or one of the figures
 * it is built on (numerator, denominator, basis) or measured against (baseline, target).
 */
export type Measure =
  | "percent"
  | "count"
  | "people"
  | "places"
  | "days"
  | "case files"
  | "per centre"
  | "numerator"
  | "denominator"
  | "basis"
  | "baseline"
  | "target";

/** A breakdown cell: age band × sex, household composition, or referral status. */
export type Breakdown =
  | { kind: "AGE_SEX"; ageBand: string | null; sex: string }
  | { kind: "COMPOSITION"; composition: string }
  | { kind: "REFERRAL_STATUS"; status: string };

/** One number of the report: the unit of both exports (a CSV row, a DHIS2 data value). */
export interface IndicatorRow {
  /** The results-matrix code (OUTPUT_1_1…) or the report's field name (placesOccupied…). */
  code: string;
  name: string;
  /** The results-matrix level (Outcome 1, Output 1.1…) or the part of the report (Housing, Care…). */
  level: string;
  measure: Measure;
  breakdown: Breakdown | null;
  /** Null when suppressed, or when there is nothing to measure (no centre, no social worker). */
  value: number | null;
  /** True when a count of 1–4 people is hidden under this number: never written as 0. */
  suppressed: boolean;
  /** Whether the target is met; only on a results-matrix indicator's value row. */
  met: boolean | null;
}

/** The key a mapping file uses for a row: the code, plus the measure unless it is the value itself. */
export function rowKey(row: Pick<IndicatorRow, "code" | "measure">): string {
  return VALUE_MEASURES.has(row.measure) ? row.code : `${row.code}.${row.measure}`;
}

const VALUE_MEASURES = new Set<Measure>(["percent", "count", "people", "places", "days", "case files", "per centre"]);

/** The results matrix's units as measures. */
const UNIT_MEASURE: Record<string, Measure> = { PERCENT: "percent", COUNT: "count", PER_CENTRE: "per centre" };

type FieldKind =
  | { kind: "result" }
  | { kind: "count"; measure: Measure }
  | { kind: "int"; measure: Measure }
  | { kind: "float"; measure: Measure }
  | { kind: "percentage" }
  | { kind: "statistic"; measure: Measure }
  | { kind: "ageSex" }
  | { kind: "composition" }
  | { kind: "referralStatus" };

export interface ReportField {
  field: keyof IndicatorReportData;
  /** The row's wording; a results-matrix indicator brings its own (name, level) in the answer. */
  label: string;
  section: string;
  type: FieldKind;
}

/** Every exported field of IndicatorReport, in the order of the export, with its wording. */
export const REPORT_FIELDS: readonly ReportField[] = [
  { field: "livingConditionsImprovedPct", label: "", section: "", type: { kind: "result" } },
  { field: "centresOperational", label: "", section: "", type: { kind: "result" } },
  { field: "staffTrainedPsea", label: "", section: "", type: { kind: "result" } },
  { field: "staffTrainedMhpss", label: "", section: "", type: { kind: "result" } },
  { field: "feedbackChannelsPerCentre", label: "", section: "", type: { kind: "result" } },
  {
    field: "placesTotal",
    label: "Places (beds) of validated sites on the last day",
    section: "Housing",
    type: { kind: "int", measure: "places" },
  },
  {
    field: "placesOccupied",
    label: "People in an open placement on the last day",
    section: "Housing",
    type: { kind: "count", measure: "people" },
  },
  {
    field: "occupancyRate",
    label: "Occupancy rate (people placed / validated places)",
    section: "Housing",
    type: { kind: "percentage" },
  },
  {
    field: "moveOuts",
    label: "Move-outs in the period",
    section: "Housing",
    type: { kind: "count", measure: "people" },
  },
  {
    field: "averageStayDays",
    label: "Average stay of placements ended in the period",
    section: "Housing",
    type: { kind: "statistic", measure: "days" },
  },
  {
    field: "feedbackReceived",
    label: "Feedback received in the period",
    section: "Care",
    type: { kind: "count", measure: "count" },
  },
  {
    field: "feedbackClosed",
    label: "Feedback closed in the period",
    section: "Care",
    type: { kind: "count", measure: "count" },
  },
  {
    field: "medianFeedbackResponseDays",
    label: "Median days to answer feedback closed in the period",
    section: "Care",
    type: { kind: "statistic", measure: "days" },
  },
  {
    field: "referralsByStatus",
    label: "Referrals made in the period, by status on the last day",
    section: "Care",
    type: { kind: "referralStatus" },
  },
  {
    field: "overdueReferrals",
    label: "Referrals still open past their response time",
    section: "Care",
    type: { kind: "count", measure: "count" },
  },
  {
    field: "personsServed",
    label: "Persons served (registered by the last day)",
    section: "Social",
    type: { kind: "count", measure: "people" },
  },
  {
    field: "personsByAgeAndSex",
    label: "Persons served by age band and sex",
    section: "Social",
    type: { kind: "ageSex" },
  },
  {
    field: "householdsByComposition",
    label: "Households served by composition",
    section: "Social",
    type: { kind: "composition" },
  },
  {
    field: "openCaseFiles",
    label: "Case files open on the last day",
    section: "Social",
    type: { kind: "count", measure: "case files" },
  },
  {
    field: "caseFilesOpened",
    label: "Case files opened in the period",
    section: "Social",
    type: { kind: "count", measure: "case files" },
  },
  {
    field: "caseFilesClosed",
    label: "Case files closed in the period",
    section: "Social",
    type: { kind: "count", measure: "case files" },
  },
  {
    field: "maxCaseload",
    label: "Most open case files of one social worker",
    section: "Social",
    type: { kind: "int", measure: "case files" },
  },
  {
    field: "averageCaseload",
    label: "Average open case files per social worker",
    section: "Social",
    type: { kind: "float", measure: "case files" },
  },
  {
    field: "healthInsuredPct",
    label: "Persons served with health insurance on the last day",
    section: "Social",
    type: { kind: "percentage" },
  },
  {
    field: "childrenAssessed",
    label: "Children assessed in the period",
    section: "Education",
    type: { kind: "count", measure: "people" },
  },
  {
    field: "schoolAgeChildren",
    label: "School-age children (5–17) served",
    section: "Education",
    type: { kind: "count", measure: "people" },
  },
  {
    field: "childrenEnrolledPct",
    label: "School-age children enrolled on the last day",
    section: "Education",
    type: { kind: "percentage" },
  },
  {
    field: "medianDaysToEnrolment",
    label: "Median days from arrival to enrolment",
    section: "Education",
    type: { kind: "statistic", measure: "days" },
  },
  {
    field: "okanWaitingList",
    label: "Children on the OKAN waiting list on the last day",
    section: "Education",
    type: { kind: "count", measure: "people" },
  },
];

export const AGE_BANDS = ["AGE_0_4", "AGE_5_11", "AGE_12_17", "AGE_18_59", "AGE_60_PLUS", null] as const;
export const SEXES = ["FEMALE", "MALE", "OTHER", "UNKNOWN"] as const;
/** The contract's HouseholdComposition, in its order. */
export const COMPOSITIONS = [
  "SINGLE_WOMAN",
  "SINGLE_MAN",
  "SINGLE_ADULT_OTHER",
  "ADULTS_WITH_CHILDREN",
  "ADULTS_ONLY",
  "MINORS_ONLY",
] as const;
export const REFERRAL_STATUSES = [
  "DRAFT",
  "SENT",
  "ACCEPTED",
  "DECLINED",
  "IN_PROGRESS",
  "COMPLETED",
  "CANCELLED",
] as const;

const AGE_LABELS: Record<string, string> = {
  AGE_0_4: "0-4",
  AGE_5_11: "5-11",
  AGE_12_17: "12-17",
  AGE_18_59: "18-59",
  AGE_60_PLUS: "60+",
};

/** A breakdown's stable code, e.g. FEMALE_AGE_0_4, FEMALE_AGE_UNKNOWN, SINGLE_WOMAN, SENT. */
export function breakdownCode(b: Breakdown): string {
  if (b.kind === "AGE_SEX") return `${b.sex}_${b.ageBand ?? "AGE_UNKNOWN"}`;
  return b.kind === "COMPOSITION" ? b.composition : b.status;
}

/** A breakdown's words, e.g. "female, 0-4", "female, age unknown", "single woman", "sent". */
export function breakdownLabel(b: Breakdown): string {
  const words = (code: string) => code.toLowerCase().replace(/_/g, " ");
  if (b.kind === "AGE_SEX") return `${words(b.sex)}, ${b.ageBand ? AGE_LABELS[b.ageBand] : "age unknown"}`;
  return words(b.kind === "COMPOSITION" ? b.composition : b.status);
}

function count(c: CountValue | null | undefined): Pick<IndicatorRow, "value" | "suppressed"> {
  return { value: c?.suppressed ? null : (c?.value ?? null), suppressed: c?.suppressed ?? false };
}

function resultRows(r: ResultValue): IndicatorRow[] {
  const base = { code: r.code, name: r.name, level: r.level, breakdown: null, met: null };
  return [
    { ...base, measure: UNIT_MEASURE[r.unit] ?? "count", value: r.value, suppressed: r.suppressed, met: r.met },
    { ...base, measure: "numerator", value: r.numerator, suppressed: r.suppressed },
    { ...base, measure: "denominator", value: r.denominator, suppressed: r.suppressed },
    { ...base, measure: "baseline", value: r.baseline, suppressed: false },
    { ...base, measure: "target", value: r.target, suppressed: false },
  ];
}

function percentageRows(base: Omit<IndicatorRow, "measure" | "value" | "suppressed">, p: PercentageValue) {
  return [
    { ...base, measure: "percent" as const, value: p.value, suppressed: p.suppressed },
    { ...base, measure: "numerator" as const, value: p.numerator, suppressed: p.suppressed },
    { ...base, measure: "denominator" as const, value: p.denominator, suppressed: p.suppressed },
  ];
}

function statisticRows(
  base: Omit<IndicatorRow, "measure" | "value" | "suppressed">,
  s: StatisticValue,
  measure: Measure,
): IndicatorRow[] {
  return [
    { ...base, measure, value: s.value, suppressed: s.suppressed },
    { ...base, measure: "basis", value: s.basis, suppressed: s.suppressed },
  ];
}

/**
 * The report as rows, one per number: every results-matrix indicator (value, numerator,
 * denominator, baseline, target), every other field (a percentage with its numerator and
 * denominator, a statistic with its basis), and one row per breakdown cell. A suppressed number
 * stays null with `suppressed: true`.
 */
export function indicatorRows(report: IndicatorReportData): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  for (const f of REPORT_FIELDS) {
    const data = report[f.field] as unknown;
    const base = { code: f.field, name: f.label, level: f.section, breakdown: null, met: null };
    switch (f.type.kind) {
      case "result":
        rows.push(...resultRows(data as ResultValue));
        break;
      case "count":
        rows.push({ ...base, measure: f.type.measure, ...count(data as CountValue) });
        break;
      case "int":
      case "float":
        rows.push({ ...base, measure: f.type.measure, value: (data as number | null) ?? null, suppressed: false });
        break;
      case "percentage":
        rows.push(...percentageRows(base, data as PercentageValue));
        break;
      case "statistic":
        rows.push(...statisticRows(base, data as StatisticValue, f.type.measure));
        break;
      case "ageSex":
        for (const cell of data as IndicatorReportData["personsByAgeAndSex"])
          rows.push({
            ...base,
            measure: "people",
            breakdown: { kind: "AGE_SEX", ageBand: cell.ageBand, sex: cell.sex },
            ...count(cell.count),
          });
        break;
      case "composition":
        for (const cell of data as IndicatorReportData["householdsByComposition"])
          rows.push({
            ...base,
            measure: "count",
            breakdown: { kind: "COMPOSITION", composition: cell.composition },
            ...count(cell.count),
          });
        break;
      case "referralStatus":
        for (const cell of data as IndicatorReportData["referralsByStatus"])
          rows.push({
            ...base,
            measure: "count",
            breakdown: { kind: "REFERRAL_STATUS", status: cell.status },
            ...count(cell.count),
          });
        break;
    }
  }
  return rows;
}

/** Where the report applies, in words: the site, or the whole city. */
export function locationName(located: LocatedReport): string {
  return located.site?.name ?? "Ghent (all sites)";
}
