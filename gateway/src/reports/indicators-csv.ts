import { csvDocument } from "./csv";
import { LocatedReport } from "./indicator-report";
import { breakdownCode, breakdownLabel, IndicatorRow, indicatorRows, locationName } from "./indicator-rows";

interface Column {
  header: string;
  /** The column's HXL hashtag and attributes (HXL 1.1 core only: see hxl-dictionary.json). */
  hxl: string;
  cell(row: IndicatorRow, located: LocatedReport): string | number | null;
}

/** The people-count columns a breakdown cell also fills, so that HXL tools can sum by sex, age or household. */
const SEX_TAG: Record<string, string> = { FEMALE: "f", MALE: "m", OTHER: "i" };
const AGE_TAG: Record<string, string> = {
  AGE_0_4: "children",
  AGE_5_11: "children",
  AGE_12_17: "children",
  AGE_18_59: "adults",
  AGE_60_PLUS: "elderly",
};

function disaggregated(attribute: string) {
  return (row: IndicatorRow): number | null => {
    const b = row.breakdown;
    if (!b || row.value == null) return null;
    if (b.kind === "AGE_SEX") {
      return SEX_TAG[b.sex] === attribute || (b.ageBand != null && AGE_TAG[b.ageBand] === attribute) ? row.value : null;
    }
    return b.kind === "COMPOSITION" && attribute === "hh" ? row.value : null;
  };
}

/**
 * The columns of the indicators CSV: one row per number of the report (long format), so every
 * results-matrix indicator, every field and every breakdown cell is a row, and the number is always
 * in the Value column (#indicator+num). A suppressed number is an empty cell with "true" under
 * Suppressed, never 0. Percent repeats a percentage under #indicator+pct. The last seven columns repeat the value of a breakdown cell under the sex,
 * age group or household column it belongs to (HXL's disaggregation attributes).
 */
export const CSV_COLUMNS: readonly Column[] = [
  { header: "Indicator code", hxl: "#indicator+code", cell: (r) => r.code },
  { header: "Indicator", hxl: "#indicator+name", cell: (r) => r.name },
  { header: "Level", hxl: "#activity+type", cell: (r) => r.level },
  { header: "Measure", hxl: "#indicator+type", cell: (r) => r.measure },
  { header: "Breakdown", hxl: "#beneficiary+name", cell: (r) => (r.breakdown ? breakdownLabel(r.breakdown) : null) },
  {
    header: "Breakdown code",
    hxl: "#beneficiary+code",
    cell: (r) => (r.breakdown ? breakdownCode(r.breakdown) : null),
  },
  { header: "Location", hxl: "#loc+name", cell: (_r, l) => locationName(l) },
  { header: "Site ID", hxl: "#loc+code", cell: (_r, l) => l.site?.id ?? null },
  { header: "Period start", hxl: "#date+start", cell: (_r, l) => l.report.from },
  { header: "Period end", hxl: "#date+end", cell: (_r, l) => l.report.to },
  { header: "Value", hxl: "#indicator+num", cell: (r) => r.value },
  // The same number again when it is a percentage, so that HXL tools tell shares from counts.
  { header: "Percent", hxl: "#indicator+pct", cell: (r) => (r.measure === "percent" ? r.value : null) },
  { header: "Target met", hxl: "#status+name", cell: (r) => (r.met == null ? null : r.met ? "met" : "not met") },
  { header: "Suppressed", hxl: "#meta", cell: (r) => String(r.suppressed) },
  { header: "Female", hxl: "#reached+f", cell: disaggregated("f") },
  { header: "Male", hxl: "#reached+m", cell: disaggregated("m") },
  { header: "Other sex", hxl: "#reached+i", cell: disaggregated("i") },
  { header: "Children 0-17", hxl: "#reached+children", cell: disaggregated("children") },
  { header: "Adults 18-59", hxl: "#reached+adults", cell: disaggregated("adults") },
  { header: "Elderly 60+", hxl: "#reached+elderly", cell: disaggregated("elderly") },
  { header: "Households", hxl: "#reached+hh", cell: disaggregated("hh") },
];

/** The indicators CSV: a header row, the HXL hashtag row, then one row per number. */
export function indicatorsCsv(located: LocatedReport): string {
  const rows = indicatorRows(located.report);
  return csvDocument([
    CSV_COLUMNS.map((c) => c.header),
    CSV_COLUMNS.map((c) => c.hxl),
    ...rows.map((row) => CSV_COLUMNS.map((c) => c.cell(row, located))),
  ]);
}
